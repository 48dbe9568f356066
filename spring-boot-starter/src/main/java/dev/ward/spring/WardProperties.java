package dev.ward.spring;

import dev.ward.AuthSettings;
import dev.ward.Ed25519Provider;
import dev.ward.JwtAlgorithm;
import dev.ward.store.jdbc.JdbcSchema;
import dev.ward.store.jdbc.JdbcTokenStore;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Ward's settings under {@code ward.*}: every option of {@link AuthSettings} under its
 * kebab-case name (for example {@code ward.access-token-ttl=15m}), the password policy, the
 * pepper, the signing keys, the JDBC schema, the purge and the web endpoints.
 *
 * <p>Defaults are {@link AuthSettings}'s own. Values out of range are reported at start-up, all
 * at once, each under its property's name. {@link #toString()} never shows the pepper or any
 * key material.
 */
@ConfigurationProperties("ward")
public class WardProperties {

    /** Creates the properties with their defaults. */
    public WardProperties() {
    }

    /** Lifetime of access tokens: 1s to 24h; default 14m. */
    private Duration accessTokenTtl = Duration.ofMinutes(AuthSettings.DEFAULT_ACCESS_TOKEN_TTL_MINUTES);

    /** How long a session lives unused: 1m to 365d; default 30d. */
    private Duration refreshTokenIdleTtl = Duration.ofDays(AuthSettings.DEFAULT_REFRESH_TOKEN_IDLE_TTL_DAYS);

    /** Absolute session lifetime, at least the refresh-token idle lifetime: up to 3650d; default 90d. */
    private Duration sessionMaxLifetime = Duration.ofDays(AuthSettings.DEFAULT_SESSION_MAX_LIFETIME_DAYS);

    /** How long the previous refresh token still works after a rotation: 0 to 5m; default 30s. */
    private Duration refreshReuseGrace = Duration.ofSeconds(AuthSettings.DEFAULT_REFRESH_REUSE_GRACE_SECONDS);

    /** Bcrypt cost of new password hashes: 4 to 31; default 12. */
    private int bcryptCost = AuthSettings.DEFAULT_BCRYPT_COST;

    /** The iss of issued access tokens, and the one required of presented ones; default "ward". */
    private String issuer = AuthSettings.DEFAULT_ISSUER;

    /** The aud of issued access tokens, and the one required of presented ones; default "ward". */
    private String audience = AuthSettings.DEFAULT_AUDIENCE;

    /** Tolerance for disagreeing clocks when access tokens are checked: 0 to 5m; default 30s. */
    private Duration clockSkew = Duration.ofSeconds(AuthSettings.DEFAULT_CLOCK_SKEW_SECONDS);

    /** Whether every authentication also checks that the token's session is still active (a store read); default false. */
    private boolean strictSessions = AuthSettings.DEFAULT_STRICT_SESSIONS;

    /** How long a strict-session check is reused: 0 to 10s; default 0, every request reads the store. */
    private Duration strictSessionCacheTtl = Duration.ofSeconds(AuthSettings.DEFAULT_STRICT_SESSION_CACHE_TTL_SECONDS);

    /** Consecutive failed log-ins that lock an account: 1 to 1000; default 5. */
    private int lockoutThreshold = AuthSettings.DEFAULT_LOCKOUT_THRESHOLD;

    /** The first lock, doubled by each further failure: 1s to 1d; default 1m. */
    private Duration lockoutDuration = Duration.ofMinutes(AuthSettings.DEFAULT_LOCKOUT_DURATION_MINUTES);

    /** The longest lock, at least the first one: up to 30d; default 15m. */
    private Duration maxLockoutDuration = Duration.ofMinutes(AuthSettings.DEFAULT_MAX_LOCKOUT_DURATION_MINUTES);

    /** Consecutive failures from unknown clients after which only a reset unlocks the account: 0 (off) or at least the lockout threshold; default 0. */
    private int permanentLockoutThreshold = AuthSettings.DEFAULT_PERMANENT_LOCKOUT_THRESHOLD;

    /** How long a device token from a successful log-in marks a known device: 0 (device tokens off) to 730d; default 365d. */
    private Duration deviceTokenLifetime = Duration.ofDays(AuthSettings.DEFAULT_DEVICE_TOKEN_LIFETIME_DAYS);

    /** Whether failed log-ins are also counted per client address; default false. */
    private boolean throttleClientAddress = AuthSettings.DEFAULT_THROTTLE_CLIENT_ADDRESS;

