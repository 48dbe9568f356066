package dev.ward;

import dev.ward.store.Session;
import dev.ward.store.User;
import dev.ward.store.UserRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Changing a password (with the current one) and setting one after a reset (without it). Both
 * apply the policy, set the hash and the next credentials version in one compare-and-set, lift
 * any log-in lock and end every session of the user. A session started under the old version
 * (a log-in still in flight) is refused at its first refresh and by strict sessions. A change
 * then starts a fresh session for the client that asked, under the new version.
 */
final class PasswordChanges {

    /** Compare-and-set rounds of a reset before giving up; each lost round means another change committed. */
    private static final int MAX_RESET_ROUNDS = 4;

    private final UserRepository users;
    private final Reauthentication reauthentication;
    private final LoginThrottle throttle;
    private final Passwords passwords;
    private final SessionRotation sessions;
    private final SessionRevocation revocation;
    private final Events events;
    private final Notifications notifications;
    /** Null when the manager has no one-time token store. */
    private final OneTimeTokens oneTimeTokens;
    private final Clock clock;

    PasswordChanges(UserRepository users, Reauthentication reauthentication, LoginThrottle throttle,
                    Passwords passwords, SessionRotation sessions, SessionRevocation revocation, Events events,
                    Notifications notifications, OneTimeTokens oneTimeTokens, Clock clock) {
        this.notifications = notifications;
        this.oneTimeTokens = oneTimeTokens;
        this.users = users;
        this.reauthentication = reauthentication;
        this.throttle = throttle;
        this.passwords = passwords;
        this.sessions = sessions;
        this.revocation = revocation;
        this.events = events;
        this.clock = clock;
    }

    /** See {@link AuthManager#changePassword(AuthenticatedUser, String, String)}. */
    TokenPair change(AuthenticatedUser user, String currentPassword, String newPassword) {
        Objects.requireNonNull(user, "user");
        List<FieldViolation> missing = new ArrayList<>();
        Reauthentication.checkPresent(currentPassword, missing);
        if (newPassword == null) {
            missing.add(new FieldViolation("newPassword", "must not be null"));
        }
        if (!missing.isEmpty()) {
            throw AuthException.invalidRequest(missing);
        }
        Reauthentication.Proof proof = reauthentication.prove(user, currentPassword);
        User stored = proof.user();
        String hash = checkedHash(stored, newPassword);
        // Expecting the version whose hash was just verified: a password set meanwhile (a reset)
        // is never overwritten by someone who knew only the one before it.
        if (!users.changePassword(stored.id(), stored.credentialsVersion(), hash)) {
            throw new AuthException(AuthError.INVALID_CREDENTIALS, "the password was changed meanwhile: log in again");
        }
        User changed = stored.withNewPassword(hash);
        endSessions(changed);
        Session asking = proof.session();
        return sessions.start(changed, new ClientInfo(asking.clientIp(), asking.userAgent()), clock.instant());
    }

    /** See {@link AuthManager#setPassword(String, String)}. */
    boolean reset(String userId, String newPassword) {
        Objects.requireNonNull(userId, "userId");
        if (newPassword == null) {
            throw AuthException.invalidRequest(List.of(new FieldViolation("newPassword", "must not be null")));
        }
        Optional<User> stored = users.findById(userId);
        if (stored.isEmpty()) {
            return false;
        }
        return resetToHash(userId, checkedHash(stored.get(), newPassword)).isPresent();
    }

    /**
     * Sets an already checked and hashed password, whatever the current one, retrying the
     * compare-and-set while other changes commit first.
     *
     * @return the user as changed, or empty when it no longer exists
     */
    Optional<User> resetToHash(String userId, String hash) {
        return resetToHash(userId, hash, user -> true);
    }

    /**
     * As {@link #resetToHash(String, String)}, while {@code stillValid} holds for the user as read
     * in each round: a reset by link checks again that the account still has the address the link
     * went to and is enabled.
     *
     * @return the user as changed, or empty when it no longer exists or no longer passes the check
     */
    Optional<User> resetToHash(String userId, String hash, java.util.function.Predicate<User> stillValid) {
        Optional<User> stored = users.findById(userId).filter(stillValid);
        for (int round = 0; round < MAX_RESET_ROUNDS && stored.isPresent(); round++) {
            User user = stored.get();
            if (users.changePassword(user.id(), user.credentialsVersion(), hash)) {
                User changed = user.withNewPassword(hash);
                endSessions(changed);
                return Optional.of(changed);
            }
            stored = users.findById(userId).filter(stillValid);
        }
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        throw new AuthException(AuthError.INVALID_REQUEST, "the password is being changed concurrently: try again");
    }

    /** Checks a new password against the policy and hashes it. */
    String checkedHash(User user, String newPassword) {
        List<FieldViolation> violations = policyViolations(user, newPassword, "newPassword");
        if (!violations.isEmpty()) {
            throw AuthException.invalidRequest(violations);
        }
        return hash(newPassword);
    }

    /** Returns every way a new password breaks the policy, under {@code field}. */
    List<FieldViolation> policyViolations(User user, String newPassword, String field) {
        return passwords.check(newPassword, field, user.userName(), user.email());
    }

    /** Hashes a password that passed the policy. */
    String hash(String newPassword) {
        return passwords.hash(newPassword);
    }

    /**
     * Ends every session of a user whose password was just changed. The version was bumped
     * first, so a session created after this revocation under the old version is still refused.
     */
    private void endSessions(User changed) {
        throttle.reset(changed.email());
        throttle.forgetDevices(changed.id());
        Instant now = clock.instant();
        events.emit(new AuthEvent.PasswordChanged(now, changed.id()));
        revocation.revokeAll(changed.id(), null, RevocationReason.PASSWORD_CHANGED);
        if (oneTimeTokens != null) {
            // Whoever changed the password is in control now: a pending change of address asked
            // for by someone else, or a reset or log-in link still in a mailbox, must not outlive it.
            oneTimeTokens.supersedeLinks(changed.id());
        }
        notifications.send(new Notification.PasswordChanged(UserAccount.of(changed), changed.email(), now));
    }
}
