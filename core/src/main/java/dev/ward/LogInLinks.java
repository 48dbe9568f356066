package dev.ward;

import dev.ward.store.OneTimeToken;
import dev.ward.store.OneTimeTokenPurpose;
import dev.ward.store.User;
import dev.ward.store.UserRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Log-in by a link mailed to the account's address (off unless the host turns it on). The
 * request answers the same for every address and is throttled like a password reset; the link
 * is bound to the address it was sent to and starts a session like a log-in.
 */
final class LogInLinks {

    private static final OneTimeTokenPurpose PURPOSE = OneTimeTokenPurpose.LOG_IN_LINK;

    private final UserRepository users;
    private final OneTimeTokens tokens;
    private final LinkRequestThrottle throttle;
    private final SessionRotation sessions;
    private final Notifications notifications;
    private final Events events;
    private final Clock clock;
    private final Duration lifetime;
    private final boolean enabled;

    LogInLinks(UserRepository users, OneTimeTokens tokens, LinkRequestThrottle throttle, SessionRotation sessions,
               Notifications notifications, Events events, Clock clock, AuthSettings settings) {
        this.users = users;
        this.tokens = tokens;
        this.throttle = throttle;
        this.sessions = sessions;
        this.notifications = notifications;
        this.events = events;
        this.clock = clock;
        this.lifetime = settings.logInLinkLifetime();
        this.enabled = settings.logInLinks();
    }

    /** See {@link AuthManager#requestLogInLink(String, ClientInfo)}. */
    void request(String rawEmail, ClientInfo client) {
        requireEnabled();
        String email = EmailAddress.checked(rawEmail, "email");
        ClientInfo from = client == null ? ClientInfo.UNKNOWN : client;
        Instant now = clock.instant();
        boolean allowed = throttle.allow(email, from, now);
        Optional<User> user = users.findByEmail(email);
        events.emit(new AuthEvent.LinkRequested(now, PURPOSE, email, user.map(User::id).orElse(null), from, !allowed));
        if (!allowed || user.isEmpty() || user.get().disabled()) {
            tokens.issueNothing(PURPOSE);
            return;
        }
        OneTimeTokens.Issued issued = tokens.issue(PURPOSE, user.get().id(), email, lifetime);
        notifications.send(new Notification.OneTimeLink(PURPOSE, UserAccount.of(user.get()), email, issued.token(),
                issued.expiresAt()));
    }

    /** See {@link AuthManager#logInWithLink(String, ClientInfo)}. */
    TokenPair logIn(String token, ClientInfo client) {
        requireEnabled();
        ClientInfo from = client == null ? ClientInfo.UNKNOWN : client;
        OneTimeToken used = tokens.redeem(token, PURPOSE);
        User user = users.findById(used.userId()).filter(u -> u.email().equals(used.boundValue()))
                .orElseThrow(OneTimeTokens::invalid);
        Instant now = clock.instant();
        if (user.disabled()) {
            events.emit(new AuthEvent.LogInFailed(now, user.email(), user.id(), AuthEvent.FailureReason.DISABLED, from));
            throw LogIns.disabled();
        }
        // The link proved the address.
        users.markEmailVerified(user.id(), user.email(), now);
        throttle.used(user.email());
        TokenPair pair = sessions.start(user, from, now);
        events.emit(new AuthEvent.LoggedIn(now, user.id(), pair.sessionId(), from));
        return pair;
    }

    private void requireEnabled() {
        if (!enabled) {
            throw new AuthException(AuthError.NOT_ENABLED, "log-in links are off");
        }
    }
}