    /** Consecutive failures that lock a client address: 1 to 100000; default 50. */
    private int clientAddressLockoutThreshold = AuthSettings.DEFAULT_CLIENT_ADDRESS_LOCKOUT_THRESHOLD;

    /** Whether sign-up with a taken e-mail address is answered like a success, so that sign-up reveals no registered address; default false. */
    private boolean concealDuplicateSignUp = AuthSettings.DEFAULT_CONCEAL_DUPLICATE_SIGN_UP;

    /** How many verified access tokens are remembered: 0 (off) to 10000000; default 10000. */
    private int verifiedTokenCacheSize = AuthSettings.DEFAULT_VERIFIED_TOKEN_CACHE_SIZE;

    /** Which implementation verifies Ed25519 signatures: jdk or tink (Google Tink on the class path); default jdk. */
    private Ed25519Provider ed25519Provider = AuthSettings.DEFAULT_ED25519_PROVIDER;

    /** How long a password-reset link works: 1m to 24h; default 30m. */
    private Duration passwordResetTokenLifetime = Duration.ofMinutes(AuthSettings.DEFAULT_PASSWORD_RESET_TOKEN_LIFETIME_MINUTES);

    /** How long an e-mail verification link works: 1m to 30d; default 48h. */
    private Duration emailVerificationTokenLifetime = Duration.ofHours(AuthSettings.DEFAULT_EMAIL_VERIFICATION_TOKEN_LIFETIME_HOURS);

    /** How long the link that confirms a new e-mail address works: 1m to 72h; default 60m. */
    private Duration emailChangeTokenLifetime = Duration.ofMinutes(AuthSettings.DEFAULT_EMAIL_CHANGE_TOKEN_LIFETIME_MINUTES);

    /** How long a log-in link works: 1m to 1h; default 15m. */
    private Duration logInLinkLifetime = Duration.ofMinutes(AuthSettings.DEFAULT_LOG_IN_LINK_LIFETIME_MINUTES);

    /** Whether log-in needs a verified e-mail address; default false. */
    private boolean requireVerifiedEmail = AuthSettings.DEFAULT_REQUIRE_VERIFIED_EMAIL;

    /** Whether users may log in with a link sent to their address; default false. */
    private boolean logInLinks = AuthSettings.DEFAULT_LOG_IN_LINKS;

    /** A pepper for password hashing: base64 of at least 32 random bytes, kept outside the database (for example in an environment variable). Set it before the first user signs up: changing it makes existing hashes unverifiable. Never logged. */
    private String passwordPepper;

    /** The password policy. */
    private PasswordPolicyProperties passwordPolicy = new PasswordPolicyProperties();

    /** The keys that sign and verify access tokens. */
    private Keys keys = new Keys();

    /** The JDBC stores. */
    private Jdbc jdbc = new Jdbc();

    /** The scheduled purge of expired sessions, log-in attempts and single-use tokens. */
    private Purge purge = new Purge();

    /** Ward's web endpoints and cookies. */
    private Web web = new Web();

    /**
     * Returns the value of this property.
     *
     * @return lifetime of access tokens: 1s to 24h; default 14m
     */
    public Duration getAccessTokenTtl() {
        return accessTokenTtl;
    }

    /**
     * Sets this property.
     *
     * @param accessTokenTtl lifetime of access tokens: 1s to 24h; default 14m
     */
    public void setAccessTokenTtl(Duration accessTokenTtl) {
        this.accessTokenTtl = accessTokenTtl;
    }

    /**
     * Returns the value of this property.
     *
     * @return how long a session lives unused: 1m to 365d; default 30d
     */
    public Duration getRefreshTokenIdleTtl() {
        return refreshTokenIdleTtl;
    }

    /**
     * Sets this property.
     *
     * @param refreshTokenIdleTtl how long a session lives unused: 1m to 365d; default 30d
     */
    public void setRefreshTokenIdleTtl(Duration refreshTokenIdleTtl) {
        this.refreshTokenIdleTtl = refreshTokenIdleTtl;
    }

    /**
     * Returns the value of this property.
     *
     * @return absolute session lifetime, at least the refresh-token idle lifetime: up to 3650d; default 90d
     */
    public Duration getSessionMaxLifetime() {
        return sessionMaxLifetime;
    }

    /**
     * Sets this property.
     *
     * @param sessionMaxLifetime absolute session lifetime, at least the refresh-token idle lifetime: up to 3650d; default 90d
     */
    public void setSessionMaxLifetime(Duration sessionMaxLifetime) {
        this.sessionMaxLifetime = sessionMaxLifetime;
    }

