package dev.ward.internal.token;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jose.util.JSONStringUtils;
import dev.ward.AuthError;
import dev.ward.AuthException;
import dev.ward.AuthenticatedUser;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issues and verifies Ward's access tokens: JWS compact serialisation with header
 * {@code typ: at+jwt}, signed by one key of a key set. This is the one implementation of the
 * verification rules, used by {@code AuthManager.authenticate} and by the stand-alone
 * {@code AccessTokenVerifier}.
 *
 * <p>Verification, in order: size cap (before any parsing); exactly three non-empty
 * base64url parts; a header that names a known {@code kid}, the {@code alg} of that key and no
 * other, {@code typ} {@code at+jwt}, and no {@code crit}; the signature; then the claims
 * {@code iss}, {@code aud}, {@code exp} and {@code iat} (required), {@code nbf} (if present), with
 * the configured clock skew, and {@code sub} and {@code sid}. The header parameters
 * {@code jku}, {@code x5u}, {@code x5c} and {@code jwk} are never read: a token cannot bring
 * its own key. JSON is parsed by Nimbus JOSE+JWT; only the header is parsed before the
 * signature is checked.
 *
 * <p>Immutable and thread-safe.
 */
public final class AccessTokenCodec {

    /** The largest token accepted, in characters: larger ones are refused before parsing. */
    public static final int MAX_TOKEN_LENGTH = 8 * 1024;
    private static final int HEADER_CACHE_LIMIT = 16;
    /**
     * The largest NumericDate accepted, 9999-12-31T23:59:59Z, either side of the epoch: beyond
     * it a date is nonsense, and beyond {@link Instant}'s range it cannot even be represented.
     */
    private static final long MAX_NUMERIC_DATE = 253_402_300_799L;

    private final Map<String, KeyMaterial> keysByKid;
    private final KeyMaterial signingKey;
    private final String issuer;
    private final String audience;
    private final long skewSeconds;
    private final Clock clock;
    private final String signingHeader;
    /** The start of every payload: {@code {"iss":...,"aud":...}} without its closing brace. */
    private final String claimsHead;
    /**
     * Header parts (base64url text) of verified tokens with the key each names. Copy on write:
     * a manager sees one or two headers per key, and a scan of so few beats hashing the text.
     */
    private volatile CheckedHeader[] checkedHeaders = new CheckedHeader[0];

    private record CheckedHeader(String text, KeyMaterial key) {
    }
    /** Whole token text to its verified result, for tokens presented again; bounded. */
    private final ConcurrentHashMap<TokenKey, Verified> verified;
    /** Secret seed of the cache's hash, so that no one can aim tokens at one hash bucket. */
    private final long cacheSeed = new java.security.SecureRandom().nextLong();
    /**
     * Fingerprints of tokens verified once but not cached: a token enters the cache the second
     * time it is verified. A token seen once and never again (a client that logs in, calls
     * once and leaves, or an attacker's stream of fresh tokens) then costs no cache entry and
     * no garbage; a client's token, presented on every request, is cached from its second
     * request on. Direct-mapped and racy by design: a lost or overwritten slot only delays
     * caching by one request.
     */
    private final long[] seenOnce;
    private final int verifiedLimit;

    /**
     * A token as a cache key. Each request brings the token as a new string, so its own hash
     * would be computed over all of its few hundred characters every time; this one hashes only
     * the last 32 characters (in the signature, so distinct between tokens), seeded with a
     * secret, and {@code equals} still compares the whole text.
     */
    private static final class TokenKey {
        private final String token;
        private final long fingerprint;
        private final int hash;

        TokenKey(String token, long seed) {
            this.token = token;
            long h = seed ^ token.length();
            for (int i = Math.max(0, token.length() - 32); i < token.length(); i++) {
                h = (h ^ token.charAt(i)) * 0x9E3779B97F4A7C15L;
                h ^= h >>> 29;
            }
            this.fingerprint = h == 0 ? 1 : h;
            this.hash = (int) (h ^ (h >>> 32));
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof TokenKey key && key.hash == hash && key.token.equals(token);
        }
    }

    /** A verified token's result and the instants that are checked again at every hit. */
    private record Verified(AuthenticatedUser user, long expiresAt, long notBefore) {
    }

