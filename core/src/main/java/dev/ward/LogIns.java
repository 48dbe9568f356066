package dev.ward;

import dev.ward.internal.validation.Emails;
import dev.ward.internal.validation.RequestValidator;
import dev.ward.store.KnownDevice;
import dev.ward.store.StoreException;
import dev.ward.store.User;
import dev.ward.store.UserRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Log-in: throttling first (under the known device's own key when the client proves one),
 * then exactly one password check whether or not the account exists, then a new session and
 * the device token to keep. A weaker stored hash is upgraded on success.
 */
final class LogIns {

    private static final System.Logger LOG = System.getLogger("dev.ward");

    private final UserRepository users;
    private final LoginThrottle throttle;
    private final KnownDevices devices;
    private final Passwords passwords;
    private final SessionRotation sessions;
    private final Events events;
    private final Clock clock;
    private final boolean requireVerifiedEmail;

    LogIns(UserRepository users, LoginThrottle throttle, KnownDevices devices, Passwords passwords,
           SessionRotation sessions, Events events, Clock clock, AuthSettings settings) {
        this.requireVerifiedEmail = settings.requireVerifiedEmail();
        this.users = users;
        this.throttle = throttle;
        this.devices = devices;
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
        Optional<User> found;
        KnownDevice device = null;
        LoginThrottle.Attempt attempt;
        if (request.deviceToken() == null) {
            attempt = throttle.requireUnlocked(email, client, now);
            found = users.findByEmail(email);
        } else {
            // A device token is checked against the account's id, so the account is read before
            // the throttle; the token is read from the store whether or not the account exists.
            found = users.findByEmail(email);
            device = devices.recognise(request.deviceToken(), found.map(User::id).orElse(null), now);
            attempt = throttle.requireUnlocked(email, device, client, now);
        }
        Passwords.Verification verification =
                passwords.verify(request.password(), found.map(User::passwordHash).orElse(null));
        if (!verification.matches()) {
            throttle.failed(attempt, now);
            events.emit(new AuthEvent.LogInFailed(now, email, found.map(User::id).orElse(null),
                    found.isPresent() ? AuthEvent.FailureReason.WRONG_PASSWORD : AuthEvent.FailureReason.UNKNOWN_USER,
                    client, attempt.deviceId()));
            throw new AuthException(AuthError.INVALID_CREDENTIALS, "invalid e-mail or password");
        }
        User user = found.get();
        throttle.succeeded(attempt);
        // Only now, with the password proven, may the answer say more than "invalid credentials".
        if (user.disabled()) {
            events.emit(new AuthEvent.LogInFailed(now, email, user.id(), AuthEvent.FailureReason.DISABLED, client,
                    attempt.deviceId()));
            throw disabled();
        }
        if (requireVerifiedEmail && !user.emailVerified()) {
            events.emit(new AuthEvent.LogInFailed(now, email, user.id(), AuthEvent.FailureReason.EMAIL_NOT_VERIFIED,
                    client, attempt.deviceId()));
            throw new AuthException(AuthError.EMAIL_NOT_VERIFIED, "the e-mail address is not verified yet");
        }
        if (verification.upgradedHash() != null) {
            upgradeHash(user, verification.upgradedHash());
        }
        KnownDevices.Confirmed kept = devices.confirm(request.deviceToken(), device, user.id(), now);
        TokenPair pair = sessions.start(user, client, now);
        events.emit(new AuthEvent.LoggedIn(now, user.id(), pair.sessionId(), client, attempt.deviceId()));
        return kept == null ? pair : new TokenPair(pair.accessToken(), pair.accessTokenExpiresAt(), pair.refreshToken(),
                pair.refreshTokenExpiresAt(), pair.sessionId(), kept.token(), kept.expiresAt());
    }

    /** The refusal of a disabled account, after its owner proved who they are. */
    static AuthException disabled() {
        return new AuthException(AuthError.ACCOUNT_DISABLED, "the account is disabled");
    }

    private void upgradeHash(User user, String newHash) {
        try {
            // Conditional on the version read: an upgrade never brings back a password changed meanwhile.
            users.updatePasswordHash(user.id(), user.credentialsVersion(), newHash);
        } catch (StoreException e) {
            // The log-in itself succeeded; the upgrade is retried at the next one.
            LOG.log(System.Logger.Level.WARNING, "could not upgrade the password hash of user " + user.id(), e);
        }
    }
}
