package dev.ward;

import dev.ward.store.OneTimeTokenPurpose;
import java.time.Instant;

/**
 * Something that happened in an {@link AuthManager}, delivered to its
 * {@link AuthEventListener}: for audit logs, metrics, alerts and e-mails to users.
 *
 * <p>Events carry ids, normalised e-mail addresses and client information, never a password,
 * hash or token.
 */
public sealed interface AuthEvent {

    /**
     * Returns when it happened, by the manager's clock.
     *
     * @return the instant
     */
    Instant at();

    /**
     * A user signed up.
     *
     * @param at when
     * @param userId the new user's id
     * @param email the normalised e-mail address
     */
    record SignedUp(Instant at, String userId, String email) implements AuthEvent {
    }

    /**
     * Someone tried to sign up with an e-mail address that already has an account, and the
     * manager is set to answer that like a success (so that sign-up does not reveal which
     * addresses are registered). The host may e-mail the owner instead.
     *
     * @param at when
     * @param existingUserId the id of the account that has the address
     * @param email the normalised e-mail address
     */
    record DuplicateSignUp(Instant at, String existingUserId, String email) implements AuthEvent {
    }

    /**
     * A user logged in: a new session started.
     *
     * @param at when
     * @param userId the user's id
     * @param sessionId the new session's id
     * @param client what the host said of the client
     * @param deviceId the id (never the token) of the known device the log-in came from, or
     *     null for an unknown client, which has now been given a device token
     */
    record LoggedIn(Instant at, String userId, String sessionId, ClientInfo client, String deviceId)
            implements AuthEvent {

        /**
         * An event for a log-in from an unknown client.
         *
         * @param at when
         * @param userId the user's id
         * @param sessionId the new session's id
         * @param client what the host said of the client
         */
        public LoggedIn(Instant at, String userId, String sessionId, ClientInfo client) {
            this(at, userId, sessionId, client, null);
        }
    }

    /**
     * A log-in failed.
     *
     * @param at when
     * @param email the normalised e-mail address tried
     * @param userId the account's id, or null when no account has that address
     * @param reason why it failed
     * @param client what the host said of the client
     * @param deviceId the id (never the token) of the known device the attempt came from, whose
     *     own count it went to, or null for an unknown client
     */
    record LogInFailed(Instant at, String email, String userId, FailureReason reason, ClientInfo client,
                       String deviceId) implements AuthEvent {

        /**
         * An event for a failure of an unknown client.
         *
         * @param at when
         * @param email the normalised e-mail address tried
         * @param userId the account's id, or null when no account has that address
         * @param reason why it failed
         * @param client what the host said of the client
         */
        public LogInFailed(Instant at, String email, String userId, FailureReason reason, ClientInfo client) {
            this(at, email, userId, reason, client, null);
        }
    }

    /** Why a log-in failed. Only the host sees this; the client always gets one answer. */
    enum FailureReason {
        /** No account has the e-mail address. */
        UNKNOWN_USER,
        /** The password does not match. */
        WRONG_PASSWORD,
        /** The account, the client address or the known device is locked after too many failures. */
        LOCKED,
        /** The password was right, but an administrator has disabled the account. */
        DISABLED,
        /**
         * The password was right, but the address is not verified and
         * {@link AuthSettings#requireVerifiedEmail()} is on.
         */
        EMAIL_NOT_VERIFIED
    }

    /**
     * An account, a client address or a known device was locked after too many failed log-ins.
     *
     * @param at when
     * @param key the throttling key (the normalised e-mail address, {@code ip:} and the address,
     *     or {@code device:} and the device id)
     * @param failures consecutive failures so far
     * @param lockedUntil when the lock ends; {@link dev.ward.store.LoginAttempts#PERMANENT_LOCK}
     *     when only a reset lifts it
     */
    record LockedOut(Instant at, String key, int failures, Instant lockedUntil) implements AuthEvent {
    }

