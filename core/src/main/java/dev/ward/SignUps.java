package dev.ward;

import dev.ward.internal.validation.Emails;
import dev.ward.internal.validation.RequestValidator;
import dev.ward.internal.validation.Texts;
import dev.ward.store.DuplicateEmailException;
import dev.ward.store.NewUser;
import dev.ward.store.User;
import dev.ward.store.UserRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Sign-up: validates a request as a whole, hashes the password, creates the user and, when the
 * manager can, sends the link that verifies the address.
 */
final class SignUps {

    private static final Set<String> DEFAULT_ROLES = Set.of("user");

    private final UserRepository users;
    private final Passwords passwords;
    private final Events events;
    private final Clock clock;
    private final boolean concealDuplicates;
    /** Null when the manager has no one-time token store: then no verification link is sent. */
    private final EmailVerifications verifications;

    SignUps(UserRepository users, Passwords passwords, EmailVerifications verifications, Events events, Clock clock,
            AuthSettings settings) {
        this.users = users;
        this.verifications = verifications;
        this.passwords = passwords;
        this.events = events;
        this.clock = clock;
        this.concealDuplicates = settings.concealDuplicateSignUp();
    }

    /** See {@link AuthManager#signUp(SignUpRequest)}. */
    UserAccount signUp(SignUpRequest request) {
        if (request == null) {
            throw AuthException.invalidRequest(List.of(new FieldViolation("request", "must not be null")));
        }
        String email = Emails.normalize(request.email());
        String userName = request.userName() == null ? null : request.userName().strip();
        List<FieldViolation> violations = new ArrayList<>(
                RequestValidator.validate(new SignUpRequest(userName, email, request.password())));
        Emails.checkText("email", email, violations);
        if (!Texts.isPlain(userName)) {
            violations.add(new FieldViolation("userName", Texts.NOT_PLAIN));
        }
        if (request.password() != null) {
            violations.addAll(passwords.check(request.password(), "password", userName, email));
        }
        if (!violations.isEmpty()) {
            throw AuthException.invalidRequest(violations);
        }
        String hash = passwords.hash(request.password());
        Instant now = clock.instant();
        try {
            User user = users.create(new NewUser(userName, email, hash, DEFAULT_ROLES, now));
            events.emit(new AuthEvent.SignedUp(now, user.id(), email));
            if (verifications != null) {
                verifications.afterSignUp(user);
            }
            return UserAccount.of(user);
        } catch (DuplicateEmailException e) {
            if (!concealDuplicates) {
                throw new AuthException(AuthError.EMAIL_TAKEN, "an account with this e-mail address already exists");
            }
            String existing = users.findByEmail(email).map(User::id).orElse(null);
            events.emit(new AuthEvent.DuplicateSignUp(now, existing, email));
            if (verifications != null) {
                verifications.afterConcealedSignUp();
            }
            return new UserAccount(UUID.randomUUID().toString(), userName, email, DEFAULT_ROLES, now);
        }
    }
}
