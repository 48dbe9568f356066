package dev.ward.test;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.ward.AuthSettings;
import dev.ward.JwtKey;
import dev.ward.KeySet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.Objects;
import java.util.UUID;

/**
 * Makes HS256 access tokens exactly as Ward writes them (header {@code alg}, {@code typ: at+jwt},
 * {@code kid}; claims {@code iss}, {@code aud}, {@code sub}, {@code iat}, {@code exp},
 * {@code jti}, {@code sid}, {@code roles}), signed with a secret the test knows, so that an
 * {@code AuthManager} built with {@link #keySet()} and the same issuer and audience accepts them
 * in {@code authenticate}, and so does the servlet filter in front of it. Also makes the tokens
 * a host's error paths need: expired, not yet valid, for another audience.
 *
 * <p>Tokens are signed with nimbus-jose-jwt, Ward's own JWT library, and go through Ward's
 * ordinary verification: nothing here opens a back door in production code. Times are whole
 * seconds, as in a JWT. Each token has a fresh random {@code sid} and {@code jti}; that session
 * does not exist in any store, so with strict sessions on, use {@link WardTest#logIn} instead.
 *
 * <p>Immutable and thread-safe. {@link #toString()} never shows the secret.
 *
 * <pre>{@code
 * TestTokens tokens = new TestTokens(secret, "test-key", "ward", "ward", Clock.systemUTC());
 * AuthManager auth = AuthManager.builder().keys(tokens.keySet())...build();
 * String bearer = tokens.accessToken(TestUser.of("user-1", "ann@example.com", "admin"));
 * }</pre>
 */
public final class TestTokens {

    /** Ward's {@code typ} header of an access token. */
    private static final JOSEObjectType ACCESS_TOKEN_TYPE = new JOSEObjectType("at+jwt");
    /** How far beyond the clock skew the expired and not-yet-valid tokens lie. */
    private static final Duration BEYOND_SKEW = Duration.ofMinutes(1);

    private final byte[] secret;
    private final KeySet keySet;
    private final String kid;
    private final String issuer;
    private final String audience;
    private final Duration ttl;
    private final Duration skew;
    private final Clock clock;

    /**
     * Creates a token maker with Ward's default access-token lifetime
     * ({@value AuthSettings#DEFAULT_ACCESS_TOKEN_TTL_MINUTES} minutes) and clock skew
     * ({@value AuthSettings#DEFAULT_CLOCK_SKEW_SECONDS} seconds).
     *
     * @param hmacSecret the HS256 secret, at least 32 random bytes; copied
     * @param kid the key id, not blank
     * @param issuer the {@code iss} the verifying manager expects
     * @param audience the {@code aud} the verifying manager expects
     * @param clock the clock that tells "now"; give it the manager's clock
     * @throws IllegalArgumentException if the secret is shorter than 32 bytes or plainly
     *     guessable, or the kid, the issuer or the audience is blank
     * @throws NullPointerException if an argument is null
     */
    public TestTokens(byte[] hmacSecret, String kid, String issuer, String audience, Clock clock) {
        this(hmacSecret, kid, issuer, audience, Duration.ofMinutes(AuthSettings.DEFAULT_ACCESS_TOKEN_TTL_MINUTES),
                Duration.ofSeconds(AuthSettings.DEFAULT_CLOCK_SKEW_SECONDS), clock);
    }

    private TestTokens(byte[] hmacSecret, String kid, String issuer, String audience, Duration ttl, Duration skew,
                       Clock clock) {
        Objects.requireNonNull(hmacSecret, "hmacSecret");
        Objects.requireNonNull(kid, "kid");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(clock, "clock");
        if (issuer.isBlank()) {
            throw new IllegalArgumentException("issuer must not be blank");
        }
        if (audience.isBlank()) {
            throw new IllegalArgumentException("audience must not be blank");
        }
        // Ward's own checks of an HS256 secret and kid: a secret Ward refuses is refused here.
        this.keySet = KeySet.of(JwtKey.hmac(kid, hmacSecret));
        this.secret = hmacSecret.clone();
        this.kid = kid;
        this.issuer = issuer;
        this.audience = audience;
        this.ttl = ttl;
        this.skew = skew;
        this.clock = clock;
    }

