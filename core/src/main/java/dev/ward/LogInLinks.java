package dev.ward;

import dev.ward.store.OneTimeToken;
import dev.ward.store.OneTimeTokenPurpose;
import dev.ward.store.User;
import dev.ward.store.UserRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Log-in by a link mailed to the account's address (off unless the host turns it on). The
 * request answers the same for every address and is throttled like a password reset; the link
 * is bound to the address it was sent to and starts a session like a log-in.
 */
final class LogInLinks {

    private static final OneTimeTokenPurpose PURPOSE = OneTimeTokenPurpose.LOG_IN_LINK;

    private final UserRepository users;
    private final OneTimeTokens tokens;
    private final MailedLinks links;
    private final SessionRotation sessions;
    private final Events events;
    private final Clock clock;
    private final Duration lifetime;
    private final boolean enabled;

    LogInLinks(UserRepository users, OneTimeTokens tokens, MailedLinks links, SessionRotation sessions, Events events,
               Clock clock, AuthSettings settings) {
        this.users = users;
        this.tokens = tokens;
        this.links = links;
        this.sessions = sessions;
        this.events = events;
        this.clock = clock;
        this.lifetime = settings.logInLinkLifetime();
        this.enabled = settings.logInLinks();
    }

    /** See {@link AuthManager#requestLogInLink(String, ClientInfo)}. */
    void request(String email, ClientInfo client) {
        requireEnabled();
        links.requestByAddress(PURPOSE, email, client, lifetime);
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
        links.used(user.email());
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