    /**
     * Returns the value of this property.
     *
     * @return how long the previous refresh token still works after a rotation: 0 to 5m; default 30s
     */
    public Duration getRefreshReuseGrace() {
        return refreshReuseGrace;
    }

    /**
     * Sets this property.
     *
     * @param refreshReuseGrace how long the previous refresh token still works after a rotation: 0 to 5m; default 30s
     */
    public void setRefreshReuseGrace(Duration refreshReuseGrace) {
        this.refreshReuseGrace = refreshReuseGrace;
    }

    /**
     * Returns the value of this property.
     *
     * @return bcrypt cost of new password hashes: 4 to 31; default 12
     */
    public int getBcryptCost() {
        return bcryptCost;
    }

    /**
     * Sets this property.
     *
     * @param bcryptCost bcrypt cost of new password hashes: 4 to 31; default 12
     */
    public void setBcryptCost(int bcryptCost) {
        this.bcryptCost = bcryptCost;
    }

    /**
     * Returns the value of this property.
     *
     * @return the iss of issued access tokens, and the one required of presented ones; default "ward"
     */
    public String getIssuer() {
        return issuer;
    }

    /**
     * Sets this property.
     *
     * @param issuer the iss of issued access tokens, and the one required of presented ones; default "ward"
     */
    public void setIssuer(String issuer) {
        this.issuer = issuer;
    }

    /**
     * Returns the value of this property.
     *
     * @return the aud of issued access tokens, and the one required of presented ones; default "ward"
     */
    public String getAudience() {
        return audience;
    }

    /**
     * Sets this property.
     *
     * @param audience the aud of issued access tokens, and the one required of presented ones; default "ward"
     */
    public void setAudience(String audience) {
        this.audience = audience;
    }

    /**
     * Returns the value of this property.
     *
     * @return tolerance for disagreeing clocks when access tokens are checked: 0 to 5m; default 30s
     */
    public Duration getClockSkew() {
        return clockSkew;
    }

    /**
     * Sets this property.
     *
     * @param clockSkew tolerance for disagreeing clocks when access tokens are checked: 0 to 5m; default 30s
     */
    public void setClockSkew(Duration clockSkew) {
        this.clockSkew = clockSkew;
    }

    /**
     * Returns the value of this property.
     *
     * @return whether every authentication also checks that the token's session is still active (a store read); default false
     */
    public boolean isStrictSessions() {
        return strictSessions;
    }

    /**
     * Sets this property.
     *
     * @param strictSessions whether every authentication also checks that the token's session is still active (a store read); default false
     */
    public void setStrictSessions(boolean strictSessions) {
        this.strictSessions = strictSessions;
    }

    /**
     * Returns the value of this property.
     *
     * @return how long a strict-session check is reused: 0 to 10s; default 0, every request reads the store
     */
    public Duration getStrictSessionCacheTtl() {
        return strictSessionCacheTtl;
    }

    /**
     * Sets this property.
     *
     * @param strictSessionCacheTtl how long a strict-session check is reused: 0 to 10s; default 0, every request reads the store
     */
    public void setStrictSessionCacheTtl(Duration strictSessionCacheTtl) {
        this.strictSessionCacheTtl = strictSessionCacheTtl;
    }

    /**
     * Returns the value of this property.
     *
     * @return consecutive failed log-ins that lock an account: 1 to 1000; default 5
     */
    public int getLockoutThreshold() {
        return lockoutThreshold;
    }

    /**
     * Sets this property.
     *
     * @param lockoutThreshold consecutive failed log-ins that lock an account: 1 to 1000; default 5
     */
    public void setLockoutThreshold(int lockoutThreshold) {
        this.lockoutThreshold = lockoutThreshold;
    }

    /**
     * Returns the value of this property.
     *
     * @return the first lock, doubled by each further failure: 1s to 1d; default 1m
     */
    public Duration getLockoutDuration() {
        return lockoutDuration;
    }

    /**
     * Sets this property.
     *
     * @param lockoutDuration the first lock, doubled by each further failure: 1s to 1d; default 1m
     */
    public void setLockoutDuration(Duration lockoutDuration) {
        this.lockoutDuration = lockoutDuration;
    }

    /**
     * Returns the value of this property.
     *
     * @return the longest lock, at least the first one: up to 30d; default 15m
     */
    public Duration getMaxLockoutDuration() {
        return maxLockoutDuration;
    }

    /**
     * Sets this property.
     *
     * @param maxLockoutDuration the longest lock, at least the first one: up to 30d; default 15m
     */
    public void setMaxLockoutDuration(Duration maxLockoutDuration) {
        this.maxLockoutDuration = maxLockoutDuration;
    }

