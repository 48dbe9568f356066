package dev.ward;

import dev.ward.internal.validation.Emails;
import dev.ward.internal.validation.RequestValidator;
import dev.ward.store.LoginAttempts;
import dev.ward.store.StoreException;
import dev.ward.store.User;
import dev.ward.store.UserRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Log-in: throttling first, then exactly one password check whether or not the account
 * exists, then a new session. A weaker stored hash is upgraded on success.
 */
final class LogIns {

    private static final System.Logger LOG = System.getLogger("dev.ward");

    private final UserRepository users;
    private final LoginThrottle throttle;
    private final Passwords passwords;
    private final SessionRotation sessions;
    private final Events events;
    private final Clock clock;

    LogIns(UserRepository users, LoginThrottle throttle, Passwords passwords, SessionRotation sessions, Events events,
           Clock clock) {
        this.users = users;
        this.throttle = throttle;
        this.passwords = passwords;
        this.sessions = sessions;
        this.events = events;
        this.clock = clock;
    }

    /** See {@link AuthManager#logIn(LogInRequest)}. */
    TokenPair logIn(LogInRequest request) {
        if (request == null) {
            throw AuthException.invalidRequest(List.of(new FieldViolation("request", "must not be null")));
        }
        // Validated after normalisation, so that an address NFKC lengthens past the column size
        // is refused here rather than by the attempt store, where it would go uncounted.
        String email = Emails.normalize(request.email());
        List<FieldViolation> violations =
                RequestValidator.validate(new LogInRequest(email, request.password(), request.client()));
        Emails.checkText("email", email, violations);
        if (!violations.isEmpty()) {
            throw AuthException.invalidRequest(violations);
        }
        if (email.indexOf('@') < 0) {
            // No account has an address without '@' (sign-up requires one), and such a text could
            // spell another throttling key ("ip:..."): refuse it before it is counted or hashed.
            throw AuthException.invalidRequest(
                    List.of(new FieldViolation("email", "must be a well-formed email address")));
        }
        ClientInfo client = request.client();
        Instant now = clock.instant();
        Optional<LoginAttempts> accountState = throttle.requireUnlocked(email, client, now);

        Optional<User> found = users.findByEmail(email);
        Passwords.Verification verification =
                passwords.verify(request.password(), found.map(User::passwordHash).orElse(null));
        if (!verification.matches()) {
            throttle.failed(email, client, now);
            events.emit(new AuthEvent.LogInFailed(now, email, found.map(User::id).orElse(null),
                    found.isPresent() ? AuthEvent.FailureReason.WRONG_PASSWORD : AuthEvent.FailureReason.UNKNOWN_USER,
                    client));
            throw new AuthException(AuthError.INVALID_CREDENTIALS, "invalid e-mail or password");
        }
        User user = found.get();
        throttle.succeeded(email, accountState);
        if (verification.upgradedHash() != null) {
            upgradeHash(user, verification.upgradedHash());
        }
        TokenPair pair = sessions.start(user, client, now);
        events.emit(new AuthEvent.LoggedIn(now, user.id(), pair.sessionId(), client));
        return pair;
    }

    private void upgradeHash(User user, String newHash) {
        try {
            users.updatePasswordHash(user.id(), newHash);
        } catch (StoreException e) {
            // The log-in itself succeeded; the upgrade is retried at the next one.
            LOG.log(System.Logger.Level.WARNING, "could not upgrade the password hash of user " + user.id(), e);
        }
    }
}
