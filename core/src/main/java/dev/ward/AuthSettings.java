package dev.ward;

import java.time.Duration;
import java.util.Objects;

/**
 * The tunable numbers and switches of an {@link AuthManager}, immutable, with documented
 * defaults.
 *
 * <pre>{@code
 * AuthSettings settings = AuthSettings.builder()
 *         .accessTokenTtl(Duration.ofMinutes(5))
 *         .issuer("https://auth.example.com")
 *         .build();
 * AuthSettings longer = settings.toBuilder().accessTokenTtl(Duration.ofMinutes(10)).build();
 * }</pre>
 *
 * <p>The builder starts filled with the defaults (or, from {@link #toBuilder()}, with these
 * settings); each option may be set once, null is refused at once, and {@link Builder#build()}
 * reports every problem together, each under its option's name.
 *
 * <p>Every default, and every bound that the documentation quotes, is one of the constants
 * below; the builder uses them and the Javadoc shows them. A {@link Duration} cannot be a
 * compile-time constant, so a duration is a whole number in the unit its constant's name ends
 * with: {@link #DEFAULT_ACCESS_TOKEN_TTL_MINUTES} is the default access-token lifetime in
 * minutes. Issuer, audience, clock skew, verified-token cache size and Ed25519 provider are
 * shared with {@link AccessTokenVerifier.Builder}: the same defaults, ranges and checks.
 *
 * <p>Settings are values: equal options make equal settings.
 */
public final class AuthSettings {

    /** Default {@code accessTokenTtl}, in minutes. */
    public static final int DEFAULT_ACCESS_TOKEN_TTL_MINUTES = 14;
    /** Shortest {@code accessTokenTtl}, in seconds. */
    public static final int MIN_ACCESS_TOKEN_TTL_SECONDS = 1;
    /** Longest {@code accessTokenTtl}, in hours. */
    public static final int MAX_ACCESS_TOKEN_TTL_HOURS = 24;
    /** Default {@code refreshTokenIdleTtl}, in days. */
    public static final int DEFAULT_REFRESH_TOKEN_IDLE_TTL_DAYS = 30;
    /** Shortest {@code refreshTokenIdleTtl}, in minutes. */
    public static final int MIN_REFRESH_TOKEN_IDLE_TTL_MINUTES = 1;
    /** Longest {@code refreshTokenIdleTtl}, in days. */
    public static final int MAX_REFRESH_TOKEN_IDLE_TTL_DAYS = 365;
    /** Default {@code sessionMaxLifetime}, in days. */
    public static final int DEFAULT_SESSION_MAX_LIFETIME_DAYS = 90;
    /** Shortest {@code sessionMaxLifetime}, in minutes; it is also at least {@code refreshTokenIdleTtl}. */
    public static final int MIN_SESSION_MAX_LIFETIME_MINUTES = 1;
    /** Longest {@code sessionMaxLifetime}, in days. */
    public static final int MAX_SESSION_MAX_LIFETIME_DAYS = 3650;
    /** Default {@code refreshReuseGrace}, in seconds. */
    public static final int DEFAULT_REFRESH_REUSE_GRACE_SECONDS = 30;
    /** Longest {@code refreshReuseGrace}, in minutes. */
    public static final int MAX_REFRESH_REUSE_GRACE_MINUTES = 5;
    /** Default {@code bcryptCost}. */
    public static final int DEFAULT_BCRYPT_COST = 12;
    /** Lowest {@code bcryptCost}. */
    public static final int MIN_BCRYPT_COST = 4;
    /** Highest {@code bcryptCost}. */
    public static final int MAX_BCRYPT_COST = 31;
    /** Default {@code issuer}: the {@code iss} of issued tokens and the one verifiers require. */
    public static final String DEFAULT_ISSUER = "ward";
    /** Longest {@code issuer}, in characters. */
    public static final int MAX_ISSUER_LENGTH = 256;
    /** Default {@code audience}: the {@code aud} of issued tokens and the one verifiers require. */
    public static final String DEFAULT_AUDIENCE = "ward";
    /** Longest {@code audience}, in characters. */
    public static final int MAX_AUDIENCE_LENGTH = 256;
    /** Default {@code clockSkew}, in seconds. */
    public static final int DEFAULT_CLOCK_SKEW_SECONDS = 30;
    /** Largest {@code clockSkew}, in minutes. */
    public static final int MAX_CLOCK_SKEW_MINUTES = 5;
    /** Default {@code strictSessions}. */
    public static final boolean DEFAULT_STRICT_SESSIONS = false;
    /** Default {@code strictSessionCacheTtl}, in seconds: every request reads the store. */
    public static final int DEFAULT_STRICT_SESSION_CACHE_TTL_SECONDS = 0;
    /** Longest {@code strictSessionCacheTtl}, in seconds. */
    public static final int MAX_STRICT_SESSION_CACHE_TTL_SECONDS = 10;
    /** Default {@code lockoutThreshold}. */
    public static final int DEFAULT_LOCKOUT_THRESHOLD = 5;
    /** Lowest {@code lockoutThreshold}. */
    public static final int MIN_LOCKOUT_THRESHOLD = 1;
    /** Highest {@code lockoutThreshold}. */
    public static final int MAX_LOCKOUT_THRESHOLD = 1000;
    /** Default {@code lockoutDuration} (the first lock), in minutes. */
    public static final int DEFAULT_LOCKOUT_DURATION_MINUTES = 1;
    /** Shortest {@code lockoutDuration}, in seconds. */
    public static final int MIN_LOCKOUT_DURATION_SECONDS = 1;
    /** Longest {@code lockoutDuration}, in days. */
    public static final int MAX_LOCKOUT_DURATION_DAYS = 1;
    /** Default {@code maxLockoutDuration} (the longest lock), in minutes. */
    public static final int DEFAULT_MAX_LOCKOUT_DURATION_MINUTES = 15;
    /** Shortest {@code maxLockoutDuration}, in seconds; it is also at least {@code lockoutDuration}. */
    public static final int MIN_MAX_LOCKOUT_DURATION_SECONDS = 1;
    /** Longest {@code maxLockoutDuration}, in days. */
    public static final int MAX_MAX_LOCKOUT_DURATION_DAYS = 30;
    /**
     * Default {@code permanentLockoutThreshold}: 0, off, so that no outsider can lock an account
     * for good; when set, it is at least {@code lockoutThreshold}.
     */
    public static final int DEFAULT_PERMANENT_LOCKOUT_THRESHOLD = 0;
    /** Default {@code deviceTokenLifetime}, in days. */
    public static final int DEFAULT_DEVICE_TOKEN_LIFETIME_DAYS = 365;
    /** Longest {@code deviceTokenLifetime}, in days; 0 turns device tokens off. */
    public static final int MAX_DEVICE_TOKEN_LIFETIME_DAYS = 730;
    /** Default {@code throttleClientAddress}. */
    public static final boolean DEFAULT_THROTTLE_CLIENT_ADDRESS = false;
    /** Default {@code clientAddressLockoutThreshold}. */
    public static final int DEFAULT_CLIENT_ADDRESS_LOCKOUT_THRESHOLD = 50;
    /** Lowest {@code clientAddressLockoutThreshold}. */
    public static final int MIN_CLIENT_ADDRESS_LOCKOUT_THRESHOLD = 1;
    /** Highest {@code clientAddressLockoutThreshold}. */
    public static final int MAX_CLIENT_ADDRESS_LOCKOUT_THRESHOLD = 100_000;
    /** Default {@code passwordResetTokenLifetime}, in minutes (OWASP's forgot-password advice: short). */
    public static final int DEFAULT_PASSWORD_RESET_TOKEN_LIFETIME_MINUTES = 30;
    /** Longest {@code passwordResetTokenLifetime}, in hours. */
    public static final int MAX_PASSWORD_RESET_TOKEN_LIFETIME_HOURS = 24;
    /** Default {@code emailVerificationTokenLifetime}, in hours. */
    public static final int DEFAULT_EMAIL_VERIFICATION_TOKEN_LIFETIME_HOURS = 48;
    /** Longest {@code emailVerificationTokenLifetime}, in days. */
    public static final int MAX_EMAIL_VERIFICATION_TOKEN_LIFETIME_DAYS = 30;
    /** Default {@code emailChangeTokenLifetime}, in minutes. */
    public static final int DEFAULT_EMAIL_CHANGE_TOKEN_LIFETIME_MINUTES = 60;
    /** Longest {@code emailChangeTokenLifetime}, in hours. */
    public static final int MAX_EMAIL_CHANGE_TOKEN_LIFETIME_HOURS = 72;
    /** Default {@code logInLinkLifetime}, in minutes. */
    public static final int DEFAULT_LOG_IN_LINK_LIFETIME_MINUTES = 15;
    /** Longest {@code logInLinkLifetime}, in hours. */
    public static final int MAX_LOG_IN_LINK_LIFETIME_HOURS = 1;
    /** Shortest lifetime of any single-use link, in minutes. */
    public static final int MIN_ONE_TIME_TOKEN_LIFETIME_MINUTES = 1;
    /** Default {@code requireVerifiedEmail}. */
    public static final boolean DEFAULT_REQUIRE_VERIFIED_EMAIL = false;
    /** Default {@code logInLinks}. */
    public static final boolean DEFAULT_LOG_IN_LINKS = false;
    /** Default {@code concealDuplicateSignUp}. */
    public static final boolean DEFAULT_CONCEAL_DUPLICATE_SIGN_UP = false;
    /** Default {@code verifiedTokenCacheSize}; 0 turns the cache off. */
    public static final int DEFAULT_VERIFIED_TOKEN_CACHE_SIZE = 10_000;
    /** Largest {@code verifiedTokenCacheSize}. */
    public static final int MAX_VERIFIED_TOKEN_CACHE_SIZE = 10_000_000;
    /** Default {@code ed25519Provider}: the JDK's. */
    public static final Ed25519Provider DEFAULT_ED25519_PROVIDER = Ed25519Provider.JDK;

