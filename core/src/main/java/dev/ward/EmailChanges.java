package dev.ward;

import dev.ward.store.DuplicateEmailException;
import dev.ward.store.OneTimeToken;
import dev.ward.store.OneTimeTokenPurpose;
import dev.ward.store.User;
import dev.ward.store.UserRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Changing the account's address: asked for with the current password, confirmed by a link
 * sent to the new address (so nobody can claim an address they cannot read), announced to the
 * old one (so a stolen session cannot move the account away unnoticed). The address changes
 * only when the link is used, in one compare-and-set, and fails cleanly if the new address was
 * taken meanwhile.
 */
final class EmailChanges {

    private static final OneTimeTokenPurpose PURPOSE = OneTimeTokenPurpose.EMAIL_CHANGE;

    private final UserRepository users;
    private final Reauthentication reauthentication;
    private final OneTimeTokens tokens;
    private final MailedLinks links;
    private final Events events;
    private final Clock clock;
    private final Duration lifetime;
    private final boolean concealTaken;

    EmailChanges(UserRepository users, Reauthentication reauthentication, OneTimeTokens tokens, MailedLinks links,
                 Events events, Clock clock, AuthSettings settings) {
        this.users = users;
        this.reauthentication = reauthentication;
        this.tokens = tokens;
        this.links = links;
        this.events = events;
        this.clock = clock;
        this.lifetime = settings.emailChangeTokenLifetime();
        this.concealTaken = settings.concealDuplicateSignUp();
    }

    /** See {@link AuthManager#requestEmailChange(AuthenticatedUser, String, String)}. */
    void request(AuthenticatedUser user, String currentPassword, String rawNewEmail) {
        List<FieldViolation> violations = new ArrayList<>();
        Reauthentication.checkPresent(currentPassword, violations);
        String newEmail = null;
        try {
            newEmail = EmailAddress.checked(rawNewEmail, "newEmail");
        } catch (AuthException e) {
            violations.addAll(e.violations());
        }
        if (!violations.isEmpty()) {
            throw AuthException.invalidRequest(violations);
        }
        User stored = reauthentication.prove(user, currentPassword).user();
        if (stored.email().equals(newEmail)) {
            throw AuthException.invalidRequest(
                    List.of(new FieldViolation("newEmail", "is the account's address already")));
        }
        Instant now = clock.instant();
        boolean taken = users.findByEmail(newEmail).isPresent();
        if (taken && !concealTaken) {
            throw new AuthException(AuthError.EMAIL_TAKEN, "an account with this e-mail address already exists");
        }
        events.emit(new AuthEvent.EmailChangeRequested(now, stored.id(), newEmail));
        // A taken address (concealed as sign-up conceals it) and one that has had its share of
        // links (no mail bombing) get the same answer, and nothing is sent.
        if (taken || !links.allow(newEmail)) {
            return;
        }
        links.send(PURPOSE, stored, newEmail, newEmail, lifetime);
        links.notice(new Notification.EmailChangeRequested(UserAccount.of(stored), stored.email(), newEmail, now));
    }

    /** See {@link AuthManager#confirmEmailChange(String)}. */
    UserAccount confirm(String token) {
        OneTimeToken found = tokens.find(token, PURPOSE);
        if (users.findById(found.userId()).orElseThrow(OneTimeTokens::invalid).disabled()) {
            throw LogIns.disabled();
        }
        OneTimeToken used = tokens.consume(found);
        User user = users.findById(used.userId()).orElseThrow(OneTimeTokens::invalid);
        if (user.disabled()) {
            throw LogIns.disabled(); // disabled between the first check and the consume
        }
        String newEmail = used.boundValue();
        if (newEmail == null) {
            throw OneTimeTokens.invalid();
        }
        Instant now = clock.instant();
        try {
            // Compare-and-set on the address just read; the link proved the new one, so it is verified.
            if (!users.changeEmail(user.id(), user.email(), newEmail, now)) {
                throw OneTimeTokens.invalid();
            }
        } catch (DuplicateEmailException e) {
            throw new AuthException(AuthError.EMAIL_TAKEN, "another account has taken this e-mail address meanwhile");
        }
        events.emit(new AuthEvent.EmailChanged(now, user.id(), user.email(), newEmail));
        return UserAccount.of(user.withEmail(newEmail, now));
    }
}
