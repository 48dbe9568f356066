package dev.ward.internal.token;

import com.nimbusds.jose.util.JSONObjectUtils;
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

/**
 * Issues and verifies Ward's access tokens: JWS compact serialisation with header
 * {@code typ: at+jwt}, signed by one key of a key set. This is the one implementation of the
 * verification rules, used by {@code AuthManager.authenticate} and by the stand-alone
 * {@code AccessTokenVerifier}; {@link #verify} applies them top to bottom in this order:
 *
 * <ol>
 *   <li><b>Size.</b> Null, empty, or longer than {@value #MAX_TOKEN_LENGTH} characters is
 *       refused before any parsing.</li>
 *   <li><b>Shape.</b> Exactly three non-empty parts separated by dots.</li>
 *   <li><b>Header.</b> Canonical base64url of a JSON object with no {@code crit}, no
 *       {@code enc} or {@code zip} and no {@code b64: false}; {@code typ} {@code at+jwt} (or
 *       {@code application/at+jwt}, in any case); a string {@code alg} and a string {@code kid};
 *       the {@code kid} names a key of this codec, and the {@code alg} is that key's algorithm
 *       and no other. The parameters {@code jku}, {@code x5u}, {@code x5c} and {@code jwk} are
 *       never read: a token cannot bring its own key.</li>
 *   <li><b>Signature.</b> The payload is canonical base64url, and the signature verifies
 *       with that key. Only the header is parsed before this point.</li>
 *   <li><b>Claims.</b> The payload is a JSON object. {@code exp} and {@code iat} are required
 *       and {@code nbf} optional, each a number no further from the epoch than the end of the
 *       year 9999 (a fraction is rounded down); {@code iss} is this codec's issuer; {@code aud}
 *       is its audience or a list holding it; then, with the configured clock skew, the token
 *       has not expired ({@code now - skew < exp}), and neither {@code nbf} nor {@code iat} lies
 *       in the future ({@code now + skew >= nbf, iat}); {@code sub} and {@code sid} are
 *       non-blank strings; {@code jti} is absent or a string; {@code roles} is absent or a
 *       list of strings.</li>
 * </ol>
 *
 * <p>Expiry fails with {@link AuthError#TOKEN_EXPIRED}; every other failure with
 * {@link AuthError#INVALID_TOKEN}, and the first rule broken decides the message. JSON is
 * parsed by Nimbus JOSE+JWT.
 *
 * <p>Speed work lives beside the rules, each piece in its own class that says why it is safe:
 * {@link VerifiedTokenCache} answers a token that passed every rule before, for as long as it
 * is valid; {@link CheckedHeaders} recognises a header text that passed the header rule before;
 * {@link KeyMaterial.Hmac} compares signatures as text. Ed25519 signatures go through Google
 * Tink instead of the JDK only when the codec is built with {@code tinkEd25519} true
 * ({@link TinkEd25519}).
 *
 * <p>Immutable and thread-safe.
 */
public final class AccessTokenCodec {

    /** The largest token accepted, in characters: larger ones are refused before parsing. */
    public static final int MAX_TOKEN_LENGTH = 8 * 1024;
    /**
     * The largest NumericDate accepted, 9999-12-31T23:59:59Z, either side of the epoch: beyond
     * it a date is nonsense, and beyond {@link Instant}'s range it cannot even be represented.
     */
    private static final long MAX_NUMERIC_DATE = 253_402_300_799L;

    private final Map<String, KeyMaterial> keysByKid;
    private final String issuer;
    private final String audience;
    private final long skewSeconds;
    private final Clock clock;
    private final boolean tinkEd25519;
    /** Null for a codec that only verifies. */
    private final AccessTokenWriter writer;
    private final CheckedHeaders checkedHeaders = new CheckedHeaders();
    private final VerifiedTokenCache verifiedTokens;

    /** A verified token's user and the window, in epoch milliseconds, in which it is valid. */
    private record Verified(AuthenticatedUser user, long validFromMillis, long validUntilMillis) {
    }

    /**
     * Creates a codec that verifies Ed25519 signatures through the JDK.
     *
     * @param keys every key that may verify a token, each with a unique kid
     * @param signingKey the key that signs, or null for a codec that only verifies
     * @param issuer the {@code iss} to put in and require
     * @param audience the {@code aud} to put in and require
     * @param clockSkew the tolerance for {@code exp}, {@code nbf} and {@code iat}
     * @param clock the clock
     * @param verifiedCacheSize how many verified tokens to remember, 0 for none
     * @throws IllegalArgumentException if the cache size is negative, two keys share a kid, or
     *     the signing key cannot sign
     * @throws NullPointerException if an argument other than {@code signingKey} is null
     */
    public AccessTokenCodec(Collection<KeyMaterial> keys, KeyMaterial signingKey, String issuer, String audience,
                            Duration clockSkew, Clock clock, int verifiedCacheSize) {
        this(keys, signingKey, issuer, audience, clockSkew, clock, verifiedCacheSize, false);
    }