    /**
     * Creates a codec.
     *
     * @param keys every key that may verify a token, each with a unique kid
     * @param signingKey the key that signs, or null for a codec that only verifies
     * @param issuer the {@code iss} to put in and require
     * @param audience the {@code aud} to put in and require
     * @param clockSkew the tolerance for {@code exp}, {@code nbf} and {@code iat}
     * @param clock the clock
     * @param verifiedCacheSize how many verified tokens to remember, 0 for none
     */
    public AccessTokenCodec(Collection<KeyMaterial> keys, KeyMaterial signingKey, String issuer, String audience,
                            Duration clockSkew, Clock clock, int verifiedCacheSize) {
        if (verifiedCacheSize < 0) {
            throw new IllegalArgumentException("verifiedCacheSize must not be negative");
        }
        this.verifiedLimit = verifiedCacheSize;
        this.verified = new ConcurrentHashMap<>(Math.min(verifiedCacheSize, 1 << 16));
        this.seenOnce = new long[verifiedCacheSize == 0 ? 0
                : Integer.highestOneBit(Math.min(Math.max(verifiedCacheSize, 1024), 1 << 16) * 2 - 1)];
        Map<String, KeyMaterial> map = new LinkedHashMap<>();
        for (KeyMaterial key : keys) {
            if (map.put(key.kid(), key) != null) {
                throw new IllegalArgumentException("two keys have the kid " + key.kid());
            }
        }
        this.keysByKid = Map.copyOf(map);
        this.signingKey = signingKey;
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.audience = Objects.requireNonNull(audience, "audience");
        this.skewSeconds = clockSkew.toSeconds();
        this.clock = Objects.requireNonNull(clock, "clock");
        Map<String, Object> head = new LinkedHashMap<>();
        head.put("iss", issuer);
        head.put("aud", audience);
        String headJson = JSONObjectUtils.toJSONString(head);
        this.claimsHead = headJson.substring(0, headJson.length() - 1);
        if (signingKey != null) {
            if (!signingKey.canSign()) {
                throw new IllegalArgumentException("the signing key " + signingKey.kid() + " is verify-only");
            }
            Map<String, Object> header = new LinkedHashMap<>();
            header.put("alg", signingKey.algorithm().jwsName());
            header.put("typ", "at+jwt");
            header.put("kid", signingKey.kid());
            this.signingHeader = Base64Url.encode(JSONObjectUtils.toJSONString(header).getBytes(StandardCharsets.UTF_8));
        } else {
            this.signingHeader = null;
        }
    }