    /**
     * Returns the value of this property.
     *
     * @return consecutive failures from unknown clients after which only a reset unlocks the account: 0 (off) or at least the lockout threshold; default 0
     */
    public int getPermanentLockoutThreshold() {
        return permanentLockoutThreshold;
    }

    /**
     * Sets this property.
     *
     * @param permanentLockoutThreshold consecutive failures from unknown clients after which only a reset unlocks the account: 0 (off) or at least the lockout threshold; default 0
     */
    public void setPermanentLockoutThreshold(int permanentLockoutThreshold) {
        this.permanentLockoutThreshold = permanentLockoutThreshold;
    }

    /**
     * Returns the value of this property.
     *
     * @return how long a device token from a successful log-in marks a known device: 0 (device tokens off) to 730d; default 365d
     */
    public Duration getDeviceTokenLifetime() {
        return deviceTokenLifetime;
    }

    /**
     * Sets this property.
     *
     * @param deviceTokenLifetime how long a device token from a successful log-in marks a known device: 0 (device tokens off) to 730d; default 365d
     */
    public void setDeviceTokenLifetime(Duration deviceTokenLifetime) {
        this.deviceTokenLifetime = deviceTokenLifetime;
    }

    /**
     * Returns the value of this property.
     *
     * @return whether failed log-ins are also counted per client address; default false
     */
    public boolean isThrottleClientAddress() {
        return throttleClientAddress;
    }

    /**
     * Sets this property.
     *
     * @param throttleClientAddress whether failed log-ins are also counted per client address; default false
     */
    public void setThrottleClientAddress(boolean throttleClientAddress) {
        this.throttleClientAddress = throttleClientAddress;
    }

    /**
     * Returns the value of this property.
     *
     * @return consecutive failures that lock a client address: 1 to 100000; default 50
     */
    public int getClientAddressLockoutThreshold() {
        return clientAddressLockoutThreshold;
    }

    /**
     * Sets this property.
     *
     * @param clientAddressLockoutThreshold consecutive failures that lock a client address: 1 to 100000; default 50
     */
    public void setClientAddressLockoutThreshold(int clientAddressLockoutThreshold) {
        this.clientAddressLockoutThreshold = clientAddressLockoutThreshold;
    }

    /**
     * Returns the value of this property.
     *
     * @return whether sign-up with a taken e-mail address is answered like a success, so that sign-up reveals no registered address; default false
     */
    public boolean isConcealDuplicateSignUp() {
        return concealDuplicateSignUp;
    }

    /**
     * Sets this property.
     *
     * @param concealDuplicateSignUp whether sign-up with a taken e-mail address is answered like a success, so that sign-up reveals no registered address; default false
     */
    public void setConcealDuplicateSignUp(boolean concealDuplicateSignUp) {
        this.concealDuplicateSignUp = concealDuplicateSignUp;
    }

    /**
     * Returns the value of this property.
     *
     * @return how many verified access tokens are remembered: 0 (off) to 10000000; default 10000
     */
    public int getVerifiedTokenCacheSize() {
        return verifiedTokenCacheSize;
    }

    /**
     * Sets this property.
     *
     * @param verifiedTokenCacheSize how many verified access tokens are remembered: 0 (off) to 10000000; default 10000
     */
    public void setVerifiedTokenCacheSize(int verifiedTokenCacheSize) {
        this.verifiedTokenCacheSize = verifiedTokenCacheSize;
    }

    /**
     * Returns the value of this property.
     *
     * @return which implementation verifies Ed25519 signatures: jdk or tink (Google Tink on the class path); default jdk
     */
    public Ed25519Provider getEd25519Provider() {
        return ed25519Provider;
    }

    /**
     * Sets this property.
     *
     * @param ed25519Provider which implementation verifies Ed25519 signatures: jdk or tink (Google Tink on the class path); default jdk
     */
    public void setEd25519Provider(Ed25519Provider ed25519Provider) {
        this.ed25519Provider = ed25519Provider;
    }

    /**
     * Returns the value of this property.
     *
     * @return how long a password-reset link works: 1m to 24h; default 30m
     */
    public Duration getPasswordResetTokenLifetime() {
        return passwordResetTokenLifetime;
    }

    /**
     * Sets this property.
     *
     * @param passwordResetTokenLifetime how long a password-reset link works: 1m to 24h; default 30m
     */
    public void setPasswordResetTokenLifetime(Duration passwordResetTokenLifetime) {
        this.passwordResetTokenLifetime = passwordResetTokenLifetime;
    }

