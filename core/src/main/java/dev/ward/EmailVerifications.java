package dev.ward;

import dev.ward.store.OneTimeToken;
import dev.ward.store.OneTimeTokenPurpose;
import dev.ward.store.User;
import dev.ward.store.UserRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * E-mail verification: a link sent at sign-up and on request, bound to the address it was
 * sent to, so that a link for an address the account no longer has verifies nothing.
 */
final class EmailVerifications {

    private static final OneTimeTokenPurpose PURPOSE = OneTimeTokenPurpose.EMAIL_VERIFICATION;

    private final UserRepository users;
    private final OneTimeTokens tokens;
    private final MailedLinks links;
    private final Events events;
    private final Clock clock;
    private final Duration lifetime;

    EmailVerifications(UserRepository users, OneTimeTokens tokens, MailedLinks links, Events events, Clock clock,
                       AuthSettings settings) {
        this.users = users;
        this.tokens = tokens;
        this.links = links;
        this.events = events;
        this.clock = clock;
        this.lifetime = settings.emailVerificationTokenLifetime();
    }

    /** Sends the first link, right after sign-up. */
    void afterSignUp(User user) {
        send(user);
    }

    /** The same work as {@link #afterSignUp} for a concealed duplicate sign-up, keeping nothing. */
    void afterConcealedSignUp() {
        tokens.issueNothing(PURPOSE);
    }

    /** See {@link AuthManager#requestEmailVerification(String)}. */
    boolean request(String userId) {
        Objects.requireNonNull(userId, "userId");
        Optional<User> user = users.findById(userId);
        if (user.isEmpty() || user.get().emailVerified() || user.get().disabled()) {
            return false;
        }
        String email = user.get().email();
        boolean allowed = links.allow(email);
        events.emit(new AuthEvent.LinkRequested(clock.instant(), PURPOSE, email, userId, ClientInfo.UNKNOWN, !allowed));
        if (allowed) {
            send(user.get());
        }
        return allowed;
    }

    /** See {@link AuthManager#verifyEmail(String)}. */
    UserAccount verify(String token) {
        OneTimeToken found = tokens.find(token, PURPOSE);
        User user = users.findById(found.userId()).orElseThrow(OneTimeTokens::invalid);
        if (user.disabled()) {
            throw LogIns.disabled();
        }
        OneTimeToken used = tokens.consume(found);
        Instant now = clock.instant();
        // Conditional on the address the link was sent to: after an address change it verifies nothing.
        if (used.boundValue() == null || !users.markEmailVerified(used.userId(), used.boundValue(), now)) {
            throw OneTimeTokens.invalid();
        }
        events.emit(new AuthEvent.EmailVerified(now, used.userId(), used.boundValue()));
        return users.findById(used.userId()).map(UserAccount::of).orElseThrow(OneTimeTokens::invalid);
    }

    private void send(User user) {
        links.send(PURPOSE, user, user.email(), user.email(), lifetime);
    }
}
