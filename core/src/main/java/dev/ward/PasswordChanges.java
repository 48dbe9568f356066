package dev.ward;

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
 * apply the policy, lift any log-in lock and end the user's other sessions.
 */
final class PasswordChanges {

    private final UserRepository users;
    private final LoginThrottle throttle;
    private final Passwords passwords;
    private final SessionRevocation revocation;
    private final Events events;
    private final Clock clock;

    PasswordChanges(UserRepository users, LoginThrottle throttle, Passwords passwords, SessionRevocation revocation,
                    Events events, Clock clock) {
        this.users = users;
        this.throttle = throttle;
        this.passwords = passwords;
        this.revocation = revocation;
        this.events = events;
        this.clock = clock;
    }

    /** See {@link AuthManager#changePassword(AuthenticatedUser, String, String)}. */
    void change(AuthenticatedUser user, String currentPassword, String newPassword) {
        Objects.requireNonNull(user, "user");
        List<FieldViolation> missing = new ArrayList<>();
        if (currentPassword == null || currentPassword.isEmpty()) {
            missing.add(new FieldViolation("currentPassword", "must not be empty"));
        }
        if (newPassword == null) {
            missing.add(new FieldViolation("newPassword", "must not be null"));
        }
        if (!missing.isEmpty()) {
            throw AuthException.invalidRequest(missing);
        }
        Instant now = clock.instant();
        User stored = users.findById(user.userId())
                .orElseThrow(() -> new AuthException(AuthError.INVALID_CREDENTIALS, "invalid e-mail or password"));
        throttle.requireUnlocked(stored.email(), ClientInfo.UNKNOWN, now);
        if (!passwords.matches(currentPassword, stored.passwordHash())) {
            throttle.failed(stored.email(), ClientInfo.UNKNOWN, now);
            throw new AuthException(AuthError.INVALID_CREDENTIALS, "the current password is wrong");
        }
        setPassword(stored, newPassword, user.sessionId());
    }

    /** See {@link AuthManager#resetPassword(String, String)}. */
    boolean reset(String userId, String newPassword) {
        Objects.requireNonNull(userId, "userId");
        if (newPassword == null) {
            throw AuthException.invalidRequest(List.of(new FieldViolation("newPassword", "must not be null")));
        }
        Optional<User> stored = users.findById(userId);
        if (stored.isEmpty()) {
            return false;
        }
        setPassword(stored.get(), newPassword, null);
        return true;
    }

    private void setPassword(User user, String newPassword, String keepSessionId) {
        List<FieldViolation> violations = passwords.check(newPassword, "newPassword", user.userName(), user.email());
        if (!violations.isEmpty()) {
            throw AuthException.invalidRequest(violations);
        }
        if (!users.updatePasswordHash(user.id(), passwords.hash(newPassword))) {
            throw new AuthException(AuthError.INVALID_CREDENTIALS, "invalid e-mail or password");
        }
        throttle.reset(user.email());
        events.emit(new AuthEvent.PasswordChanged(clock.instant(), user.id()));
        revocation.revokeAll(user.id(), keepSessionId, RevocationReason.PASSWORD_CHANGED);
    }
}