    // After the constants: building the defaults reads them.
    private static final AuthSettings DEFAULTS = builder().build();

    private final Duration accessTokenTtl;
    private final Duration refreshTokenIdleTtl;
    private final Duration sessionMaxLifetime;
    private final Duration refreshReuseGrace;
    private final int bcryptCost;
    private final VerificationOptions verification;
    private final boolean strictSessions;
    private final Duration strictSessionCacheTtl;
    private final int lockoutThreshold;
    private final Duration lockoutDuration;
    private final Duration maxLockoutDuration;
    private final int permanentLockoutThreshold;
    private final Duration deviceTokenLifetime;
    private final boolean throttleClientAddress;
    private final int clientAddressLockoutThreshold;
    private final boolean concealDuplicateSignUp;
    private final LifecycleOptions lifecycle;

    private AuthSettings(Builder b, VerificationOptions verification, LifecycleOptions lifecycle) {
        this.lifecycle = lifecycle;
        this.accessTokenTtl = b.accessTokenTtl;
        this.refreshTokenIdleTtl = b.refreshTokenIdleTtl;
        this.sessionMaxLifetime = b.sessionMaxLifetime;
        this.refreshReuseGrace = b.refreshReuseGrace;
        this.bcryptCost = b.bcryptCost;
        this.verification = verification;
        this.strictSessions = b.strictSessions;
        this.strictSessionCacheTtl = b.strictSessionCacheTtl;
        this.lockoutThreshold = b.lockoutThreshold;
        this.lockoutDuration = b.lockoutDuration;
        this.maxLockoutDuration = b.maxLockoutDuration;
        this.permanentLockoutThreshold = b.permanentLockoutThreshold;
        this.deviceTokenLifetime = b.deviceTokenLifetime;
        this.throttleClientAddress = b.throttleClientAddress;
        this.clientAddressLockoutThreshold = b.clientAddressLockoutThreshold;
        this.concealDuplicateSignUp = b.concealDuplicateSignUp;
    }

