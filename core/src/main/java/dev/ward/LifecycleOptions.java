package dev.ward;

import java.time.Duration;

/**
 * The account-lifecycle part of {@link AuthSettings}: how long each kind of single-use link
 * works, and which flows are switched on. A record, so that equality and hashing come for free.
 *
 * @param passwordResetTokenLifetime how long a password-reset link works
 * @param emailVerificationTokenLifetime how long an e-mail verification link works
 * @param emailChangeTokenLifetime how long a link that confirms a new address works
 * @param logInLinkLifetime how long a log-in link works
 * @param requireVerifiedEmail whether log-in needs a verified address
 * @param logInLinks whether log-in links are on
 */
record LifecycleOptions(Duration passwordResetTokenLifetime, Duration emailVerificationTokenLifetime,
                        Duration emailChangeTokenLifetime, Duration logInLinkLifetime, boolean requireVerifiedEmail,
                        boolean logInLinks) {

    static LifecycleOptions defaults() {
        return new LifecycleOptions(Duration.ofMinutes(AuthSettings.DEFAULT_PASSWORD_RESET_TOKEN_LIFETIME_MINUTES),
                Duration.ofHours(AuthSettings.DEFAULT_EMAIL_VERIFICATION_TOKEN_LIFETIME_HOURS),
                Duration.ofMinutes(AuthSettings.DEFAULT_EMAIL_CHANGE_TOKEN_LIFETIME_MINUTES),
                Duration.ofMinutes(AuthSettings.DEFAULT_LOG_IN_LINK_LIFETIME_MINUTES),
                AuthSettings.DEFAULT_REQUIRE_VERIFIED_EMAIL, AuthSettings.DEFAULT_LOG_IN_LINKS);
    }

    /** Adds a problem to {@code checks} for every lifetime out of its range. */
    void check(ConfigChecks checks) {
        Duration shortest = Duration.ofMinutes(AuthSettings.MIN_ONE_TIME_TOKEN_LIFETIME_MINUTES);
        checks.range("passwordResetTokenLifetime", passwordResetTokenLifetime, shortest,
                Duration.ofHours(AuthSettings.MAX_PASSWORD_RESET_TOKEN_LIFETIME_HOURS));
        checks.range("emailVerificationTokenLifetime", emailVerificationTokenLifetime, shortest,
                Duration.ofDays(AuthSettings.MAX_EMAIL_VERIFICATION_TOKEN_LIFETIME_DAYS));
        checks.range("emailChangeTokenLifetime", emailChangeTokenLifetime, shortest,
                Duration.ofHours(AuthSettings.MAX_EMAIL_CHANGE_TOKEN_LIFETIME_HOURS));
        checks.range("logInLinkLifetime", logInLinkLifetime, shortest,
                Duration.ofHours(AuthSettings.MAX_LOG_IN_LINK_LIFETIME_HOURS));
    }
}
