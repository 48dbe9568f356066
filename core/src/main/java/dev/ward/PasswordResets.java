package dev.ward;

import dev.ward.store.OneTimeToken;
import dev.ward.store.OneTimeTokenPurpose;
import dev.ward.store.User;
import dev.ward.store.UserRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The forgotten-password flow: a request that answers the same for every address, and a reset
 * with the link's token. The link is bound to the address it was sent to; the notice that the
 * password changed is sent by {@link PasswordChanges}, as for every change.
 */
final class PasswordResets {

    private static final OneTimeTokenPurpose PURPOSE = OneTimeTokenPurpose.PASSWORD_RESET;

    private final UserRepository users;
    private final OneTimeTokens tokens;
    private final MailedLinks links;
    private final PasswordChanges changes;
    private final Clock clock;
    private final Duration lifetime;

    PasswordResets(UserRepository users, OneTimeTokens tokens, MailedLinks links, PasswordChanges changes, Clock clock,
                   AuthSettings settings) {
        this.users = users;
        this.tokens = tokens;
        this.links = links;
        this.changes = changes;
        this.clock = clock;
        this.lifetime = settings.passwordResetTokenLifetime();
    }

    /** See {@link AuthManager#requestPasswordReset(String, ClientInfo)}. */
    void request(String email, ClientInfo client) {
        links.requestByAddress(PURPOSE, email, client, lifetime);
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
        if (user.disabled()) {
            throw LogIns.disabled();
        }
        List<FieldViolation> violations = changes.policyViolations(user, newPassword, "password");
        if (!violations.isEmpty()) {
            throw AuthException.invalidRequest(violations);
        }
        String hash = changes.hash(newPassword);
        OneTimeToken used = tokens.consume(peeked);
        // Checked again after the token was used: an address change or a disable may have come
        // between the first check and the consume.
        User changed = changes.resetToHash(used.userId(), hash,
                u -> u.email().equals(used.boundValue()) && !u.disabled()).orElseThrow(OneTimeTokens::invalid);
        Instant now = clock.instant();
        // Following the link proved the address, too.
        if (!changed.emailVerified() && users.markEmailVerified(changed.id(), used.boundValue(), now)) {
            changed = changed.withEmailVerifiedAt(now);
        }
        links.used(changed.email());
        return UserAccount.of(changed);
    }
}