    /**
     * Returns the default settings.
     *
     * @return the defaults
     */
    public static AuthSettings defaults() {
        return DEFAULTS;
    }

    /**
     * Returns a builder filled with the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder(null);
    }

    /**
     * Returns a builder filled with these settings, for "the same, but": each option may still
     * be set once, since the copied values count as the builder's starting values, not as set.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** @return the access-token lifetime; default {@value #DEFAULT_ACCESS_TOKEN_TTL_MINUTES} min */
    public Duration accessTokenTtl() {
        return accessTokenTtl;
    }

    /** @return how long a session lives unused; default {@value #DEFAULT_REFRESH_TOKEN_IDLE_TTL_DAYS} days */
    public Duration refreshTokenIdleTtl() {
        return refreshTokenIdleTtl;
    }

    /** @return the absolute session lifetime; default {@value #DEFAULT_SESSION_MAX_LIFETIME_DAYS} days */
    public Duration sessionMaxLifetime() {
        return sessionMaxLifetime;
    }

    /** @return how long the previous refresh token still works; default {@value #DEFAULT_REFRESH_REUSE_GRACE_SECONDS} s */
    public Duration refreshReuseGrace() {
        return refreshReuseGrace;
    }

    /** @return the bcrypt cost of new hashes; default {@value #DEFAULT_BCRYPT_COST} */
    public int bcryptCost() {
        return bcryptCost;
    }

    /** @return the {@code iss} of issued and required tokens; default {@value #DEFAULT_ISSUER} */
    public String issuer() {
        return verification.issuer();
    }

    /** @return the {@code aud} of issued and required tokens; default {@value #DEFAULT_AUDIENCE} */
    public String audience() {
        return verification.audience();
    }

    /** @return the tolerance for disagreeing clocks; default {@value #DEFAULT_CLOCK_SKEW_SECONDS} s */
    public Duration clockSkew() {
        return verification.clockSkew();
    }

    /** @return whether {@code authenticate} checks the session; default {@value #DEFAULT_STRICT_SESSIONS} */
    public boolean strictSessions() {
        return strictSessions;
    }

    /** @return how long a strict-session check is reused; default {@value #DEFAULT_STRICT_SESSION_CACHE_TTL_SECONDS} s */
    public Duration strictSessionCacheTtl() {
        return strictSessionCacheTtl;
    }

    /** @return consecutive failures that lock an account; default {@value #DEFAULT_LOCKOUT_THRESHOLD} */
    public int lockoutThreshold() {
        return lockoutThreshold;
    }

    /** @return the first lock, doubled by each failure; default {@value #DEFAULT_LOCKOUT_DURATION_MINUTES} min */
    public Duration lockoutDuration() {
        return lockoutDuration;
    }

    /** @return the longest lock; default {@value #DEFAULT_MAX_LOCKOUT_DURATION_MINUTES} min */
    public Duration maxLockoutDuration() {
        return maxLockoutDuration;
    }

    /**
     * @return consecutive failures from unknown clients after which only a reset unlocks them
     *     (known devices are never locked by it); 0 is off; default {@value #DEFAULT_PERMANENT_LOCKOUT_THRESHOLD}
     */
    public int permanentLockoutThreshold() {
        return permanentLockoutThreshold;
    }

    /**
     * @return how long a device token from a successful log-in counts as a known device; zero
     *     when device tokens are off; default {@value #DEFAULT_DEVICE_TOKEN_LIFETIME_DAYS} days
     */
    public Duration deviceTokenLifetime() {
        return deviceTokenLifetime;
    }

    /** @return whether failures count per client address; default {@value #DEFAULT_THROTTLE_CLIENT_ADDRESS} */
    public boolean throttleClientAddress() {
        return throttleClientAddress;
    }

    /** @return failures that lock a client address; default {@value #DEFAULT_CLIENT_ADDRESS_LOCKOUT_THRESHOLD} */
    public int clientAddressLockoutThreshold() {
        return clientAddressLockoutThreshold;
    }

    /** @return whether a taken e-mail signs up like a new one; default {@value #DEFAULT_CONCEAL_DUPLICATE_SIGN_UP} */
    public boolean concealDuplicateSignUp() {
        return concealDuplicateSignUp;
    }

    /** @return how long a password-reset link works; default {@value #DEFAULT_PASSWORD_RESET_TOKEN_LIFETIME_MINUTES} min */
    public Duration passwordResetTokenLifetime() {
        return lifecycle.passwordResetTokenLifetime();
    }

    /** @return how long an e-mail verification link works; default {@value #DEFAULT_EMAIL_VERIFICATION_TOKEN_LIFETIME_HOURS} h */
    public Duration emailVerificationTokenLifetime() {
        return lifecycle.emailVerificationTokenLifetime();
    }

    /** @return how long a link confirming a new address works; default {@value #DEFAULT_EMAIL_CHANGE_TOKEN_LIFETIME_MINUTES} min */
    public Duration emailChangeTokenLifetime() {
        return lifecycle.emailChangeTokenLifetime();
    }

    /** @return how long a log-in link works; default {@value #DEFAULT_LOG_IN_LINK_LIFETIME_MINUTES} min */
    public Duration logInLinkLifetime() {
        return lifecycle.logInLinkLifetime();
    }

    /** @return whether log-in needs a verified e-mail address; default {@value #DEFAULT_REQUIRE_VERIFIED_EMAIL} */
    public boolean requireVerifiedEmail() {
        return lifecycle.requireVerifiedEmail();
    }

    /** @return whether log-in links are on; default {@value #DEFAULT_LOG_IN_LINKS} */
    public boolean logInLinks() {
        return lifecycle.logInLinks();
    }