    /**
     * Returns the value of this property.
     *
     * @return how long an e-mail verification link works: 1m to 30d; default 48h
     */
    public Duration getEmailVerificationTokenLifetime() {
        return emailVerificationTokenLifetime;
    }

    /**
     * Sets this property.
     *
     * @param emailVerificationTokenLifetime how long an e-mail verification link works: 1m to 30d; default 48h
     */
    public void setEmailVerificationTokenLifetime(Duration emailVerificationTokenLifetime) {
        this.emailVerificationTokenLifetime = emailVerificationTokenLifetime;
    }

    /**
     * Returns the value of this property.
     *
     * @return how long the link that confirms a new e-mail address works: 1m to 72h; default 60m
     */
    public Duration getEmailChangeTokenLifetime() {
        return emailChangeTokenLifetime;
    }

    /**
     * Sets this property.
     *
     * @param emailChangeTokenLifetime how long the link that confirms a new e-mail address works: 1m to 72h; default 60m
     */
    public void setEmailChangeTokenLifetime(Duration emailChangeTokenLifetime) {
        this.emailChangeTokenLifetime = emailChangeTokenLifetime;
    }

    /**
     * Returns the value of this property.
     *
     * @return how long a log-in link works: 1m to 1h; default 15m
     */
    public Duration getLogInLinkLifetime() {
        return logInLinkLifetime;
    }

    /**
     * Sets this property.
     *
     * @param logInLinkLifetime how long a log-in link works: 1m to 1h; default 15m
     */
    public void setLogInLinkLifetime(Duration logInLinkLifetime) {
        this.logInLinkLifetime = logInLinkLifetime;
    }

    /**
     * Returns the value of this property.
     *
     * @return whether log-in needs a verified e-mail address; default false
     */
    public boolean isRequireVerifiedEmail() {
        return requireVerifiedEmail;
    }

    /**
     * Sets this property.
     *
     * @param requireVerifiedEmail whether log-in needs a verified e-mail address; default false
     */
    public void setRequireVerifiedEmail(boolean requireVerifiedEmail) {
        this.requireVerifiedEmail = requireVerifiedEmail;
    }

    /**
     * Returns the value of this property.
     *
     * @return whether users may log in with a link sent to their address; default false
     */
    public boolean isLogInLinks() {
        return logInLinks;
    }

    /**
     * Sets this property.
     *
     * @param logInLinks whether users may log in with a link sent to their address; default false
     */
    public void setLogInLinks(boolean logInLinks) {
        this.logInLinks = logInLinks;
    }

    /**
     * Returns the value of this property.
     *
     * @return a pepper for password hashing: base64 of at least 32 random bytes, kept outside the database (for example in an environment variable). Set it before the first user signs up: changing it makes existing hashes unverifiable. Never logged
     */
    public String getPasswordPepper() {
        return passwordPepper;
    }

    /**
     * Sets this property.
     *
     * @param passwordPepper a pepper for password hashing: base64 of at least 32 random bytes, kept outside the database (for example in an environment variable). Set it before the first user signs up: changing it makes existing hashes unverifiable. Never logged
     */
    public void setPasswordPepper(String passwordPepper) {
        this.passwordPepper = passwordPepper;
    }

    /**
     * Returns the value of this property.
     *
     * @return the password policy
     */
    public PasswordPolicyProperties getPasswordPolicy() {
        return passwordPolicy;
    }

    /**
     * Returns the value of this property.
     *
     * @return the keys that sign and verify access tokens
     */
    public Keys getKeys() {
        return keys;
    }

    /**
     * Returns the value of this property.
     *
     * @return the JDBC stores
     */
    public Jdbc getJdbc() {
        return jdbc;
    }

    /**
     * Returns the value of this property.
     *
     * @return the scheduled purge of expired sessions, log-in attempts and single-use tokens
     */
    public Purge getPurge() {
        return purge;
    }

    /**
     * Returns the value of this property.
     *
     * @return ward's web endpoints and cookies
     */
    public Web getWeb() {
        return web;
    }

    /** Hides the pepper and the keys' material. */
    @Override
    public String toString() {
        return "WardProperties[issuer=" + issuer + ", audience=" + audience + ", passwordPepper="
                + (passwordPepper == null ? "unset" : "(set)") + ", " + keys + "]";
    }

    /** The password policy ({@code ward.password-policy.*}). */
    public static class PasswordPolicyProperties {

        /** Creates the defaults. */
        public PasswordPolicyProperties() {
        }

