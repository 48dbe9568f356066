package dev.ward;

import dev.ward.store.Session;
import dev.ward.store.TokenStore;
import dev.ward.store.User;
import dev.ward.store.UserRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Proves again, before a sensitive change (a new password, a new address, deleting the
 * account), that the caller holds both a live session and the account's current password.
 * Wrong passwords count towards the account's log-in throttling, as at log-in.
 */
final class Reauthentication {

    private final UserRepository users;
    private final TokenStore tokens;
    private final LoginThrottle throttle;
    private final Passwords passwords;
    private final Clock clock;

    /**
     * The proven account and the session that asked.
     *
     * @param user the user as stored now
     * @param session the asking session
     */
    record Proof(User user, Session session) {
    }

    Reauthentication(UserRepository users, TokenStore tokens, LoginThrottle throttle, Passwords passwords,
                     Clock clock) {
        this.users = users;
        this.tokens = tokens;
        this.throttle = throttle;
        this.passwords = passwords;
        this.clock = clock;
    }

    /**
     * Adds a violation when the current password is missing; the caller reports it together
     * with its own.
     */
    static void checkPresent(String currentPassword, List<FieldViolation> violations) {
        if (currentPassword == null || currentPassword.isEmpty()) {
            violations.add(new FieldViolation("currentPassword", "must not be empty"));
        }
    }

    /**
     * Checks the session and the password.
     *
     * @throws AuthException {@link AuthError#INVALID_CREDENTIALS} for an unknown user or a wrong
     *     password; {@link AuthError#INVALID_TOKEN} when the access token's session has ended;
     *     {@link AuthError#TOO_MANY_ATTEMPTS} while the account is locked
     */
    Proof prove(AuthenticatedUser user, String currentPassword) {
        Objects.requireNonNull(user, "user");
        Instant now = clock.instant();
        User stored = users.findById(user.userId())
                .orElseThrow(() -> new AuthException(AuthError.INVALID_CREDENTIALS, "invalid e-mail or password"));
        // An access token outliving its session (log-out, a password change) proves nothing.
        Session asking = tokens.findById(user.sessionId())
                .filter(s -> s.userId().equals(stored.id()) && s.isActive(now)
                        && s.credentialsVersion() == stored.credentialsVersion())
                .orElseThrow(() -> new AuthException(AuthError.INVALID_TOKEN, "the session of this access token has ended"));
        throttle.requireUnlocked(stored.email(), ClientInfo.UNKNOWN, now);
        if (!passwords.matches(currentPassword, stored.passwordHash())) {
            throttle.failed(stored.email(), ClientInfo.UNKNOWN, now);
            throw new AuthException(AuthError.INVALID_CREDENTIALS, "the current password is wrong");
        }
        return new Proof(stored, asking);
    }
}