    /** @return how many verified access tokens are remembered; default {@value #DEFAULT_VERIFIED_TOKEN_CACHE_SIZE} */
    public int verifiedTokenCacheSize() {
        return verification.verifiedTokenCacheSize();
    }

    /** @return what verifies Ed25519 signatures; default {@link #DEFAULT_ED25519_PROVIDER} */
    public Ed25519Provider ed25519Provider() {
        return verification.ed25519Provider();
    }

    /**
     * Tells whether other settings have the same value for every option.
     *
     * @param other the other object
     * @return true for equal settings
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof AuthSettings s && bcryptCost == s.bcryptCost && strictSessions == s.strictSessions
                && lockoutThreshold == s.lockoutThreshold && permanentLockoutThreshold == s.permanentLockoutThreshold
                && throttleClientAddress == s.throttleClientAddress
                && clientAddressLockoutThreshold == s.clientAddressLockoutThreshold
                && concealDuplicateSignUp == s.concealDuplicateSignUp && accessTokenTtl.equals(s.accessTokenTtl)
                && refreshTokenIdleTtl.equals(s.refreshTokenIdleTtl) && sessionMaxLifetime.equals(s.sessionMaxLifetime)
                && refreshReuseGrace.equals(s.refreshReuseGrace) && verification.equals(s.verification)
                && strictSessionCacheTtl.equals(s.strictSessionCacheTtl) && lockoutDuration.equals(s.lockoutDuration)
                && maxLockoutDuration.equals(s.maxLockoutDuration) && deviceTokenLifetime.equals(s.deviceTokenLifetime)
                && lifecycle.equals(s.lifecycle);
    }

    /**
     * Returns a hash code consistent with {@link #equals(Object)}.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return Objects.hash(accessTokenTtl, refreshTokenIdleTtl, sessionMaxLifetime, refreshReuseGrace, bcryptCost,
                verification, strictSessions, strictSessionCacheTtl, lockoutThreshold, lockoutDuration,
                maxLockoutDuration, permanentLockoutThreshold, throttleClientAddress, clientAddressLockoutThreshold,
                concealDuplicateSignUp, deviceTokenLifetime, lifecycle);
    }

    @Override
    public String toString() {
        return "AuthSettings[accessTokenTtl=" + accessTokenTtl + ", refreshTokenIdleTtl=" + refreshTokenIdleTtl
                + ", sessionMaxLifetime=" + sessionMaxLifetime + ", refreshReuseGrace=" + refreshReuseGrace
                + ", bcryptCost=" + bcryptCost + ", issuer=" + issuer() + ", audience=" + audience()
                + ", clockSkew=" + clockSkew() + ", strictSessions=" + strictSessions
                + ", strictSessionCacheTtl=" + strictSessionCacheTtl + ", lockoutThreshold=" + lockoutThreshold
                + ", lockoutDuration=" + lockoutDuration + ", maxLockoutDuration=" + maxLockoutDuration
                + ", permanentLockoutThreshold=" + permanentLockoutThreshold
                + ", deviceTokenLifetime=" + deviceTokenLifetime
                + ", throttleClientAddress=" + throttleClientAddress
                + ", clientAddressLockoutThreshold=" + clientAddressLockoutThreshold
                + ", concealDuplicateSignUp=" + concealDuplicateSignUp
                + ", passwordResetTokenLifetime=" + lifecycle.passwordResetTokenLifetime()
                + ", emailVerificationTokenLifetime=" + lifecycle.emailVerificationTokenLifetime()
                + ", emailChangeTokenLifetime=" + lifecycle.emailChangeTokenLifetime()
                + ", logInLinkLifetime=" + lifecycle.logInLinkLifetime()
                + ", requireVerifiedEmail=" + lifecycle.requireVerifiedEmail() + ", logInLinks=" + lifecycle.logInLinks()
                + ", verifiedTokenCacheSize=" + verifiedTokenCacheSize() + ", ed25519Provider=" + ed25519Provider() + "]";
    }

    /**
     * Builds {@link AuthSettings}. It starts filled with the defaults, or with the settings it
     * was copied from; each option may be set once, null is refused at once, and
     * {@link #build()} reports every problem together. Not thread-safe.
     */
    public static final class Builder {
        private final SetOnce once = new SetOnce();
        private final VerificationOptions.Builder verification;
        private Duration accessTokenTtl = Duration.ofMinutes(DEFAULT_ACCESS_TOKEN_TTL_MINUTES);
        private Duration refreshTokenIdleTtl = Duration.ofDays(DEFAULT_REFRESH_TOKEN_IDLE_TTL_DAYS);
        private Duration sessionMaxLifetime = Duration.ofDays(DEFAULT_SESSION_MAX_LIFETIME_DAYS);
        private Duration refreshReuseGrace = Duration.ofSeconds(DEFAULT_REFRESH_REUSE_GRACE_SECONDS);
        private int bcryptCost = DEFAULT_BCRYPT_COST;
        private boolean strictSessions = DEFAULT_STRICT_SESSIONS;
        private Duration strictSessionCacheTtl = Duration.ofSeconds(DEFAULT_STRICT_SESSION_CACHE_TTL_SECONDS);
        private int lockoutThreshold = DEFAULT_LOCKOUT_THRESHOLD;
        private Duration lockoutDuration = Duration.ofMinutes(DEFAULT_LOCKOUT_DURATION_MINUTES);
        private Duration maxLockoutDuration = Duration.ofMinutes(DEFAULT_MAX_LOCKOUT_DURATION_MINUTES);
        private int permanentLockoutThreshold = DEFAULT_PERMANENT_LOCKOUT_THRESHOLD;
        private Duration deviceTokenLifetime = Duration.ofDays(DEFAULT_DEVICE_TOKEN_LIFETIME_DAYS);
        private boolean throttleClientAddress = DEFAULT_THROTTLE_CLIENT_ADDRESS;
        private int clientAddressLockoutThreshold = DEFAULT_CLIENT_ADDRESS_LOCKOUT_THRESHOLD;
        private boolean concealDuplicateSignUp = DEFAULT_CONCEAL_DUPLICATE_SIGN_UP;
        private Duration passwordResetTokenLifetime;
        private Duration emailVerificationTokenLifetime;
        private Duration emailChangeTokenLifetime;
        private Duration logInLinkLifetime;
        private boolean requireVerifiedEmail;
        private boolean logInLinks;