    /**
     * A refresh token was exchanged for a new pair.
     *
     * @param at when
     * @param userId the user's id
     * @param sessionId the session's id
     * @param withinGrace true when the previous token was accepted inside the grace window
     *     (a concurrent or retried refresh), which was answered with the refresh token its
     *     rotation had issued and wrote nothing to the store
     */
    record Refreshed(Instant at, String userId, String sessionId, boolean withinGrace) implements AuthEvent {
    }

    /**
     * An old refresh token was presented again: the token was probably stolen, and the session
     * has been revoked.
     *
     * @param at when
     * @param userId the user's id
     * @param sessionId the revoked session's id
     * @param client what the host said of the client that presented it
     */
    record RefreshTokenReused(Instant at, String userId, String sessionId, ClientInfo client) implements AuthEvent {
    }

    /**
     * A session ended by log-out.
     *
     * @param at when
     * @param userId the user's id
     * @param sessionId the session's id
     */
    record LoggedOut(Instant at, String userId, String sessionId) implements AuthEvent {
    }

    /**
     * Sessions of a user were revoked at once: log-out everywhere, a revoked device, a
     * password change.
     *
     * @param at when
     * @param userId the user's id
     * @param count how many sessions were revoked
     * @param reason why, for example {@link RevocationReason#LOGOUT_EVERYWHERE}
     */
    record SessionsRevoked(Instant at, String userId, int count, RevocationReason reason) implements AuthEvent {
    }

    /**
     * A user's password was changed or reset.
     *
     * @param at when
     * @param userId the user's id
     */
    record PasswordChanged(Instant at, String userId) implements AuthEvent {
    }

    /**
     * A user followed an e-mail verification link: the address is verified.
     *
     * @param at when
     * @param userId the user's id
     * @param email the verified address
     */
    record EmailVerified(Instant at, String userId, String email) implements AuthEvent {
    }

    /**
     * Someone asked for a link to be mailed to an address: a password reset, a log-in link, or
     * another e-mail verification link. Raised for every well-formed request, whether or not the
     * address has an account, so that a host can watch for mail bombing and enumeration.
     *
     * @param at when
     * @param purpose {@link OneTimeTokenPurpose#PASSWORD_RESET},
     *     {@link OneTimeTokenPurpose#LOG_IN_LINK} or {@link OneTimeTokenPurpose#EMAIL_VERIFICATION}
     * @param email the normalised address asked for
     * @param userId the id of the account with that address, or null when there is none
     * @param client what the host said of the client
     * @param throttled true when the address has had its share of links for now, so nothing was sent
     */
    record LinkRequested(Instant at, OneTimeTokenPurpose purpose, String email, String userId, ClientInfo client,
                         boolean throttled) implements AuthEvent {
    }

    /**
     * A user asked to change their address; the confirming link went to the new one.
     *
     * @param at when
     * @param userId the user's id
     * @param newEmail the normalised address asked for
     */
    record EmailChangeRequested(Instant at, String userId, String newEmail) implements AuthEvent {
    }

    /**
     * A user's address changed: the link sent to the new address was followed.
     *
     * @param at when
     * @param userId the user's id
     * @param oldEmail the address before
     * @param newEmail the address now, verified
     */
    record EmailChanged(Instant at, String userId, String oldEmail, String newEmail) implements AuthEvent {
    }

    /**
     * An administrator disabled a user; every session of the user was revoked.
     *
     * @param at when
     * @param userId the user's id
     */
    record UserDisabled(Instant at, String userId) implements AuthEvent {
    }

    /**
     * An administrator enabled a disabled user again.
     *
     * @param at when
     * @param userId the user's id
     */
    record UserEnabled(Instant at, String userId) implements AuthEvent {
    }

    /**
     * A user deleted their account: the user, its sessions, single-use tokens, known devices and
     * attempt records are gone.
     *
     * @param at when
     * @param userId the id the user had
     * @param email the address the user had
     */
    record AccountDeleted(Instant at, String userId, String email) implements AuthEvent {
    }
}
