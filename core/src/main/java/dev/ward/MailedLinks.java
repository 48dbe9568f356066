package dev.ward;

import dev.ward.store.OneTimeTokenPurpose;
import dev.ward.store.User;
import dev.ward.store.UserRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Issues single-use links and hands them to the notifier: for a known user, and for anyone who
 * names an address (a forgotten password, a log-in link), where the answer must be the same
 * whether or not the address has an account.
 */
final class MailedLinks {

    private final UserRepository users;
    private final OneTimeTokens tokens;
    private final LinkRequestThrottle throttle;
    private final Notifications notifications;
    private final Events events;
    private final Clock clock;

    MailedLinks(UserRepository users, OneTimeTokens tokens, LinkRequestThrottle throttle, Notifications notifications,
                Events events, Clock clock) {
        this.users = users;
        this.tokens = tokens;
        this.throttle = throttle;
        this.notifications = notifications;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Mails a link of {@code purpose} to the account with the given address, if there is one,
     * it is enabled and the address has link budget left; otherwise does the same work without
     * keeping anything. Either way the caller answers the same.
     *
     * @throws AuthException {@link AuthError#INVALID_REQUEST} for a malformed address;
     *     {@link AuthError#TOO_MANY_ATTEMPTS} when the client is over its budget
     */
    void requestByAddress(OneTimeTokenPurpose purpose, String rawEmail, ClientInfo client, Duration lifetime) {
        String email = EmailAddress.checked(rawEmail, "email");
        ClientInfo from = client == null ? ClientInfo.UNKNOWN : client;
        Instant now = clock.instant();
        boolean allowed = throttle.allow(email, from, now);
        Optional<User> user = users.findByEmail(email);
        events.emit(new AuthEvent.LinkRequested(now, purpose, email, user.map(User::id).orElse(null), from, !allowed));
        if (!allowed || user.isEmpty() || user.get().disabled()) {
            tokens.issueNothing(purpose);
            return;
        }
        send(purpose, user.get(), email, email, lifetime);
    }

    /**
     * Issues a link for a user, superseding their earlier ones of the purpose, and hands it to
     * the notifier.
     *
     * @param recipient where it goes
     * @param boundValue the address the link is bound to
     */
    void send(OneTimeTokenPurpose purpose, User user, String recipient, String boundValue, Duration lifetime) {
        OneTimeTokens.Issued issued = tokens.issue(purpose, user.id(), boundValue, lifetime);
        notifications.send(new Notification.OneTimeLink(purpose, UserAccount.of(user), recipient, issued.token(),
                issued.expiresAt()));
    }

    /** Sends a notice that carries no token. */
    void notice(Notification notice) {
        notifications.send(notice);
    }

    /** Forgets an address's link count, once a link sent to it has been used. */
    void used(String email) {
        throttle.used(email);
    }

    /** Whether the address has link budget left; counts the request. */
    boolean allow(String email) {
        return throttle.allow(email, ClientInfo.UNKNOWN, clock.instant());
    }
}