        /** Starts from the defaults, or from {@code from}'s values, none of which counts as set. */
        private Builder(AuthSettings from) {
            LifecycleOptions lifecycle = from == null ? LifecycleOptions.defaults() : from.lifecycle;
            passwordResetTokenLifetime = lifecycle.passwordResetTokenLifetime();
            emailVerificationTokenLifetime = lifecycle.emailVerificationTokenLifetime();
            emailChangeTokenLifetime = lifecycle.emailChangeTokenLifetime();
            logInLinkLifetime = lifecycle.logInLinkLifetime();
            requireVerifiedEmail = lifecycle.requireVerifiedEmail();
            logInLinks = lifecycle.logInLinks();
            if (from == null) {
                verification = new VerificationOptions.Builder(VerificationOptions.defaults(), once);
                return;
            }
            verification = new VerificationOptions.Builder(from.verification, once);
            accessTokenTtl = from.accessTokenTtl;
            refreshTokenIdleTtl = from.refreshTokenIdleTtl;
            sessionMaxLifetime = from.sessionMaxLifetime;
            refreshReuseGrace = from.refreshReuseGrace;
            bcryptCost = from.bcryptCost;
            strictSessions = from.strictSessions;
            strictSessionCacheTtl = from.strictSessionCacheTtl;
            lockoutThreshold = from.lockoutThreshold;
            lockoutDuration = from.lockoutDuration;
            maxLockoutDuration = from.maxLockoutDuration;
            permanentLockoutThreshold = from.permanentLockoutThreshold;
            deviceTokenLifetime = from.deviceTokenLifetime;
            throttleClientAddress = from.throttleClientAddress;
            clientAddressLockoutThreshold = from.clientAddressLockoutThreshold;
            concealDuplicateSignUp = from.concealDuplicateSignUp;
        }

        /**
         * Sets the access-token lifetime: {@value #MIN_ACCESS_TOKEN_TTL_SECONDS} s to
         * {@value #MAX_ACCESS_TOKEN_TTL_HOURS} h; default {@value #DEFAULT_ACCESS_TOKEN_TTL_MINUTES} min.
         *
         * @param ttl the lifetime
         * @return this builder
         * @throws IllegalStateException if set already
         * @throws NullPointerException if {@code ttl} is null
         */
        public Builder accessTokenTtl(Duration ttl) {
            accessTokenTtl = once.set("accessTokenTtl", ttl);
            return this;
        }

        /**
         * Sets how long a session lives without a refresh: {@value #MIN_REFRESH_TOKEN_IDLE_TTL_MINUTES} min
         * to {@value #MAX_REFRESH_TOKEN_IDLE_TTL_DAYS} days; default {@value #DEFAULT_REFRESH_TOKEN_IDLE_TTL_DAYS} days.
         *
         * @param ttl the idle lifetime
         * @return this builder
         * @throws IllegalStateException if set already
         * @throws NullPointerException if {@code ttl} is null
         */
        public Builder refreshTokenIdleTtl(Duration ttl) {
            refreshTokenIdleTtl = once.set("refreshTokenIdleTtl", ttl);
            return this;
        }

        /**
         * Sets the absolute session lifetime: at least the idle lifetime (and
         * {@value #MIN_SESSION_MAX_LIFETIME_MINUTES} min), at most {@value #MAX_SESSION_MAX_LIFETIME_DAYS}
         * days; default {@value #DEFAULT_SESSION_MAX_LIFETIME_DAYS} days.
         *
         * @param lifetime the lifetime
         * @return this builder
         * @throws IllegalStateException if set already
         * @throws NullPointerException if {@code lifetime} is null
         */
        public Builder sessionMaxLifetime(Duration lifetime) {
            sessionMaxLifetime = once.set("sessionMaxLifetime", lifetime);
            return this;
        }

        /**
         * Sets the grace window for concurrent refreshes: 0 (off) to {@value #MAX_REFRESH_REUSE_GRACE_MINUTES}
         * min, and less than the idle lifetime; default {@value #DEFAULT_REFRESH_REUSE_GRACE_SECONDS} s.
         *
         * @param grace the window
         * @return this builder
         * @throws IllegalStateException if set already
         * @throws NullPointerException if {@code grace} is null
         */
        public Builder refreshReuseGrace(Duration grace) {
            refreshReuseGrace = once.set("refreshReuseGrace", grace);
            return this;
        }

        /**
         * Sets the bcrypt cost: {@value #MIN_BCRYPT_COST} to {@value #MAX_BCRYPT_COST}; default
         * {@value #DEFAULT_BCRYPT_COST}. Stored hashes with a lower cost are re-hashed at the next
         * successful log-in.
         *
         * @param cost the cost
         * @return this builder
         * @throws IllegalStateException if set already
         */
        public Builder bcryptCost(int cost) {
            bcryptCost = once.set("bcryptCost", cost);
            return this;
        }

        /**
         * Sets the issuer: 1 to {@value #MAX_ISSUER_LENGTH} characters, not blank; default
         * {@value #DEFAULT_ISSUER}. Verifiers require it; see
         * {@link AccessTokenVerifier.Builder#issuer(String)}.
         *
         * @param issuer the issuer, typically the auth service's URL
         * @return this builder
         * @throws IllegalStateException if set already
         * @throws NullPointerException if {@code issuer} is null
         */
        public Builder issuer(String issuer) {
            verification.issuer(issuer);
            return this;
        }