    /**
     * Creates a token maker that follows a manager's settings: their issuer, audience,
     * access-token lifetime and clock skew.
     *
     * @param hmacSecret the HS256 secret, at least 32 random bytes; copied
     * @param kid the key id, not blank
     * @param settings the settings of the manager that verifies the tokens
     * @param clock the clock that tells "now"; give it the manager's clock
     * @return the token maker
     * @throws IllegalArgumentException if the secret is shorter than 32 bytes or plainly
     *     guessable, or the kid is blank
     * @throws NullPointerException if an argument is null
     */
    public static TestTokens forSettings(byte[] hmacSecret, String kid, AuthSettings settings, Clock clock) {
        Objects.requireNonNull(settings, "settings");
        return new TestTokens(hmacSecret, kid, settings.issuer(), settings.audience(), settings.accessTokenTtl(),
                settings.clockSkew(), clock);
    }

    /**
     * Makes a token that is valid now, for the access-token lifetime, as {@code logIn} would
     * issue it.
     *
     * @param user who the token speaks for
     * @return the compact JWT
     * @throws NullPointerException if {@code user} is null
     */
    public String accessToken(TestUser user) {
        Instant now = now();
        return accessToken(user, now, now.plus(ttl));
    }

    /**
     * Makes a token with the given times, which need not make sense: the test decides.
     *
     * @param user who the token speaks for
     * @param issuedAt the {@code iat}, cut to whole seconds
     * @param expiresAt the {@code exp}, cut to whole seconds
     * @return the compact JWT
     * @throws NullPointerException if an argument is null
     */
    public String accessToken(TestUser user, Instant issuedAt, Instant expiresAt) {
        return sign(user, audience, issuedAt, expiresAt);
    }

    /**
     * Makes a token that expired a minute beyond the clock skew: {@code authenticate} answers
     * {@code TOKEN_EXPIRED}.
     *
     * @param user who the token speaks for
     * @return the compact JWT
     * @throws NullPointerException if {@code user} is null
     */
    public String expiredAccessToken(TestUser user) {
        Instant expiresAt = now().minus(skew).minus(BEYOND_SKEW);
        return accessToken(user, expiresAt.minus(ttl), expiresAt);
    }

    /**
     * Makes a token issued a minute beyond the clock skew in the future: {@code authenticate}
     * refuses it as {@code INVALID_TOKEN}.
     *
     * @param user who the token speaks for
     * @return the compact JWT
     * @throws NullPointerException if {@code user} is null
     */
    public String notYetValidAccessToken(TestUser user) {
        Instant issuedAt = now().plus(skew).plus(BEYOND_SKEW);
        return accessToken(user, issuedAt, issuedAt.plus(ttl));
    }

    /**
     * Makes a token that is valid now but for another audience: {@code authenticate} refuses it
     * as {@code INVALID_TOKEN}.
     *
     * @param user who the token speaks for
     * @return the compact JWT
     * @throws NullPointerException if {@code user} is null
     */
    public String wrongAudienceAccessToken(TestUser user) {
        Instant now = now();
        return sign(user, "not-" + audience, now, now.plus(ttl));
    }

    /**
     * Returns the key set that a manager must use to accept these tokens: one HS256 signing key
     * with this maker's kid.
     *
     * @return the key set
     */
    public KeySet keySet() {
        return keySet;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private String sign(TestUser user, String tokenAudience, Instant issuedAt, Instant expiresAt) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256).type(ACCESS_TOKEN_TYPE).keyID(kid).build();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(tokenAudience)
                .subject(user.id())
                .issueTime(Date.from(issuedAt.truncatedTo(ChronoUnit.SECONDS)))
                .expirationTime(Date.from(expiresAt.truncatedTo(ChronoUnit.SECONDS)))
                .jwtID(UUID.randomUUID().toString())
                .claim("sid", UUID.randomUUID().toString())
                .claim("roles", new ArrayList<>(user.roles()))
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        byte[] key = secret.clone();
        try {
            jwt.sign(new MACSigner(key));
        } catch (JOSEException e) {
            // Cannot happen: the secret passed Ward's own checks (at least 32 bytes) above.
            throw new IllegalStateException("HS256 signing failed", e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
        return jwt.serialize();
    }

    @Override
    public String toString() {
        return "TestTokens[kid=" + kid + ", issuer=" + issuer + ", audience=" + audience + ", ttl=" + ttl + "]";
    }
}