        /** Which password policy applies: defaults (NIST: at least 15 characters, common passwords refused) or complexity (also upper case, lower case, digit and symbol); default defaults. */
        private Preset preset = Preset.DEFAULTS;

        /**
         * Returns the value of this property.
         *
         * @return which password policy applies: defaults (NIST: at least 15 characters, common passwords refused) or complexity (also upper case, lower case, digit and symbol); default defaults
         */
        public Preset getPreset() {
            return preset;
        }

        /**
         * Sets this property.
         *
         * @param preset which password policy applies: defaults (NIST: at least 15 characters, common passwords refused) or complexity (also upper case, lower case, digit and symbol); default defaults
         */
        public void setPreset(Preset preset) {
            this.preset = preset;
        }


        /** The password policy presets of {@link dev.ward.PasswordPolicy}. */
        public enum Preset {
            /** {@link dev.ward.PasswordPolicy#defaults()}. */
            DEFAULTS,
            /** {@link dev.ward.PasswordPolicy#complexity()}. */
            COMPLEXITY
        }
    }

    /** The keys that sign access tokens ({@code ward.keys.*}): exactly one of a PEM private key, a JWK or an HMAC secret, or none with {@code generate-in-development}. */
    public static class Keys {

        /** Creates the defaults. */
        public Keys() {
        }

        /** A PEM private key (PKCS#8 PRIVATE KEY block, with its PUBLIC KEY block for EC and Ed25519): RS256, ES256 or EdDSA follows from the key. Never logged. */
        private String privateKey;

        /** A private JWK (JSON) with a kid: HS256, ES256, EdDSA or RS256 follows from the key. Never logged. */
        private String jwk;

        /** A base64 HS256 secret of at least 32 random bytes (openssl rand -base64 32). Never logged. */
        private String hmacSecret;

        /** The key id of a PEM or HMAC key (a JWK carries its own); default ward-1. */
        private String kid = "ward-1";

        /** The algorithm of a key generated in development; default HS256. */
        private JwtAlgorithm algorithm = JwtAlgorithm.HS256;

        /** With no key configured, generate one at start-up (tokens then die with the process) and warn; refused while a profile named prod or production is active; default false. */
        private boolean generateInDevelopment = false;

        /**
         * Returns the value of this property.
         *
         * @return a PEM private key (PKCS#8 PRIVATE KEY block, with its PUBLIC KEY block for EC and Ed25519): RS256, ES256 or EdDSA follows from the key. Never logged
         */
        public String getPrivateKey() {
            return privateKey;
        }

        /**
         * Sets this property.
         *
         * @param privateKey a PEM private key (PKCS#8 PRIVATE KEY block, with its PUBLIC KEY block for EC and Ed25519): RS256, ES256 or EdDSA follows from the key. Never logged
         */
        public void setPrivateKey(String privateKey) {
            this.privateKey = privateKey;
        }

        /**
         * Returns the value of this property.
         *
         * @return a private JWK (JSON) with a kid: HS256, ES256, EdDSA or RS256 follows from the key. Never logged
         */
        public String getJwk() {
            return jwk;
        }

        /**
         * Sets this property.
         *
         * @param jwk a private JWK (JSON) with a kid: HS256, ES256, EdDSA or RS256 follows from the key. Never logged
         */
        public void setJwk(String jwk) {
            this.jwk = jwk;
        }

        /**
         * Returns the value of this property.
         *
         * @return a base64 HS256 secret of at least 32 random bytes (openssl rand -base64 32). Never logged
         */
        public String getHmacSecret() {
            return hmacSecret;
        }

        /**
         * Sets this property.
         *
         * @param hmacSecret a base64 HS256 secret of at least 32 random bytes (openssl rand -base64 32). Never logged
         */
        public void setHmacSecret(String hmacSecret) {
            this.hmacSecret = hmacSecret;
        }

        /**
         * Returns the value of this property.
         *
         * @return the key id of a PEM or HMAC key (a JWK carries its own); default ward-1
         */
        public String getKid() {
            return kid;
        }

        /**
         * Sets this property.
         *
         * @param kid the key id of a PEM or HMAC key (a JWK carries its own); default ward-1
         */
        public void setKid(String kid) {
            this.kid = kid;
        }

        /**
         * Returns the value of this property.
         *
         * @return the algorithm of a key generated in development; default HS256
         */
        public JwtAlgorithm getAlgorithm() {
            return algorithm;
        }

        /**
         * Sets this property.
         *
         * @param algorithm the algorithm of a key generated in development; default HS256
         */
        public void setAlgorithm(JwtAlgorithm algorithm) {
            this.algorithm = algorithm;
        }