    /**
     * Creates a codec, choosing how it verifies Ed25519 signatures.
     *
     * @param keys every key that may verify a token, each with a unique kid
     * @param signingKey the key that signs, or null for a codec that only verifies
     * @param issuer the {@code iss} to put in and require
     * @param audience the {@code aud} to put in and require
     * @param clockSkew the tolerance for {@code exp}, {@code nbf} and {@code iat}
     * @param clock the clock
     * @param verifiedCacheSize how many verified tokens to remember, 0 for none
     * @param tinkEd25519 true to verify Ed25519 signatures through Google Tink (logged once per
     *     JVM), false for the JDK; signing always uses the JDK
     * @throws IllegalArgumentException if the cache size is negative, two keys share a kid, the
     *     signing key cannot sign, or Tink is asked for but not on the class path
     * @throws NullPointerException if an argument other than {@code signingKey} is null
     */
    public AccessTokenCodec(Collection<KeyMaterial> keys, KeyMaterial signingKey, String issuer, String audience,
                            Duration clockSkew, Clock clock, int verifiedCacheSize, boolean tinkEd25519) {
        if (verifiedCacheSize < 0) {
            throw new IllegalArgumentException("verifiedCacheSize must not be negative");
        }
        Map<String, KeyMaterial> byKid = new LinkedHashMap<>();
        for (KeyMaterial key : keys) {
            if (byKid.put(key.kid(), key) != null) {
                throw new IllegalArgumentException("two keys have the kid " + key.kid());
            }
        }
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.audience = Objects.requireNonNull(audience, "audience");
        this.skewSeconds = clockSkew.toSeconds();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.writer = signingKey == null ? null : new AccessTokenWriter(signingKey, issuer, audience);
        this.tinkEd25519 = tinkEd25519;
        if (tinkEd25519) {
            TinkEd25519.choose();
            byKid.replaceAll((kid, key) -> key instanceof EdKeyMaterial ed ? ed.verifyingThroughTink() : key);
        }
        this.keysByKid = Map.copyOf(byKid);
        this.verifiedTokens = new VerifiedTokenCache(verifiedCacheSize);
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
        if (writer == null) {
            throw new IllegalStateException("this codec only verifies");
        }
        return writer.write(subject, sessionId, roles, issuedAt, expiresAt, tokenId);
    }

    /**
     * Verifies an access token by the rules in the class comment.
     *
     * @param token the compact JWS, may be null
     * @return the user it authenticates
     * @throws AuthException {@link AuthError#TOKEN_EXPIRED} when expired, else
     *     {@link AuthError#INVALID_TOKEN} for any other reason
     */
    public AuthenticatedUser verify(String token) {
        // Rule 1: size, before anything else looks at the text.
        if (token == null || token.isEmpty()) {
            throw invalid("no access token was given");
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw invalid("the access token is larger than " + MAX_TOKEN_LENGTH + " characters");
        }
        long nowMillis = clock.millis();
        // A token whose exact text passed every rule below before is answered while it is valid.
        VerifiedTokenCache.Key cacheKey = verifiedTokens.keyOf(token);
        AuthenticatedUser known = verifiedTokens.find(cacheKey, nowMillis);
        if (known != null) {
            return known;
        }
        Verified verified = verifyFully(token, nowMillis);
        verifiedTokens.admit(cacheKey, verified.user(), verified.validFromMillis(), verified.validUntilMillis());
        return verified.user();
    }

    /**
     * Returns how many verified tokens are remembered now, for tests and monitoring.
     *
     * @return the number of cached tokens
     */
    public int cachedTokenCount() {
        return verifiedTokens.size();
    }

    /**
     * Tells whether this codec verifies Ed25519 signatures through Google Tink, which is so only
     * when it was built with {@code tinkEd25519} true.
     *
     * @return true when Tink was asked for
     */
    public boolean verifiesEd25519WithTink() {
        return tinkEd25519;
    }

    /** Returns the key that verifies tokens naming this kid, or null; for tests. */
    KeyMaterial verifyingKey(String kid) {
        return keysByKid.get(kid);
    }

    /** Rules 2 to 5, for a token the cache does not answer. */
    private Verified verifyFully(String token, long nowMillis) {
        // Rule 2: shape.
        int dot1 = token.indexOf('.');
        int dot2 = dot1 < 0 ? -1 : token.indexOf('.', dot1 + 1);
        if (dot1 <= 0 || dot2 < 0 || dot2 == dot1 + 1 || dot2 == token.length() - 1
                || token.indexOf('.', dot2 + 1) >= 0) {
            throw invalid("the access token is not a signed JWT");
        }
        // Rule 3: header, unless this very header text passed it before.
        KeyMaterial knownHeaderKey = checkedHeaders.keyFor(token, dot1);
        String headerPart = knownHeaderKey == null ? token.substring(0, dot1) : null;
        KeyMaterial key = knownHeaderKey != null ? knownHeaderKey : checkHeader(headerPart);
        // Rule 4: signature. Any character outside Latin-1 becomes '?', which no base64url check accepts.
        byte[] ascii = token.getBytes(StandardCharsets.ISO_8859_1);
        byte[] payloadBytes = Base64Url.decode(ascii, dot1 + 1, dot2);
        if (payloadBytes == null) {
            throw invalid("the access token is not valid base64url");
        }
        if (!key.verifyCompact(ascii, dot2)) {
            throw invalid("the access token signature does not verify");
        }
        if (knownHeaderKey == null) {
            checkedHeaders.remember(headerPart, key);
        }
        // Rule 5: claims.
        return checkClaims(parseJson(payloadBytes, "payload"), Math.floorDiv(nowMillis, 1000));
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

    private Verified checkClaims(Map<String, Object> claims, long now) {
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
        // The same time checks, as the window in which the cache may answer for this token.
        long validFrom = (nbf == null ? iat : Math.max(iat, nbf)) - skewSeconds;
        return new Verified(user, validFrom * 1000, (exp + skewSeconds) * 1000);
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
