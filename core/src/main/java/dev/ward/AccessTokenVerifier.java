package dev.ward;

import dev.ward.internal.token.AccessTokenCodec;
import java.time.Clock;
import java.time.Duration;

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
     * Returns a builder with the defaults, which are those of {@link AuthSettings}: issuer
     * {@value AuthSettings#DEFAULT_ISSUER}, audience {@value AuthSettings#DEFAULT_AUDIENCE}, clock
     * skew {@value AuthSettings#DEFAULT_CLOCK_SKEW_SECONDS} s, a cache of
     * {@value AuthSettings#DEFAULT_VERIFIED_TOKEN_CACHE_SIZE} verified tokens, the JDK's Ed25519;
     * and the system UTC clock, and no keys (keys are required).
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
     * Builds an {@link AccessTokenVerifier}. Issuer, audience, clock skew, verified-token cache
     * size and Ed25519 provider are the options of {@link AuthSettings.Builder} of the same names,
     * with the same defaults, ranges and checks, so that a verifier configured like its issuer's
     * {@link AuthSettings} accepts what the issuer's {@link AuthManager} accepts. Each option may
     * be set once, null is refused at once, and {@link #build()} reports every problem at once.
     * Not thread-safe.
     */
    public static final class Builder {
        private final SetOnce once = new SetOnce();
        private final VerificationOptions.Builder verification =
                new VerificationOptions.Builder(VerificationOptions.defaults(), once);
        private KeySet keys;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * Sets the keys to accept: the issuer's public keys, or for HS256 its shared secret.
         * Private keys are not needed and are dropped. Required (or {@link #jwks(String)}).
         *
         * @param keys the keys
         * @return this builder
         * @throws IllegalStateException if keys were set already
         * @throws NullPointerException if {@code keys} is null
         */
        public Builder keys(KeySet keys) {
            this.keys = once.set("keys", keys);
            return this;
        }

        /**
         * Sets the keys to accept from a JWKS document of public keys.
         *
         * @param jwksJson the issuer's JWKS document
         * @return this builder
         * @throws IllegalArgumentException if the document is not a valid JWKS of supported public keys
         * @throws IllegalStateException if keys were set already
         * @throws NullPointerException if {@code jwksJson} is null
         */
        public Builder jwks(String jwksJson) {
            return keys(KeySet.fromJwks(jwksJson));
        }

        /**
         * Sets the required {@code iss}: 1 to {@value AuthSettings#MAX_ISSUER_LENGTH} characters,
         * not blank; default {@value AuthSettings#DEFAULT_ISSUER}. The issuer's
         * {@link AuthSettings#issuer()}.
         *
         * @param issuer the issuer
         * @return this builder
         * @throws IllegalStateException if it was set already
         * @throws NullPointerException if {@code issuer} is null
         */
        public Builder issuer(String issuer) {
            verification.issuer(issuer);
            return this;
        }

        /**
         * Sets the required {@code aud}: 1 to {@value AuthSettings#MAX_AUDIENCE_LENGTH} characters,
         * not blank; default {@value AuthSettings#DEFAULT_AUDIENCE}. The issuer's
         * {@link AuthSettings#audience()}.
         *
         * @param audience the audience
         * @return this builder
         * @throws IllegalStateException if it was set already
         * @throws NullPointerException if {@code audience} is null
         */
        public Builder audience(String audience) {
            verification.audience(audience);
            return this;
        }

        /**
         * Sets the tolerance for clocks that disagree: 0 to {@value AuthSettings#MAX_CLOCK_SKEW_MINUTES}
         * min; default {@value AuthSettings#DEFAULT_CLOCK_SKEW_SECONDS} s. See
         * {@link AuthSettings.Builder#clockSkew(Duration)}.
         *
         * @param clockSkew the skew
         * @return this builder
         * @throws IllegalStateException if it was set already
         * @throws NullPointerException if {@code clockSkew} is null
         */
        public Builder clockSkew(Duration clockSkew) {
            verification.clockSkew(clockSkew);
            return this;
        }

        /**
         * Sets the clock; default {@link Clock#systemUTC()}.
         *
         * @param clock the clock
         * @return this builder
         * @throws IllegalStateException if it was set already
         * @throws NullPointerException if {@code clock} is null
         */
        public Builder clock(Clock clock) {
            this.clock = once.set("clock", clock);
            return this;
        }

        /**
         * Sets how many verified tokens the verifier remembers for their next presentation: 0 (off)
         * to {@value AuthSettings#MAX_VERIFIED_TOKEN_CACHE_SIZE}; default
         * {@value AuthSettings#DEFAULT_VERIFIED_TOKEN_CACHE_SIZE}. See
         * {@link AuthSettings.Builder#verifiedTokenCacheSize(int)}.
         *
         * @param size the most tokens remembered
         * @return this builder
         * @throws IllegalStateException if it was set already
         */
        public Builder verifiedTokenCacheSize(int size) {
            verification.verifiedTokenCacheSize(size);
            return this;
        }

        /**
         * Sets which implementation verifies Ed25519 ({@link JwtAlgorithm#EdDSA}) signatures;
         * default {@link AuthSettings#DEFAULT_ED25519_PROVIDER}. See
         * {@link AuthSettings.Builder#ed25519Provider(Ed25519Provider)}.
         *
         * @param provider the provider
         * @return this builder
         * @throws IllegalStateException if it was set already
         * @throws NullPointerException if {@code provider} is null
         */
        public Builder ed25519Provider(Ed25519Provider provider) {
            verification.ed25519Provider(provider);
            return this;
        }

        /**
         * Builds the verifier. The builder may be used again afterwards; the verifier does not
         * change with it.
         *
         * @return the verifier
         * @throws ConfigurationException listing every problem, each under its option's name:
         *     missing keys, and every value out of range
         */
        public AccessTokenVerifier build() {
            ConfigChecks checks = new ConfigChecks();
            checks.required("keys", keys, "are required: call keys(...) or jwks(...)");
            VerificationOptions options = verification.build(checks);
            checks.throwIfAny();
            KeySet verifying = KeySet.verifyOnly(keys.keys());
            AccessTokenCodec codec = new AccessTokenCodec(verifying.materials(), null, options.issuer(),
                    options.audience(), options.clockSkew(), clock, options.verifiedTokenCacheSize(), options.tinkEd25519());
            return new AccessTokenVerifier(codec, verifying);
        }
    }
}
