package dev.ward;

import dev.ward.internal.token.AccessTokenCodec;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Verifies Ward access tokens without stores or password hashing: for services that only
 * check tokens (resource servers), given the issuer's public keys.
 *
 * <p>It applies exactly the rules of {@link AuthManager#authenticate(String)} (one
 * implementation serves both): size cap, {@code typ: at+jwt}, the algorithm pinned to the key
 * that the {@code kid} names, signature, issuer, audience, expiry with clock skew. It does not
 * know about sessions, so a token stays valid until it expires even after log-out (use the
 * {@link AuthManager}'s strict sessions where that matters).
 *
 * <pre>{@code
 * AccessTokenVerifier verifier = AccessTokenVerifier.builder()
 *         .jwks(jwksJsonFromTheIssuer)          // or .keys(KeySet.of(...))
 *         .issuer("https://auth.example.com")
 *         .audience("orders-api")
 *         .build();
 * AuthenticatedUser user = verifier.verify(bearerToken);   // throws AuthException
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class AccessTokenVerifier {

    private final AccessTokenCodec codec;
    private final KeySet keys;

    AccessTokenVerifier(AccessTokenCodec codec, KeySet keys) {
        this.codec = codec;
        // The manager shares its codec with its verifier; the verifier must not hand out the
        // manager's private key to code that only checks tokens.
        this.keys = keys.signingKey().isPresent() ? KeySet.verifyOnly(keys.keys()) : keys;
    }

    /**
     * Returns a builder with the defaults: issuer and audience {@code "ward"}, clock skew 30 s,
     * the system UTC clock, and no keys (keys are required).
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Verifies an access token.
     *
     * @param accessToken the token, as sent in {@code Authorization: Bearer ...}
     * @return who the token speaks for
     * @throws AuthException {@link AuthError#TOKEN_EXPIRED} when it has expired,
     *     {@link AuthError#INVALID_TOKEN} when it is missing, malformed, forged, for another
     *     issuer or audience, or otherwise not acceptable
     */
    public AuthenticatedUser verify(String accessToken) {
        return codec.verify(accessToken);
    }

    AccessTokenCodec codec() {
        return codec;
    }

    /**
     * Returns the keys this verifier accepts, without a signing key: private keys are dropped
     * (an HS256 secret stays, because it is what verifies).
     *
     * @return the verify-only key set
     */
    public KeySet keys() {
        return keys;
    }

    @Override
    public String toString() {
        return "AccessTokenVerifier[" + keys + "]";
    }

    /**
     * Builds an {@link AccessTokenVerifier}. Each option may be set once; {@link #build()}
     * reports every problem at once. Not thread-safe.
     */
    public static final class Builder {
        private KeySet keys;
        private String issuer;
        private String audience;
        private Duration clockSkew;
        private Clock clock;
        private Integer verifiedTokenCacheSize;

        private Builder() {
        }

        /**
         * Sets the keys to accept: the issuer's public keys, or for HS256 its shared secret.
         * Private keys are not needed and are dropped.
         *
         * @param keys the keys
         * @return this builder
         * @throws IllegalStateException if keys were set already
         */
        public Builder keys(KeySet keys) {
            this.keys = Settings.once(this.keys, keys, "keys");
            return this;
        }

        /**
         * Sets the keys to accept from a JWKS document of public keys.
         *
         * @param jwksJson the issuer's JWKS document
         * @return this builder
         * @throws IllegalArgumentException if the document is not a valid JWKS of supported public keys
         * @throws IllegalStateException if keys were set already
         */
        public Builder jwks(String jwksJson) {
            return keys(KeySet.fromJwks(jwksJson));
        }

        /**
         * Sets the required {@code iss}; default {@code "ward"}.
         *
         * @param issuer the issuer
         * @return this builder
         * @throws IllegalStateException if it was set already
         */
        public Builder issuer(String issuer) {
            this.issuer = Settings.once(this.issuer, issuer, "issuer");
            return this;
        }

        /**
         * Sets the required {@code aud}; default {@code "ward"}.
         *
         * @param audience the audience
         * @return this builder
         * @throws IllegalStateException if it was set already
         */
        public Builder audience(String audience) {
            this.audience = Settings.once(this.audience, audience, "audience");
            return this;
        }

        /**
         * Sets the tolerance for clocks that disagree; default 30 s, at most 5 min.
         *
         * @param clockSkew the skew
         * @return this builder
         * @throws IllegalStateException if it was set already
         */
        public Builder clockSkew(Duration clockSkew) {
            this.clockSkew = Settings.once(this.clockSkew, clockSkew, "clockSkew");
            return this;
        }

        /**
         * Sets the clock; default {@link Clock#systemUTC()}.
         *
         * @param clock the clock
         * @return this builder
         * @throws IllegalStateException if it was set already
         */
        public Builder clock(Clock clock) {
            this.clock = Settings.once(this.clock, clock, "clock");
            return this;
        }

        /**
         * Sets how many verified tokens the verifier remembers for their next presentation:
         * 0 (off) to 10,000,000; default 10,000. See
         * {@link AuthSettings.Builder#verifiedTokenCacheSize(int)}.
         *
         * @param size the most tokens remembered
         * @return this builder
         * @throws IllegalStateException if it was set already
         */
        public Builder verifiedTokenCacheSize(int size) {
            this.verifiedTokenCacheSize = Settings.once(this.verifiedTokenCacheSize, size, "verifiedTokenCacheSize");
            return this;
        }

        /**
         * Builds the verifier.
         *
         * @return the verifier
         * @throws ConfigurationException listing every problem
         */
        public AccessTokenVerifier build() {
            List<String> problems = new ArrayList<>();
            if (keys == null) {
                problems.add("keys are required: call keys(...) or jwks(...)");
            }
            String iss = issuer == null ? AuthSettings.DEFAULT_ISSUER : issuer;
            String aud = audience == null ? AuthSettings.DEFAULT_AUDIENCE : audience;
            Duration skew = clockSkew == null ? AuthSettings.DEFAULT_CLOCK_SKEW : clockSkew;
            Settings.checkText(problems, "issuer", iss);
            Settings.checkText(problems, "audience", aud);
            Settings.checkRange(problems, "clockSkew", skew, Duration.ZERO, Duration.ofMinutes(5));
            int cacheSize = verifiedTokenCacheSize == null
                    ? AuthSettings.DEFAULT_VERIFIED_TOKEN_CACHE_SIZE : verifiedTokenCacheSize;
            Settings.checkRange(problems, "verifiedTokenCacheSize", cacheSize, 0, 10_000_000);
            if (!problems.isEmpty()) {
                throw new ConfigurationException(problems);
            }
            KeySet verifying = KeySet.verifyOnly(keys.keys());
            AccessTokenCodec codec = new AccessTokenCodec(verifying.materials(), null, iss, aud, skew,
                    clock == null ? Clock.systemUTC() : clock, cacheSize);
            return new AccessTokenVerifier(codec, verifying);
        }
    }
}
