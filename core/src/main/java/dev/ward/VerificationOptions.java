package dev.ward;

import dev.ward.internal.token.TinkEd25519;
import java.time.Duration;

/**
 * The options of access-token verification that {@link AuthSettings} and
 * {@link AccessTokenVerifier} share: issuer, audience, clock skew, the size of the
 * verified-token cache, and the Ed25519 provider. Their defaults and ranges are
 * {@link AuthSettings}' constants; their values, set-once rule and checks are here, once, so
 * that a manager and a resource server's verifier accept exactly the same configurations.
 *
 * @param issuer the required {@code iss}
 * @param audience the required {@code aud}
 * @param clockSkew the tolerance for disagreeing clocks
 * @param verifiedTokenCacheSize how many verified tokens are remembered
 * @param ed25519Provider which implementation verifies Ed25519 signatures
 */
record VerificationOptions(String issuer, String audience, Duration clockSkew, int verifiedTokenCacheSize,
                           Ed25519Provider ed25519Provider) {

    /** Returns the defaults. A method, not a constant, so that no class initialises another in a cycle. */
    static VerificationOptions defaults() {
        return new VerificationOptions(AuthSettings.DEFAULT_ISSUER, AuthSettings.DEFAULT_AUDIENCE,
                Duration.ofSeconds(AuthSettings.DEFAULT_CLOCK_SKEW_SECONDS), AuthSettings.DEFAULT_VERIFIED_TOKEN_CACHE_SIZE,
                AuthSettings.DEFAULT_ED25519_PROVIDER);
    }

    /** Tells whether Ed25519 signatures go through Google Tink rather than the JDK. */
    boolean tinkEd25519() {
        return ed25519Provider == Ed25519Provider.TINK;
    }

    /** The options as they are being set, inside a public builder whose set-once record they share. */
    static final class Builder {
        private final SetOnce once;
        private String issuer;
        private String audience;
        private Duration clockSkew;
        private int verifiedTokenCacheSize;
        private Ed25519Provider ed25519Provider;

        Builder(VerificationOptions start, SetOnce once) {
            this.once = once;
            this.issuer = start.issuer;
            this.audience = start.audience;
            this.clockSkew = start.clockSkew;
            this.verifiedTokenCacheSize = start.verifiedTokenCacheSize;
            this.ed25519Provider = start.ed25519Provider;
        }

        void issuer(String issuer) {
            this.issuer = once.set("issuer", issuer);
        }

        void audience(String audience) {
            this.audience = once.set("audience", audience);
        }

        void clockSkew(Duration clockSkew) {
            this.clockSkew = once.set("clockSkew", clockSkew);
        }

        void verifiedTokenCacheSize(int size) {
            this.verifiedTokenCacheSize = once.set("verifiedTokenCacheSize", size);
        }

        void ed25519Provider(Ed25519Provider provider) {
            this.ed25519Provider = once.set("ed25519Provider", provider);
        }

        /** Checks the values, adding each problem to {@code checks}, and returns them. */
        VerificationOptions build(ConfigChecks checks) {
            checks.text("issuer", issuer, AuthSettings.MAX_ISSUER_LENGTH);
            checks.text("audience", audience, AuthSettings.MAX_AUDIENCE_LENGTH);
            checks.range("clockSkew", clockSkew, Duration.ZERO, Duration.ofMinutes(AuthSettings.MAX_CLOCK_SKEW_MINUTES));
            checks.range("verifiedTokenCacheSize", verifiedTokenCacheSize, 0, AuthSettings.MAX_VERIFIED_TOKEN_CACHE_SIZE);
            if (ed25519Provider == Ed25519Provider.TINK && !TinkEd25519.tinkAvailable()) {
                checks.add("ed25519Provider", "is TINK, but Google Tink is not on the class path: add "
                        + "com.google.crypto.tink:tink to the application's dependencies or choose JDK");
            }
            return new VerificationOptions(issuer, audience, clockSkew, verifiedTokenCacheSize, ed25519Provider);
        }
    }
}