        /**
         * Sets the audience: 1 to {@value #MAX_AUDIENCE_LENGTH} characters, not blank; default
         * {@value #DEFAULT_AUDIENCE}. Verifiers require it; see
         * {@link AccessTokenVerifier.Builder#audience(String)}.
         *
         * @param audience the audience, typically the API's name
         * @return this builder
         * @throws IllegalStateException if set already
         * @throws NullPointerException if {@code audience} is null
         */
        public Builder audience(String audience) {
            verification.audience(audience);
            return this;
        }

        /**
         * Sets the tolerance for disagreeing clocks: 0 to {@value #MAX_CLOCK_SKEW_MINUTES} min; default
         * {@value #DEFAULT_CLOCK_SKEW_SECONDS} s. A token is accepted this long after it expired, and
         * this long before it was issued.
         *
         * @param skew the skew
         * @return this builder
         * @throws IllegalStateException if set already
         * @throws NullPointerException if {@code skew} is null
         */
        public Builder clockSkew(Duration skew) {
            verification.clockSkew(skew);
            return this;
        }

        /**
         * Sets whether {@code authenticate} also checks that the token's session is still active,
         * so that log-out, reuse detection and password changes end access at once (OWASP ASVS
         * 7.4.1), and returns the roles the user store holds now rather than those in the token,
         * so that a demotion takes effect at once; default {@value #DEFAULT_STRICT_SESSIONS}. It
         * costs two store reads per request (the session and the user), or fewer with
         * {@link #strictSessionCacheTtl(Duration)}.
         *
         * @param strict whether to check
         * @return this builder
         * @throws IllegalStateException if set already
         */
        public Builder strictSessions(boolean strict) {
            strictSessions = once.set("strictSessions", strict);
            return this;
        }

        /**
         * Sets how long one node may reuse a positive strict-session check: 0 to
         * {@value #MAX_STRICT_SESSION_CACHE_TTL_SECONDS} s; default {@value #DEFAULT_STRICT_SESSION_CACHE_TTL_SECONDS}
         * s. A session revoked on another node may then keep working on this one for up to this
         * long; on the node that revokes it, it stops at once.
         *
         * @param ttl the cache lifetime
         * @return this builder
         * @throws IllegalStateException if set already
         * @throws NullPointerException if {@code ttl} is null
         */
        public Builder strictSessionCacheTtl(Duration ttl) {
            strictSessionCacheTtl = once.set("strictSessionCacheTtl", ttl);
            return this;
        }

        /**
         * Sets how many consecutive failures lock an account: {@value #MIN_LOCKOUT_THRESHOLD} to
         * {@value #MAX_LOCKOUT_THRESHOLD}; default {@value #DEFAULT_LOCKOUT_THRESHOLD}.
         *
         * @param failures the threshold
         * @return this builder
         * @throws IllegalStateException if set already
         */
        public Builder lockoutThreshold(int failures) {
            lockoutThreshold = once.set("lockoutThreshold", failures);
            return this;
        }

        /**
         * Sets the first lock: {@value #MIN_LOCKOUT_DURATION_SECONDS} s to {@value #MAX_LOCKOUT_DURATION_DAYS}
         * day; default {@value #DEFAULT_LOCKOUT_DURATION_MINUTES} min. Each further failure doubles it.
         *
         * @param duration the first lock
         * @return this builder
         * @throws IllegalStateException if set already
         * @throws NullPointerException if {@code duration} is null
         */
        public Builder lockoutDuration(Duration duration) {
            lockoutDuration = once.set("lockoutDuration", duration);
            return this;
        }

        /**
         * Sets the longest lock: at least the first lock (and {@value #MIN_MAX_LOCKOUT_DURATION_SECONDS} s),
         * at most {@value #MAX_MAX_LOCKOUT_DURATION_DAYS} days; default
         * {@value #DEFAULT_MAX_LOCKOUT_DURATION_MINUTES} min.
         *
         * @param duration the longest lock
         * @return this builder
         * @throws IllegalStateException if set already
         * @throws NullPointerException if {@code duration} is null
         */
        public Builder maxLockoutDuration(Duration duration) {
            maxLockoutDuration = once.set("maxLockoutDuration", duration);
            return this;
        }

        /**
         * Sets after how many consecutive failures from unknown clients an account stays locked
         * to unknown clients until the host resets it ({@link AuthManager#resetLoginAttempts(String)}
         * or a password reset): 0 (off) or at least the lockout threshold; default
         * {@value #DEFAULT_PERMANENT_LOCKOUT_THRESHOLD}, off.
         *
         * <p>The owner on a known device (one that presents a valid device token, see
         * {@link #deviceTokenLifetime(Duration)}) is never locked by it. Off by default because
         * anyone who knows the e-mail address can reach the ceiling and shut the owner out of
         * every new device; the doubling locks already hold a guesser to about 100 tries a day.
         * Set it (for example to 100) where a hard ceiling is required, as NIST SP 800-63B-4
         * §3.2.2 reads.
         *
         * @param failures the hard ceiling, or 0 for none
         * @return this builder
         * @throws IllegalStateException if set already
         */
        public Builder permanentLockoutThreshold(int failures) {
            permanentLockoutThreshold = once.set("permanentLockoutThreshold", failures);
            return this;
        }

        /**
         * Sets how long the device token of a successful log-in lets that device log in while
         * unknown clients are locked out (the OWASP device-cookie pattern): 0 (device tokens
         * off) to {@value #MAX_DEVICE_TOKEN_LIFETIME_DAYS} days; default
         * {@value #DEFAULT_DEVICE_TOKEN_LIFETIME_DAYS} days. Attempts with a valid device token
         * are counted under that device alone, with the same doubling locks.
         *
         * @param lifetime the lifetime, or zero for none
         * @return this builder
         * @throws IllegalStateException if set already
         * @throws NullPointerException if {@code lifetime} is null
         */
        public Builder deviceTokenLifetime(Duration lifetime) {
            deviceTokenLifetime = once.set("deviceTokenLifetime", lifetime);
            return this;
        }

