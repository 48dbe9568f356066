package dev.ward;

import dev.ward.store.LoginAttemptStore;
import dev.ward.store.TokenStore;
import dev.ward.store.User;
import dev.ward.store.UserRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Disabling and enabling an account (an administrator's act) and deleting it (the owner's,
 * with the password). Disabling ends every session at once; deleting erases the account and
 * everything kept about it.
 */
final class AccountStatus {

    private final UserRepository users;
    private final TokenStore tokens;
    private final LoginAttemptStore attempts;
    /** Null when the manager has no one-time token store. */
    private final OneTimeTokens oneTimeTokens;
    private final Reauthentication reauthentication;
    private final SessionRevocation revocation;
    private final LoginThrottle throttle;
    private final LinkRequestThrottle linkThrottle;
    private final Events events;
    private final Clock clock;

    AccountStatus(UserRepository users, TokenStore tokens, LoginAttemptStore attempts, OneTimeTokens oneTimeTokens,
                  Reauthentication reauthentication, SessionRevocation revocation, LoginThrottle throttle,
                  LinkRequestThrottle linkThrottle, Events events, Clock clock) {
        this.users = users;
        this.tokens = tokens;
        this.attempts = attempts;
        this.oneTimeTokens = oneTimeTokens;
        this.reauthentication = reauthentication;
        this.revocation = revocation;
        this.throttle = throttle;
        this.linkThrottle = linkThrottle;
        this.events = events;
        this.clock = clock;
    }

    /** See {@link AuthManager#disableUser(String)}. */
    boolean disable(String userId) {
        Objects.requireNonNull(userId, "userId");
        // The flag first: a log-in in flight reads it before it starts a session, and a refresh
        // of a session started meanwhile reads it too.
        if (!users.setDisabled(userId, true)) {
            return false;
        }
        events.emit(new AuthEvent.UserDisabled(clock.instant(), userId));
        revocation.revokeAll(userId, null, RevocationReason.USER_DISABLED);
        return true;
    }

    /** See {@link AuthManager#enableUser(String)}. */
    boolean enable(String userId) {
        Objects.requireNonNull(userId, "userId");
        if (!users.setDisabled(userId, false)) {
            return false;
        }
        events.emit(new AuthEvent.UserEnabled(clock.instant(), userId));
        return true;
    }

    /** See {@link AuthManager#deleteAccount(AuthenticatedUser, String)}. */
    void delete(AuthenticatedUser user, String currentPassword) {
        List<FieldViolation> violations = new ArrayList<>();
        Reauthentication.checkPresent(currentPassword, violations);
        if (!violations.isEmpty()) {
            throw AuthException.invalidRequest(violations);
        }
        User stored = reauthentication.prove(user, currentPassword).user();
        // Sessions are revoked before they are deleted, so that strict sessions forget them at once.
        revocation.revokeAll(stored.id(), null, RevocationReason.USER_GONE);
        users.delete(stored.id());
        tokens.deleteAllForUser(stored.id());
        if (oneTimeTokens != null) {
            oneTimeTokens.deleteAllForUser(stored.id());
        }
        attempts.deleteDevicesForUser(stored.id());
        throttle.reset(stored.email());
        linkThrottle.used(stored.email());
        Instant now = clock.instant();
        events.emit(new AuthEvent.AccountDeleted(now, stored.id(), stored.email()));
    }
}
