package dev.ward;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The tunable numbers and switches of an {@link AuthManager}, immutable, with documented
 * defaults.
 *
 * <pre>{@code
 * AuthSettings settings = AuthSettings.builder()
 *         .accessTokenTtl(Duration.ofMinutes(5))
 *         .issuer("https://auth.example.com")
 *         .build();
 * }</pre>
 *
 * <p>The builder starts filled with the defaults; each option may be set once, null is
 * refused at once, and {@link Builder#build()} reports every out-of-range value together.
 */
public final class AuthSettings {

    /** Default {@code iss} and the issuer verifiers require. */
    public static final String DEFAULT_ISSUER = "ward";
    /** Default {@code aud} and the audience verifiers require. */
    public static final String DEFAULT_AUDIENCE = "ward";
    /** Default tolerance for disagreeing clocks. */
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(30);
    /** Default number of verified access tokens remembered for their next presentation. */
    public static final int DEFAULT_VERIFIED_TOKEN_CACHE_SIZE = 10_000;

    private static final AuthSettings DEFAULTS = builder().build();

    private final Duration accessTokenTtl;
    private final Duration refreshTokenIdleTtl;
    private final Duration sessionMaxLifetime;
    private final Duration refreshReuseGrace;
    private final int bcryptCost;
    private final String issuer;
    private final String audience;
    private final Duration clockSkew;
    private final boolean strictSessions;
    private final Duration strictSessionCacheTtl;
    private final int lockoutThreshold;
    private final Duration lockoutDuration;
    private final Duration maxLockoutDuration;
    private final int permanentLockoutThreshold;
    private final boolean throttleClientAddress;
    private final int clientAddressLockoutThreshold;
    private final boolean concealDuplicateSignUp;
    private final int verifiedTokenCacheSize;

    private AuthSettings(Builder b) {
        this.accessTokenTtl = or(b.accessTokenTtl, Duration.ofMinutes(14));
        this.refreshTokenIdleTtl = or(b.refreshTokenIdleTtl, Duration.ofDays(30));
        this.sessionMaxLifetime = or(b.sessionMaxLifetime, Duration.ofDays(90));
        this.refreshReuseGrace = or(b.refreshReuseGrace, Duration.ofSeconds(30));
        this.bcryptCost = or(b.bcryptCost, 12);
        this.issuer = or(b.issuer, DEFAULT_ISSUER);
        this.audience = or(b.audience, DEFAULT_AUDIENCE);
        this.clockSkew = or(b.clockSkew, DEFAULT_CLOCK_SKEW);
        this.strictSessions = or(b.strictSessions, false);
        this.strictSessionCacheTtl = or(b.strictSessionCacheTtl, Duration.ZERO);
        this.lockoutThreshold = or(b.lockoutThreshold, 5);
        this.lockoutDuration = or(b.lockoutDuration, Duration.ofMinutes(1));
        this.maxLockoutDuration = or(b.maxLockoutDuration, Duration.ofMinutes(15));
        this.permanentLockoutThreshold = or(b.permanentLockoutThreshold, 100);
        this.throttleClientAddress = or(b.throttleClientAddress, false);
        this.clientAddressLockoutThreshold = or(b.clientAddressLockoutThreshold, 50);
        this.concealDuplicateSignUp = or(b.concealDuplicateSignUp, false);
        this.verifiedTokenCacheSize = or(b.verifiedTokenCacheSize, DEFAULT_VERIFIED_TOKEN_CACHE_SIZE);
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
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
        return new Builder();
    }

    /** @return the access-token lifetime; default 14 minutes */
    public Duration accessTokenTtl() {
        return accessTokenTtl;
    }

    /** @return how long a session lives without a refresh; default 30 days */
    public Duration refreshTokenIdleTtl() {
        return refreshTokenIdleTtl;
    }

    /** @return the absolute session lifetime, whatever its use; default 90 days */
    public Duration sessionMaxLifetime() {
        return sessionMaxLifetime;
    }

    /** @return the window in which the previous refresh token is accepted again; default 30 s, 0 disables */
    public Duration refreshReuseGrace() {
        return refreshReuseGrace;
    }

    /** @return the bcrypt cost of new hashes; default 12 */
    public int bcryptCost() {
        return bcryptCost;
    }

    /** @return the {@code iss} of issued tokens, required when verifying; default {@code "ward"} */
    public String issuer() {
        return issuer;
    }

    /** @return the {@code aud} of issued tokens, required when verifying; default {@code "ward"} */
    public String audience() {
        return audience;
    }

    /** @return the tolerance for disagreeing clocks; default 30 s */
    public Duration clockSkew() {
        return clockSkew;
    }

    /** @return whether {@code authenticate} checks that the token's session is still active; default false */
    public boolean strictSessions() {
        return strictSessions;
    }

    /** @return how long a positive strict-session check may be reused; default 0 (every request reads the store) */
    public Duration strictSessionCacheTtl() {
        return strictSessionCacheTtl;
    }

    /** @return consecutive failures of one account that lock it; default 5 */
    public int lockoutThreshold() {
        return lockoutThreshold;
    }

    /** @return the first lock; each further failure doubles it; default 1 minute */
    public Duration lockoutDuration() {
        return lockoutDuration;
    }

    /** @return the longest lock; default 15 minutes */
    public Duration maxLockoutDuration() {
        return maxLockoutDuration;
    }

    /** @return consecutive failures after which only a reset unlocks; default 100 */
    public int permanentLockoutThreshold() {
        return permanentLockoutThreshold;
    }

    /** @return whether failures are also counted per client address; default false */
    public boolean throttleClientAddress() {
        return throttleClientAddress;
    }

    /** @return consecutive failures from one client address that lock it; default 50 */
    public int clientAddressLockoutThreshold() {
        return clientAddressLockoutThreshold;
    }

    /** @return whether sign-up with a taken e-mail is answered like a success; default false */
    public boolean concealDuplicateSignUp() {
        return concealDuplicateSignUp;
    }

    /** @return how many verified access tokens are remembered for their next presentation; default 10,000 */
    public int verifiedTokenCacheSize() {
        return verifiedTokenCacheSize;
    }

    @Override
    public String toString() {
        return "AuthSettings[accessTokenTtl=" + accessTokenTtl + ", refreshTokenIdleTtl=" + refreshTokenIdleTtl
                + ", sessionMaxLifetime=" + sessionMaxLifetime + ", refreshReuseGrace=" + refreshReuseGrace
                + ", bcryptCost=" + bcryptCost + ", issuer=" + issuer + ", audience=" + audience
                + ", clockSkew=" + clockSkew + ", strictSessions=" + strictSessions
                + ", strictSessionCacheTtl=" + strictSessionCacheTtl + ", lockoutThreshold=" + lockoutThreshold
                + ", lockoutDuration=" + lockoutDuration + ", maxLockoutDuration=" + maxLockoutDuration
                + ", permanentLockoutThreshold=" + permanentLockoutThreshold
                + ", throttleClientAddress=" + throttleClientAddress
                + ", clientAddressLockoutThreshold=" + clientAddressLockoutThreshold
                + ", concealDuplicateSignUp=" + concealDuplicateSignUp
                + ", verifiedTokenCacheSize=" + verifiedTokenCacheSize + "]";
    }

    /**
     * Builds {@link AuthSettings}. Each option may be set once; unset options keep their
     * default. Not thread-safe.
     */
    public static final class Builder {
        private Duration accessTokenTtl;
        private Duration refreshTokenIdleTtl;
        private Duration sessionMaxLifetime;
        private Duration refreshReuseGrace;
        private Integer bcryptCost;
        private String issuer;
        private String audience;
        private Duration clockSkew;
        private Boolean strictSessions;
        private Duration strictSessionCacheTtl;
        private Integer lockoutThreshold;
        private Duration lockoutDuration;
        private Duration maxLockoutDuration;
        private Integer permanentLockoutThreshold;
        private Boolean throttleClientAddress;
        private Integer clientAddressLockoutThreshold;
        private Boolean concealDuplicateSignUp;
        private Integer verifiedTokenCacheSize;

        private Builder() {
        }

        /**
         * Sets the access-token lifetime: 1 s to 24 h; default 14 min.
         *
         * @param ttl the lifetime
         * @return this builder
         * @throws IllegalStateException if set already
         */
        public Builder accessTokenTtl(Duration ttl) {
            accessTokenTtl = Settings.once(accessTokenTtl, ttl, "accessTokenTtl");
            return this;
        }

        /**
         * Sets how long a session lives without a refresh: 1 min to 365 days; default 30 days.
         *
         * @param ttl the idle lifetime
         * @return this builder
         * @throws IllegalStateException if set already
         */
        public Builder refreshTokenIdleTtl(Duration ttl) {
            refreshTokenIdleTtl = Settings.once(refreshTokenIdleTtl, ttl, "refreshTokenIdleTtl");
            return this;
        }

        /**
         * Sets the absolute session lifetime: at least the idle lifetime, at most 3650 days;
         * default 90 days.
         *
         * @param lifetime the lifetime
         * @return this builder
         * @throws IllegalStateException if set already
         */
        public Builder sessionMaxLifetime(Duration lifetime) {
            sessionMaxLifetime = Settings.once(sessionMaxLifetime, lifetime, "sessionMaxLifetime");
            return this;
        }

        /**
         * Sets the grace window for concurrent refreshes: 0 (off) to 5 min, and less than the
         * idle lifetime; default 30 s.
         *
         * @param grace the window
         * @return this builder
         * @throws IllegalStateException if set already
         */
        public Builder refreshReuseGrace(Duration grace) {
            refreshReuseGrace = Settings.once(refreshReuseGrace, grace, "refreshReuseGrace");
            return this;
        }

        /**
         * Sets the bcrypt cost: 4 to 31; default 12. Stored hashes with a lower cost are
         * re-hashed at the next successful log-in.
         *
         * @param cost the cost
         * @return this builder
         * @throws IllegalStateException if set already
         */
        public Builder bcryptCost(int cost) {
            bcryptCost = Settings.once(bcryptCost, cost, "bcryptCost");
            return this;
        }

        /**
         * Sets the issuer: 1 to 256 characters; default {@code "ward"}.
         *
         * @param issuer the issuer, typically the auth service's URL
         * @return this builder
         * @throws IllegalStateException if set already
         */
        public Builder issuer(String issuer) {
            this.issuer = Settings.once(this.issuer, issuer, "issuer");
            return this;
        }

        /**
         * Sets the audience: 1 to 256 characters; default {@code "ward"}.
         *
         * @param audience the audience, typically the API's name
         * @return this builder
         * @throws IllegalStateException if set already
         */
        public Builder audience(String audience) {
            this.audience = Settings.once(this.audience, audience, "audience");
            return this;
        }

        /**
         * Sets the tolerance for disagreeing clocks: 0 to 5 min; default 30 s.
         *
         * @param skew the skew
         * @return this builder
         * @throws IllegalStateException if set already
         */
        public Builder clockSkew(Duration skew) {
            clockSkew = Settings.once(clockSkew, skew, "clockSkew");
            return this;
        }

        /**
         * Sets whether {@code authenticate} also checks that the token's session is still active,
         * so that log-out, reuse detection and password changes end access at once (OWASP ASVS
         * 7.4.1); default false. It costs one store read per request, or fewer with
         * {@link #strictSessionCacheTtl(Duration)}.
         *
         * @param strict whether to check
         * @return this builder
         * @throws IllegalStateException if set already
         */
        public Builder strictSessions(boolean strict) {
            strictSessions = Settings.once(strictSessions, strict, "strictSessions");
            return this;
        }

        /**
         * Sets how long one node may reuse a positive strict-session check: 0 to 10 s; default 0.
         * A session revoked on another node may then keep working on this one for up to this long;
         * on the node that revokes it, it stops at once.
         *
         * @param ttl the cache lifetime
         * @return this builder
         * @throws IllegalStateException if set already
         */
        public Builder strictSessionCacheTtl(Duration ttl) {
            strictSessionCacheTtl = Settings.once(strictSessionCacheTtl, ttl, "strictSessionCacheTtl");
            return this;
        }

        /**
         * Sets how many consecutive failures lock an account: 1 to 1000; default 5.
         *
         * @param failures the threshold
         * @return this builder
         * @throws IllegalStateException if set already
         */
        public Builder lockoutThreshold(int failures) {
            lockoutThreshold = Settings.once(lockoutThreshold, failures, "lockoutThreshold");
            return this;
        }

        /**
         * Sets the first lock: 1 s to 1 day; default 1 min. Each further failure doubles it.
         *
         * @param duration the first lock
         * @return this builder
         * @throws IllegalStateException if set already
         */
        public Builder lockoutDuration(Duration duration) {
            lockoutDuration = Settings.once(lockoutDuration, duration, "lockoutDuration");
            return this;
        }

        /**
         * Sets the longest lock: at least the first lock, at most 30 days; default 15 min.
         *
         * @param duration the longest lock
         * @return this builder
         * @throws IllegalStateException if set already
         */
        public Builder maxLockoutDuration(Duration duration) {
            maxLockoutDuration = Settings.once(maxLockoutDuration, duration, "maxLockoutDuration");
            return this;
        }

        /**
         * Sets after how many consecutive failures an account stays locked until the host
         * resets it ({@link AuthManager#resetLoginAttempts(String)}): at least the lockout
         * threshold; default 100.
         *
         * @param failures the hard ceiling
         * @return this builder
         * @throws IllegalStateException if set already
         */
        public Builder permanentLockoutThreshold(int failures) {
            permanentLockoutThreshold = Settings.once(permanentLockoutThreshold, failures, "permanentLockoutThreshold");
            return this;
        }

        /**
         * Sets whether failures are also counted per client address (when the host passes one
         * in {@link ClientInfo}); default false. An address is locked with the same doubling
         * schedule, never permanently.
         *
         * @param throttle whether to count per address
         * @return this builder
         * @throws IllegalStateException if set already
         */
        public Builder throttleClientAddress(boolean throttle) {
            throttleClientAddress = Settings.once(throttleClientAddress, throttle, "throttleClientAddress");
            return this;
        }

        /**
         * Sets how many consecutive failures lock a client address: 1 to 100,000; default 50
         * (addresses are often shared behind NAT).
         *
         * @param failures the threshold
         * @return this builder
         * @throws IllegalStateException if set already
         */
        public Builder clientAddressLockoutThreshold(int failures) {
            clientAddressLockoutThreshold = Settings.once(clientAddressLockoutThreshold, failures,
                    "clientAddressLockoutThreshold");
            return this;
        }

        /**
         * Sets whether sign-up with a taken e-mail address is answered exactly like a success,
         * so that sign-up does not reveal which addresses are registered (OWASP ASVS 6.3.8);
         * default false. The host then gets an {@link AuthEvent.DuplicateSignUp} event, for
         * example to e-mail the owner.
         *
         * @param conceal whether to conceal
         * @return this builder
         * @throws IllegalStateException if set already
         */
        public Builder concealDuplicateSignUp(boolean conceal) {
            concealDuplicateSignUp = Settings.once(concealDuplicateSignUp, conceal, "concealDuplicateSignUp");
            return this;
        }

        /**
         * Sets how many verified access tokens {@code authenticate} remembers: 0 (off) to
         * 10,000,000; default 10,000. A client presents one access token on every request during
         * its lifetime, so remembering the result skips the signature and JSON work for every
         * presentation after the first. The cache is keyed by the whole token text (a token that
         * differs in any bit is verified in full), checks expiry on every hit, drops entries once
         * their token has expired, and never holds more than this many. It costs roughly 1 KiB
         * per entry.
         *
         * @param size the most tokens remembered
         * @return this builder
         * @throws IllegalStateException if set already
         */
        public Builder verifiedTokenCacheSize(int size) {
            verifiedTokenCacheSize = Settings.once(verifiedTokenCacheSize, size, "verifiedTokenCacheSize");
            return this;
        }

        /**
         * Builds the settings.
         *
         * @return the settings
         * @throws ConfigurationException listing every value out of range
         */
        public AuthSettings build() {
            AuthSettings s = new AuthSettings(this);
            List<String> problems = new ArrayList<>();
            Settings.checkRange(problems, "accessTokenTtl", s.accessTokenTtl, Duration.ofSeconds(1), Duration.ofHours(24));
            Settings.checkRange(problems, "refreshTokenIdleTtl", s.refreshTokenIdleTtl, Duration.ofMinutes(1),
                    Duration.ofDays(365));
            Settings.checkRange(problems, "sessionMaxLifetime", s.sessionMaxLifetime, Duration.ofMinutes(1),
                    Duration.ofDays(3650));
            if (s.sessionMaxLifetime.compareTo(s.refreshTokenIdleTtl) < 0) {
                problems.add("sessionMaxLifetime (" + s.sessionMaxLifetime + ") must be at least refreshTokenIdleTtl ("
                        + s.refreshTokenIdleTtl + ")");
            }
            Settings.checkRange(problems, "refreshReuseGrace", s.refreshReuseGrace, Duration.ZERO, Duration.ofMinutes(5));
            if (s.refreshReuseGrace.compareTo(s.refreshTokenIdleTtl) >= 0) {
                problems.add("refreshReuseGrace must be shorter than refreshTokenIdleTtl");
            }
            Settings.checkRange(problems, "bcryptCost", s.bcryptCost, 4, 31);
            Settings.checkText(problems, "issuer", s.issuer);
            Settings.checkText(problems, "audience", s.audience);
            Settings.checkRange(problems, "clockSkew", s.clockSkew, Duration.ZERO, Duration.ofMinutes(5));
            Settings.checkRange(problems, "strictSessionCacheTtl", s.strictSessionCacheTtl, Duration.ZERO,
                    Duration.ofSeconds(10));
            Settings.checkRange(problems, "lockoutThreshold", s.lockoutThreshold, 1, 1000);
            Settings.checkRange(problems, "lockoutDuration", s.lockoutDuration, Duration.ofSeconds(1), Duration.ofDays(1));
            Settings.checkRange(problems, "maxLockoutDuration", s.maxLockoutDuration, Duration.ofSeconds(1),
                    Duration.ofDays(30));
            if (s.maxLockoutDuration.compareTo(s.lockoutDuration) < 0) {
                problems.add("maxLockoutDuration must be at least lockoutDuration");
            }
            if (s.permanentLockoutThreshold < s.lockoutThreshold) {
                problems.add("permanentLockoutThreshold (" + s.permanentLockoutThreshold
                        + ") must be at least lockoutThreshold (" + s.lockoutThreshold + ")");
            }
            Settings.checkRange(problems, "clientAddressLockoutThreshold", s.clientAddressLockoutThreshold, 1, 100_000);
            Settings.checkRange(problems, "verifiedTokenCacheSize", s.verifiedTokenCacheSize, 0, 10_000_000);
            if (!problems.isEmpty()) {
                throw new ConfigurationException(problems);
            }
            return s;
        }
    }
}