        /**
         * Sets whether failures are also counted per client address (when the host passes one
         * in {@link ClientInfo}); default {@value #DEFAULT_THROTTLE_CLIENT_ADDRESS}. An address is
         * locked with the same doubling schedule, never permanently.
         *
         * @param throttle whether to count per address
         * @return this builder
         * @throws IllegalStateException if set already
         */
        public Builder throttleClientAddress(boolean throttle) {
            throttleClientAddress = once.set("throttleClientAddress", throttle);
            return this;
        }

        /**
         * Sets how many consecutive failures lock a client address: {@value #MIN_CLIENT_ADDRESS_LOCKOUT_THRESHOLD}
         * to {@value #MAX_CLIENT_ADDRESS_LOCKOUT_THRESHOLD}; default {@value #DEFAULT_CLIENT_ADDRESS_LOCKOUT_THRESHOLD}
         * (addresses are often shared behind NAT).
         *
         * @param failures the threshold
         * @return this builder
         * @throws IllegalStateException if set already
         */
        public Builder clientAddressLockoutThreshold(int failures) {
            clientAddressLockoutThreshold = once.set("clientAddressLockoutThreshold", failures);
            return this;
        }

        /**
         * Sets whether sign-up with a taken e-mail address is answered exactly like a success,
         * so that sign-up does not reveal which addresses are registered (OWASP ASVS 6.3.8);
         * default {@value #DEFAULT_CONCEAL_DUPLICATE_SIGN_UP}. The host then gets an
         * {@link AuthEvent.DuplicateSignUp} event, for example to e-mail the owner.
         *
         * @param conceal whether to conceal
         * @return this builder
         * @throws IllegalStateException if set already
         */
        public Builder concealDuplicateSignUp(boolean conceal) {
            concealDuplicateSignUp = once.set("concealDuplicateSignUp", conceal);
            return this;
        }

        /**
         * Sets how long a password-reset link works: {@value #MIN_ONE_TIME_TOKEN_LIFETIME_MINUTES}
         * min to {@value #MAX_PASSWORD_RESET_TOKEN_LIFETIME_HOURS} h; default
         * {@value #DEFAULT_PASSWORD_RESET_TOKEN_LIFETIME_MINUTES} min. A reset link is worth the
         * account, so keep it short.
         *
         * @param lifetime the lifetime
         * @return this builder
         * @throws IllegalStateException if set already
         * @throws NullPointerException if {@code lifetime} is null
         */
        public Builder passwordResetTokenLifetime(Duration lifetime) {
            passwordResetTokenLifetime = once.set("passwordResetTokenLifetime", lifetime);
            return this;
        }

        /**
         * Sets how long an e-mail verification link works:
         * {@value #MIN_ONE_TIME_TOKEN_LIFETIME_MINUTES} min to
         * {@value #MAX_EMAIL_VERIFICATION_TOKEN_LIFETIME_DAYS} days; default
         * {@value #DEFAULT_EMAIL_VERIFICATION_TOKEN_LIFETIME_HOURS} h.
         *
         * @param lifetime the lifetime
         * @return this builder
         * @throws IllegalStateException if set already
         * @throws NullPointerException if {@code lifetime} is null
         */
        public Builder emailVerificationTokenLifetime(Duration lifetime) {
            emailVerificationTokenLifetime = once.set("emailVerificationTokenLifetime", lifetime);
            return this;
        }

        /**
         * Sets how long the link that confirms a new e-mail address works:
         * {@value #MIN_ONE_TIME_TOKEN_LIFETIME_MINUTES} min to
         * {@value #MAX_EMAIL_CHANGE_TOKEN_LIFETIME_HOURS} h; default
         * {@value #DEFAULT_EMAIL_CHANGE_TOKEN_LIFETIME_MINUTES} min.
         *
         * @param lifetime the lifetime
         * @return this builder
         * @throws IllegalStateException if set already
         * @throws NullPointerException if {@code lifetime} is null
         */
        public Builder emailChangeTokenLifetime(Duration lifetime) {
            emailChangeTokenLifetime = once.set("emailChangeTokenLifetime", lifetime);
            return this;
        }

        /**
         * Sets how long a log-in link works: {@value #MIN_ONE_TIME_TOKEN_LIFETIME_MINUTES} min to
         * {@value #MAX_LOG_IN_LINK_LIFETIME_HOURS} h; default
         * {@value #DEFAULT_LOG_IN_LINK_LIFETIME_MINUTES} min.
         *
         * @param lifetime the lifetime
         * @return this builder
         * @throws IllegalStateException if set already
         * @throws NullPointerException if {@code lifetime} is null
         */
        public Builder logInLinkLifetime(Duration lifetime) {
            logInLinkLifetime = once.set("logInLinkLifetime", lifetime);
            return this;
        }

        /**
         * Sets whether log-in needs a verified e-mail address; default
         * {@value #DEFAULT_REQUIRE_VERIFIED_EMAIL}. When on, a log-in with the right password
         * but an unverified address fails with {@link AuthError#EMAIL_NOT_VERIFIED}; the manager
         * then needs a {@link dev.ward.store.OneTimeTokenStore} so that users can verify.
         *
         * @param require whether to require it
         * @return this builder
         * @throws IllegalStateException if set already
         */
        public Builder requireVerifiedEmail(boolean require) {
            requireVerifiedEmail = once.set("requireVerifiedEmail", require);
            return this;
        }

