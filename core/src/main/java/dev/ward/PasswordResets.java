package dev.ward;

import dev.ward.store.OneTimeToken;
import dev.ward.store.OneTimeTokenPurpose;
import dev.ward.store.User;
import dev.ward.store.UserRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The forgotten-password flow: a request that answers the same for every address, and a reset
 * with the link's token. The link is bound to the address it was sent to.
 */
final class PasswordResets {

    private static final OneTimeTokenPurpose PURPOSE = OneTimeTokenPurpose.PASSWORD_RESET;

    private final UserRepository users;
    private final OneTimeTokens tokens;
    private final LinkRequestThrottle throttle;
    private final PasswordChanges changes;
    private final Notifications notifications;
    private final Events events;
    private final Clock clock;
    private final Duration lifetime;

    PasswordResets(UserRepository users, OneTimeTokens tokens, LinkRequestThrottle throttle, PasswordChanges changes,
                   Notifications notifications, Events events, Clock clock, AuthSettings settings) {
        this.users = users;
        this.tokens = tokens;
        this.throttle = throttle;
        this.changes = changes;
        this.notifications = notifications;
        this.events = events;
        this.clock = clock;
        this.lifetime = settings.passwordResetTokenLifetime();
    }

    /** See {@link AuthManager#requestPasswordReset(String, ClientInfo)}. */
    void request(String rawEmail, ClientInfo client) {
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
        User found = user.get();
        OneTimeTokens.Issued issued = tokens.issue(PURPOSE, found.id(), email, lifetime);
        notifications.send(new Notification.OneTimeLink(PURPOSE, UserAccount.of(found), email, issued.token(),
                issued.expiresAt()));
    }

    /** See {@link AuthManager#resetPassword(String, String)}. */
    UserAccount reset(String token, String newPassword) {
        if (newPassword == null) {
            throw AuthException.invalidRequest(List.of(new FieldViolation("password", "must not be null")));
        }
        // The policy is checked before the token is used, so that a weak password does not burn the link.
        OneTimeToken peeked = tokens.find(token, PURPOSE);
        User user = users.findById(peeked.userId()).filter(u -> u.email().equals(peeked.boundValue()))
                .orElseThrow(OneTimeTokens::invalid);
        List<FieldViolation> violations = changes.policyViolations(user, newPassword, "password");
        if (!violations.isEmpty()) {
            throw AuthException.invalidRequest(violations);
        }
        String hash = changes.hash(newPassword);
        OneTimeToken used = tokens.redeem(token, PURPOSE);
        User changed = changes.resetToHash(used.userId(), hash).orElseThrow(OneTimeTokens::invalid);
        Instant now = clock.instant();
        // Following the link proved the address, too.
        if (!changed.emailVerified() && users.markEmailVerified(changed.id(), used.boundValue(), now)) {
            changed = changed.withEmailVerifiedAt(now);
        }
        throttle.used(changed.email());
        UserAccount account = UserAccount.of(changed);
        notifications.send(new Notification.PasswordChanged(account, changed.email(), now));
        return account;
    }
}