        /**
         * Returns the value of this property.
         *
         * @return with no key configured, generate one at start-up (tokens then die with the process) and warn; refused while a profile named prod or production is active; default false
         */
        public boolean isGenerateInDevelopment() {
            return generateInDevelopment;
        }

        /**
         * Sets this property.
         *
         * @param generateInDevelopment with no key configured, generate one at start-up (tokens then die with the process) and warn; refused while a profile named prod or production is active; default false
         */
        public void setGenerateInDevelopment(boolean generateInDevelopment) {
            this.generateInDevelopment = generateInDevelopment;
        }


        /** Hides the key material. */
        @Override
        public String toString() {
            return "Keys[privateKey=" + (privateKey == null ? "unset" : "(set)") + ", jwk=" + (jwk == null ? "unset" : "(set)")
                    + ", hmacSecret=" + (hmacSecret == null ? "unset" : "(set)") + ", kid=" + kid + ", algorithm=" + algorithm
                    + ", generateInDevelopment=" + generateInDevelopment + "]";
        }
    }

    /** The JDBC stores ({@code ward.jdbc.*}). */
    public static class Jdbc {

        /** Creates the defaults. */
        public Jdbc() {
        }

        /** When to create Ward's tables (if they do not exist) on the application's DataSource: always, never, or embedded (only on an embedded database such as H2); default embedded. */
        private SchemaInitialization initializeSchema = SchemaInitialization.EMBEDDED;

        /** The prefix of Ward's table names; default ward_. */
        private String tablePrefix = JdbcSchema.DEFAULT_TABLE_PREFIX;

        /** How long one statement of the session store may run before it fails (and the request with 503); keep it shorter than ward.refresh-reuse-grace, so that a stalled database cannot apply a rotation after its grace window closed; default 10s. */
        private Duration queryTimeout = Duration.ofSeconds(JdbcTokenStore.DEFAULT_QUERY_TIMEOUT_SECONDS);

        /**
         * Returns the value of this property.
         *
         * @return when to create Ward's tables (if they do not exist) on the application's DataSource: always, never, or embedded (only on an embedded database such as H2); default embedded
         */
        public SchemaInitialization getInitializeSchema() {
            return initializeSchema;
        }

        /**
         * Sets this property.
         *
         * @param initializeSchema when to create Ward's tables (if they do not exist) on the application's DataSource: always, never, or embedded (only on an embedded database such as H2); default embedded
         */
        public void setInitializeSchema(SchemaInitialization initializeSchema) {
            this.initializeSchema = initializeSchema;
        }

        /**
         * Returns the value of this property.
         *
         * @return the prefix of Ward's table names; default ward_
         */
        public String getTablePrefix() {
            return tablePrefix;
        }

        /**
         * Sets this property.
         *
         * @param tablePrefix the prefix of Ward's table names; default ward_
         */
        public void setTablePrefix(String tablePrefix) {
            this.tablePrefix = tablePrefix;
        }


        /**
         * Returns the value of this property.
         *
         * @return how long one statement of the session store may run before it fails (and the request with 503); keep it shorter than ward.refresh-reuse-grace, so that a stalled database cannot apply a rotation after its grace window closed; default 10s
         */
        public Duration getQueryTimeout() {
            return queryTimeout;
        }

        /**
         * Sets this property.
         *
         * @param queryTimeout how long one statement of the session store may run before it fails (and the request with 503); keep it shorter than ward.refresh-reuse-grace, so that a stalled database cannot apply a rotation after its grace window closed; default 10s
         */
        public void setQueryTimeout(Duration queryTimeout) {
            this.queryTimeout = queryTimeout;
        }

        /** When the schema is created. */
        public enum SchemaInitialization {
            /** At every start (creation skips tables that exist). */
            ALWAYS,
            /** Never: the host creates the tables, for example with a migration tool. */
            NEVER,
            /** Only on an embedded database (H2, HSQLDB, Derby). */
            EMBEDDED
        }
    }

    /** The scheduled purge ({@code ward.purge.*}). */
    public static class Purge {

        /** Creates the defaults. */
        public Purge() {
        }

        /** Whether expired records are purged on a schedule; default true. */
        private boolean enabled = true;

        /** Time between purges; default 5m. */
        private Duration interval = Duration.ofMinutes(5);

        /** The most records deleted from each store per batch; a purge repeats batches until nothing is left; default 1000. */
        private int batchSize = 1000;