        /**
         * Sets whether users may log in with a link sent to their address instead of a password
         * ({@link AuthManager#requestLogInLink} and {@link AuthManager#logInWithLink}); default
         * {@value #DEFAULT_LOG_IN_LINKS}. Off, those calls fail with {@link AuthError#NOT_ENABLED}.
         * On, an account is as safe as its mailbox.
         *
         * @param on whether log-in links are on
         * @return this builder
         * @throws IllegalStateException if set already
         */
        public Builder logInLinks(boolean on) {
            logInLinks = once.set("logInLinks", on);
            return this;
        }

        /**
         * Sets how many verified access tokens {@code authenticate} remembers: 0 (off) to
         * {@value #MAX_VERIFIED_TOKEN_CACHE_SIZE}; default {@value #DEFAULT_VERIFIED_TOKEN_CACHE_SIZE}.
         * A client presents one access token on every request during its lifetime, so
         * remembering the result skips the signature and JSON work for every presentation after
         * the first. The cache is keyed by the whole token text (a token that differs in any bit
         * is verified in full), checks expiry on every hit, drops entries once their token has
         * expired, and never holds more than this many. It costs roughly 1 KiB per entry.
         *
         * @param size the most tokens remembered
         * @return this builder
         * @throws IllegalStateException if set already
         */
        public Builder verifiedTokenCacheSize(int size) {
            verification.verifiedTokenCacheSize(size);
            return this;
        }

        /**
         * Sets which implementation verifies Ed25519 ({@link JwtAlgorithm#EdDSA}) signatures;
         * default {@link #DEFAULT_ED25519_PROVIDER}. {@link Ed25519Provider#TINK} needs Google
         * Tink on the class path, an optional dependency the host adds.
         *
         * @param provider the provider
         * @return this builder
         * @throws IllegalStateException if set already
         * @throws NullPointerException if {@code provider} is null
         */
        public Builder ed25519Provider(Ed25519Provider provider) {
            verification.ed25519Provider(provider);
            return this;
        }

        /**
         * Builds the settings. The builder may be used again afterwards; the settings do not
         * change with it.
         *
         * @return the settings
         * @throws ConfigurationException listing every value out of range and every pair of
         *     options that contradict each other, each under its option's name
         */
        public AuthSettings build() {
            ConfigChecks checks = new ConfigChecks();
            checks.range("accessTokenTtl", accessTokenTtl, Duration.ofSeconds(MIN_ACCESS_TOKEN_TTL_SECONDS),
                    Duration.ofHours(MAX_ACCESS_TOKEN_TTL_HOURS));
            checks.range("refreshTokenIdleTtl", refreshTokenIdleTtl, Duration.ofMinutes(MIN_REFRESH_TOKEN_IDLE_TTL_MINUTES),
                    Duration.ofDays(MAX_REFRESH_TOKEN_IDLE_TTL_DAYS));
            checks.range("sessionMaxLifetime", sessionMaxLifetime, Duration.ofMinutes(MIN_SESSION_MAX_LIFETIME_MINUTES),
                    Duration.ofDays(MAX_SESSION_MAX_LIFETIME_DAYS));
            if (sessionMaxLifetime.compareTo(refreshTokenIdleTtl) < 0) {
                checks.add("sessionMaxLifetime", "(" + sessionMaxLifetime + ") must be at least refreshTokenIdleTtl ("
                        + refreshTokenIdleTtl + ")");
            }
            checks.range("refreshReuseGrace", refreshReuseGrace, Duration.ZERO,
                    Duration.ofMinutes(MAX_REFRESH_REUSE_GRACE_MINUTES));
            if (refreshReuseGrace.compareTo(refreshTokenIdleTtl) >= 0) {
                checks.add("refreshReuseGrace", "must be shorter than refreshTokenIdleTtl");
            }
            checks.range("bcryptCost", bcryptCost, MIN_BCRYPT_COST, MAX_BCRYPT_COST);
            VerificationOptions verified = verification.build(checks);
            checks.range("strictSessionCacheTtl", strictSessionCacheTtl, Duration.ZERO,
                    Duration.ofSeconds(MAX_STRICT_SESSION_CACHE_TTL_SECONDS));
            checks.range("lockoutThreshold", lockoutThreshold, MIN_LOCKOUT_THRESHOLD, MAX_LOCKOUT_THRESHOLD);
            checks.range("lockoutDuration", lockoutDuration, Duration.ofSeconds(MIN_LOCKOUT_DURATION_SECONDS),
                    Duration.ofDays(MAX_LOCKOUT_DURATION_DAYS));
            checks.range("maxLockoutDuration", maxLockoutDuration, Duration.ofSeconds(MIN_MAX_LOCKOUT_DURATION_SECONDS),
                    Duration.ofDays(MAX_MAX_LOCKOUT_DURATION_DAYS));
            if (maxLockoutDuration.compareTo(lockoutDuration) < 0) {
                checks.add("maxLockoutDuration", "must be at least lockoutDuration");
            }
            if (permanentLockoutThreshold != 0 && permanentLockoutThreshold < lockoutThreshold) {
                checks.add("permanentLockoutThreshold", "(" + permanentLockoutThreshold
                        + ") must be at least lockoutThreshold (" + lockoutThreshold + ")");
            }
            checks.range("deviceTokenLifetime", deviceTokenLifetime, Duration.ZERO,
                    Duration.ofDays(MAX_DEVICE_TOKEN_LIFETIME_DAYS));
            checks.range("clientAddressLockoutThreshold", clientAddressLockoutThreshold,
                    MIN_CLIENT_ADDRESS_LOCKOUT_THRESHOLD, MAX_CLIENT_ADDRESS_LOCKOUT_THRESHOLD);
            LifecycleOptions lifecycle = new LifecycleOptions(passwordResetTokenLifetime, emailVerificationTokenLifetime,
                    emailChangeTokenLifetime, logInLinkLifetime, requireVerifiedEmail, logInLinks);
            lifecycle.check(checks);
            checks.throwIfAny();
            return new AuthSettings(this, verified, lifecycle);
        }
    }
}