    /**
     * Issues a signed access token.
     *
     * @param subject the user id ({@code sub})
     * @param sessionId the session id ({@code sid})
     * @param roles the roles ({@code roles})
     * @param issuedAt {@code iat}, in whole seconds
     * @param expiresAt {@code exp}, in whole seconds
     * @param tokenId {@code jti}
     * @return the compact JWS
     * @throws IllegalStateException if this codec has no signing key
     */
    public String issue(String subject, String sessionId, Collection<String> roles, Instant issuedAt,
                        Instant expiresAt, String tokenId) {
        if (signingKey == null) {
            throw new IllegalStateException("this codec only verifies");
        }
        // The claims in a fixed order; the constant head (iss, aud) is serialised once in the
        // constructor, and every other string goes through jsonString.
        StringBuilder json = new StringBuilder(claimsHead.length() + 160 + roles.size() * 16)
                .append(claimsHead)
                .append(",\"sub\":").append(jsonString(subject))
                .append(",\"iat\":").append(issuedAt.getEpochSecond())
                .append(",\"exp\":").append(expiresAt.getEpochSecond())
                .append(",\"jti\":").append(jsonString(tokenId))
                .append(",\"sid\":").append(jsonString(sessionId))
                .append(",\"roles\":[");
        boolean first = true;
        for (String role : roles) {
            json.append(first ? "" : ",").append(jsonString(role));
            first = false;
        }
        json.append("]}");
        String payload = Base64Url.encode(json.toString().getBytes(StandardCharsets.UTF_8));
        String signingInput = signingHeader + "." + payload;
        byte[] signature = signingKey.sign(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + Base64Url.encode(signature);
    }

    /**
     * Writes a string as a JSON string literal. Printable ASCII other than the quote and the
     * backslash needs no escape, which covers ids, base64url and ordinary role names; anything
     * else goes through Nimbus's JSON writer, which is correct for all text but builds a Gson
     * instance per call.
     */
    private static String jsonString(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') {
                return JSONStringUtils.toJSONString(value);
            }
        }
        return "\"" + value + "\"";
    }

    /**
     * Verifies an access token.
     *
     * @param token the compact JWS, may be null
     * @return the user it authenticates
     * @throws AuthException {@link AuthError#TOKEN_EXPIRED} when expired, else
     *     {@link AuthError#INVALID_TOKEN} for any other reason
     */
    public AuthenticatedUser verify(String token) {
        if (token == null || token.isEmpty()) {
            throw invalid("no access token was given");
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw invalid("the access token is larger than " + MAX_TOKEN_LENGTH + " characters");
        }
        TokenKey key = null;
        if (verifiedLimit > 0) {
            // Keyed by the whole token text: only the exact token verified before is answered
            // here, so a token that differs in any bit goes through every check below.
            key = new TokenKey(token, cacheSeed);
            Verified hit = verified.get(key);
            if (hit != null) {
                long now = clock.millis() / 1000;
                if (now - skewSeconds >= hit.expiresAt()) {
                    verified.remove(key, hit);
                    throw new AuthException(AuthError.TOKEN_EXPIRED, "the access token has expired");
                }
                if (now + skewSeconds >= hit.notBefore()) {
                    return hit.user();
                }
                verified.remove(key, hit); // a clock that went back: check it all again
            }
        }
        Verified result = verifyFully(token);
        if (verifiedLimit > 0 && seenBefore(key)) {
            if (verified.size() >= verifiedLimit) {
                evict();
            }
            verified.put(key, result);
        }
        return result.user();
    }

    /** Tells whether this token was verified once before, and remembers it if it was not. */
    private boolean seenBefore(TokenKey key) {
        int slot = key.hash & (seenOnce.length - 1);
        if (seenOnce[slot] == key.fingerprint) {
            seenOnce[slot] = 0;
            return true;
        }
        seenOnce[slot] = key.fingerprint;
        return false;
    }

    /**
     * Returns how many verified tokens are remembered now, for tests and monitoring.
     *
     * @return the number of cached tokens
     */
    public int cachedTokenCount() {
        return verified.size();
    }

    /**
     * Makes room for an eighth of the cache at once, so that the scan is paid once per
     * {@code limit / 8} new tokens, not once per token: expired entries go first, then entries
     * in the map's (hash, so arbitrary) order.
     */
    private void evict() {
        long now = clock.millis() / 1000;
        int target = verifiedLimit - Math.max(1, verifiedLimit / 8);
        for (var it = verified.values().iterator(); it.hasNext(); ) {
            if (now - skewSeconds >= it.next().expiresAt()) {
                it.remove();
            }
        }
        for (var it = verified.values().iterator(); it.hasNext() && verified.size() > target; ) {
            it.next();
            it.remove();
        }
    }

    private Verified verifyFully(String token) {
        int dot1 = token.indexOf('.');
        int dot2 = dot1 < 0 ? -1 : token.indexOf('.', dot1 + 1);
        if (dot1 <= 0 || dot2 < 0 || dot2 == dot1 + 1 || dot2 == token.length() - 1
                || token.indexOf('.', dot2 + 1) >= 0) {
            throw invalid("the access token is not a signed JWT");
        }
        KeyMaterial cachedKey = cachedHeaderKey(token, dot1);
        String headerPart = cachedKey == null ? token.substring(0, dot1) : null;
        KeyMaterial key = cachedKey != null ? cachedKey : checkHeader(headerPart);
        // Any character outside Latin-1 becomes '?', which no base64url check accepts.
        byte[] ascii = token.getBytes(StandardCharsets.ISO_8859_1);
        byte[] payloadBytes = Base64Url.decode(ascii, dot1 + 1, dot2);
        if (payloadBytes == null) {
            throw invalid("the access token is not valid base64url");
        }
        if (!key.verifyCompact(ascii, dot2)) {
            throw invalid("the access token signature does not verify");
        }
        if (cachedKey == null) {
            rememberHeader(headerPart, key);
        }
        Map<String, Object> claims = parseJson(payloadBytes, "payload");
        return checkClaims(claims);
    }

    private KeyMaterial cachedHeaderKey(String token, int headerLength) {
        for (CheckedHeader header : checkedHeaders) {
            if (header.text().length() == headerLength && token.startsWith(header.text())) {
                return header.key();
            }
        }
        return null;
    }

    /** Remembers the header of a token whose signature verified, so forged headers never get in. */
    private synchronized void rememberHeader(String text, KeyMaterial key) {
        CheckedHeader[] current = checkedHeaders;
        if (current.length >= HEADER_CACHE_LIMIT) {
            return;
        }
        for (CheckedHeader header : current) {
            if (header.text().equals(text)) {
                return;
            }
        }
        CheckedHeader[] next = java.util.Arrays.copyOf(current, current.length + 1);
        next[current.length] = new CheckedHeader(text, key);
        checkedHeaders = next;
    }

    private KeyMaterial checkHeader(String headerPart) {
        byte[] headerBytes = Base64Url.decode(headerPart);
        if (headerBytes == null) {
            throw invalid("the access token header is not valid base64url");
        }
        Map<String, Object> header = parseJson(headerBytes, "header");
        if (header.containsKey("crit")) {
            throw invalid("the access token has critical header parameters Ward does not understand");
        }
        if (header.containsKey("enc") || header.containsKey("zip") || Boolean.FALSE.equals(header.get("b64"))) {
            throw invalid("the access token uses a JOSE feature Ward does not accept");
        }
        if (!(header.get("typ") instanceof String typ)
                || !("at+jwt".equalsIgnoreCase(typ) || "application/at+jwt".equalsIgnoreCase(typ))) {
            throw invalid("the access token is not of type at+jwt");
        }
        if (!(header.get("alg") instanceof String alg)) {
            throw invalid("the access token has no algorithm");
        }
        if (!(header.get("kid") instanceof String kid)) {
            throw invalid("the access token has no key id");
        }
        // kid is only ever a map key: never a path, a URL or part of a query.
        KeyMaterial key = keysByKid.get(kid);
        if (key == null) {
            throw invalid("the access token was signed with an unknown key");
        }
        if (!key.algorithm().jwsName().equals(alg)) {
            throw invalid("the access token algorithm does not match its key");
        }
        return key;
    }

    private static Map<String, Object> parseJson(byte[] bytes, String part) {
        String json = new String(bytes, StandardCharsets.UTF_8);
        try {
            return JSONObjectUtils.parse(json);
        } catch (ParseException | RuntimeException | StackOverflowError e) {
            throw invalid("the access token " + part + " is not a JSON object");
        }
    }

    private Verified checkClaims(Map<String, Object> claims) {
        long now = clock.instant().getEpochSecond();
        Long exp = numericDate(claims, "exp", true);
        Long iat = numericDate(claims, "iat", true);
        Long nbf = numericDate(claims, "nbf", false);
        if (!issuer.equals(claims.get("iss"))) {
            throw invalid("the access token has the wrong issuer");
        }
        if (!hasAudience(claims.get("aud"))) {
            throw invalid("the access token is not meant for this audience");
        }
        if (now - skewSeconds >= exp) {
            throw new AuthException(AuthError.TOKEN_EXPIRED, "the access token has expired");
        }
        if (nbf != null && now + skewSeconds < nbf) {
            throw invalid("the access token is not valid yet");
        }
        if (now + skewSeconds < iat) {
            throw invalid("the access token was issued in the future");
        }
        String subject = nonBlankString(claims, "sub");
        String sessionId = nonBlankString(claims, "sid");
        Object jti = claims.get("jti");
        if (jti != null && !(jti instanceof String)) {
            throw invalid("the access token claim jti is not a string");
        }
        Set<String> roles = roles(claims.get("roles"));
        AuthenticatedUser user = new AuthenticatedUser(subject, roles, sessionId, Instant.ofEpochSecond(iat),
                Instant.ofEpochSecond(exp), (String) jti);
        return new Verified(user, exp, nbf == null ? iat : Math.max(iat, nbf));
    }

    private static Long numericDate(Map<String, Object> claims, String name, boolean required) {
        Object value = claims.get(name);
        if (value == null) {
            if (required) {
                throw invalid("the access token has no " + name + " claim");
            }
            return null;
        }
        if (!(value instanceof Number number)) {
            throw invalid("the access token claim " + name + " is not a number");
        }
        double d = number.doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw invalid("the access token claim " + name + " is not a number");
        }
        if (Math.abs(d) > MAX_NUMERIC_DATE) {
            throw invalid("the access token claim " + name + " is out of range");
        }
        return number instanceof Long || number instanceof Integer ? number.longValue() : (long) Math.floor(d);
    }

    private boolean hasAudience(Object aud) {
        if (aud instanceof String single) {
            return audience.equals(single);
        }
        if (aud instanceof List<?> many) {
            return many.contains(audience);
        }
        return false;
    }

    private static String nonBlankString(Map<String, Object> claims, String name) {
        if (claims.get(name) instanceof String value && !value.isBlank()) {
            return value;
        }
        throw invalid("the access token has no valid " + name + " claim");
    }

    private static Set<String> roles(Object value) {
        if (value == null) {
            return Set.of();
        }
        if (!(value instanceof List<?> list)) {
            throw invalid("the access token claim roles is not a list");
        }
        Set<String> roles = new LinkedHashSet<>();
        for (Object role : list) {
            if (!(role instanceof String s)) {
                throw invalid("the access token claim roles holds a non-string");
            }
            roles.add(s);
        }
        return roles;
    }

    private static AuthException invalid(String message) {
        return new AuthException(AuthError.INVALID_TOKEN, message);
    }
}