        /**
         * Returns the value of this property.
         *
         * @return whether expired records are purged on a schedule; default true
         */
        public boolean isEnabled() {
            return enabled;
        }

        /**
         * Sets this property.
         *
         * @param enabled whether expired records are purged on a schedule; default true
         */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /**
         * Returns the value of this property.
         *
         * @return time between purges; default 5m
         */
        public Duration getInterval() {
            return interval;
        }

        /**
         * Sets this property.
         *
         * @param interval time between purges; default 5m
         */
        public void setInterval(Duration interval) {
            this.interval = interval;
        }

        /**
         * Returns the value of this property.
         *
         * @return the most records deleted from each store per batch; a purge repeats batches until nothing is left; default 1000
         */
        public int getBatchSize() {
            return batchSize;
        }

        /**
         * Sets this property.
         *
         * @param batchSize the most records deleted from each store per batch; a purge repeats batches until nothing is left; default 1000
         */
        public void setBatchSize(int batchSize) {
            this.batchSize = batchSize;
        }

    }

    /** Ward's web endpoints and cookies ({@code ward.web.*}). */
    public static class Web {

        /** Creates the defaults. */
        public Web() {
        }

        /** The path under which Ward's endpoints are served; the default security chain permits it, since the endpoints answer their own 401s; default /api. */
        private String basePath = "/api";

        /** Whether Ward's cookies are marked Secure (turn off only for plain-HTTP development); default true. */
        private boolean cookieSecure = true;

        /** Ward's REST API. */
        private Endpoints endpoints = new Endpoints();

        /** Whether errors are answered as RFC 9457 problem details instead of Ward's JSON error shape; default false. */
        private boolean problemDetails = false;

        /**
         * Returns the value of this property.
         *
         * @return the path under which Ward's endpoints are served; the default security chain permits it, since the endpoints answer their own 401s; default /api
         */
        public String getBasePath() {
            return basePath;
        }

        /**
         * Sets this property.
         *
         * @param basePath the path under which Ward's endpoints are served; the default security chain permits it, since the endpoints answer their own 401s; default /api
         */
        public void setBasePath(String basePath) {
            // A plain path only: an empty value, "/" or a pattern ("/**", "/{tenant}") would make
            // the security chain open far more than Ward's endpoints.
            if (basePath == null || !basePath.matches("(/[A-Za-z0-9._~-]+)+")
                    || java.util.Arrays.asList(basePath.split("/")).contains("..")
                    || java.util.Arrays.asList(basePath.split("/")).contains(".")) {
                throw new IllegalArgumentException("must be a plain path such as /api: segments of letters, digits, "
                        + "'.', '_', '~' or '-' after '/', no '.' or '..' segment, not empty and not '/'");
            }
            this.basePath = basePath;
        }

        /**
         * Returns the value of this property.
         *
         * @return whether Ward's cookies are marked Secure (turn off only for plain-HTTP development); default true
         */
        public boolean isCookieSecure() {
            return cookieSecure;
        }

        /**
         * Sets this property.
         *
         * @param cookieSecure whether Ward's cookies are marked Secure (turn off only for plain-HTTP development); default true
         */
        public void setCookieSecure(boolean cookieSecure) {
            this.cookieSecure = cookieSecure;
        }

        /**
         * Returns the value of this property.
         *
         * @return ward's REST API
         */
        public Endpoints getEndpoints() {
            return endpoints;
        }

        /**
         * Returns the value of this property.
         *
         * @return whether errors are answered as RFC 9457 problem details instead of Ward's JSON error shape; default false
         */
        public boolean isProblemDetails() {
            return problemDetails;
        }

        /**
         * Sets this property.
         *
         * @param problemDetails whether errors are answered as RFC 9457 problem details instead of Ward's JSON error shape; default false
         */
        public void setProblemDetails(boolean problemDetails) {
            this.problemDetails = problemDetails;
        }


        /** Ward's REST API. */
        public static class Endpoints {

            /** Creates the defaults. */
            public Endpoints() {
            }

            /** Whether Ward's REST API (sign-up, log-in, refresh, log-out, account) is served under the base path; default false. */
            private boolean enabled = false;

            /**
             * Returns the value of this property.
             *
             * @return whether Ward's REST API (sign-up, log-in, refresh, log-out, account) is served under the base path; default false
             */
            public boolean isEnabled() {
                return enabled;
            }

            /**
             * Sets this property.
             *
             * @param enabled whether Ward's REST API (sign-up, log-in, refresh, log-out, account) is served under the base path; default false
             */
            public void setEnabled(boolean enabled) {
                this.enabled = enabled;
            }

        }
    }
}
