package dev.ward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ward.store.OneTimeTokenPurpose;
import dev.ward.store.tck.Concurrently;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("changing the e-mail address")
class EmailChangeTest {

    private final Fixture f = new Fixture();

    private AuthenticatedUser alice() {
        return f.auth.authenticate(f.signUpAndLogIn("alice@example.com").accessToken());
    }

    @Test
    @DisplayName("sends the link to the new address and a notice to the old one; the address changes only with the link")
    void linkToNewNoticeToOld() {
        AuthenticatedUser alice = alice();
        f.sent.clear();

        f.auth.requestEmailChange(alice, Fixture.PASSWORD, " Alice@New.Example ");

        assertThat(f.sent).hasSize(2);
        Notification.OneTimeLink link = f.sent(Notification.OneTimeLink.class).get(0);
        assertThat(link.purpose()).isEqualTo(OneTimeTokenPurpose.EMAIL_CHANGE);
        assertThat(link.recipient()).isEqualTo("alice@new.example");
        assertThat(link.expiresAt()).isEqualTo(f.clock.instant().plus(Duration.ofHours(1)));
        assertThat(f.sent(Notification.EmailChangeRequested.class)).singleElement().satisfies(n -> {
            assertThat(n.recipient()).isEqualTo("alice@example.com");
            assertThat(n.newEmail()).isEqualTo("alice@new.example");
        });
        assertThat(f.auth.findUser(alice.userId()).orElseThrow().email()).isEqualTo("alice@example.com");

        UserAccount changed = f.auth.confirmEmailChange(link.token());

        assertThat(changed.email()).isEqualTo("alice@new.example");
        assertThat(changed.emailVerified()).isTrue();
        assertThat(f.auth.logIn("alice@new.example", Fixture.PASSWORD)).isNotNull();
        assertThat(catchThrowableOfType(AuthException.class, () -> f.auth.logIn("alice@example.com", Fixture.PASSWORD))
                .error()).isEqualTo(AuthError.INVALID_CREDENTIALS);
        assertThat(f.events(AuthEvent.EmailChanged.class)).singleElement().satisfies(e -> {
            assertThat(e.oldEmail()).isEqualTo("alice@example.com");
            assertThat(e.newEmail()).isEqualTo("alice@new.example");
        });
    }

    @Test
    @DisplayName("needs the current password, and wrong ones count towards the account's lock")
    void needsPassword() {
        AuthenticatedUser alice = alice();

        assertThat(catchThrowableOfType(AuthException.class,
                () -> f.auth.requestEmailChange(alice, "wrong password", "alice@new.example")).error())
                .isEqualTo(AuthError.INVALID_CREDENTIALS);
        AuthException missing = catchThrowableOfType(AuthException.class,
                () -> f.auth.requestEmailChange(alice, "", "not an address"));
        assertThat(missing.violations()).extracting(FieldViolation::field)
                .containsExactlyInAnyOrder("currentPassword", "newEmail");
        for (int i = 1; i < AuthSettings.DEFAULT_LOCKOUT_THRESHOLD; i++) {
            catchThrowableOfType(AuthException.class,
                    () -> f.auth.requestEmailChange(alice, "wrong password", "alice@new.example"));
        }
        assertThat(catchThrowableOfType(AuthException.class,
                () -> f.auth.requestEmailChange(alice, Fixture.PASSWORD, "alice@new.example")).error())
                .isEqualTo(AuthError.TOO_MANY_ATTEMPTS);
        assertThat(f.sent(Notification.EmailChangeRequested.class)).isEmpty();
    }

    @Test
    @DisplayName("to an address that has an account is refused at once; to the same address as a bad request")
    void takenOrSame() {
        f.signUp("bob@example.com");
        AuthenticatedUser alice = alice();

        assertThat(catchThrowableOfType(AuthException.class,
                () -> f.auth.requestEmailChange(alice, Fixture.PASSWORD, "bob@example.com")).error())
                .isEqualTo(AuthError.EMAIL_TAKEN);
        assertThat(catchThrowableOfType(AuthException.class,
                () -> f.auth.requestEmailChange(alice, Fixture.PASSWORD, "ALICE@example.com")).error())
                .isEqualTo(AuthError.INVALID_REQUEST);
    }

    @Test
    @DisplayName("fails cleanly when the new address was taken between the request and the link")
    void takenMeanwhile() {
        AuthenticatedUser alice = alice();
        f.auth.requestEmailChange(alice, Fixture.PASSWORD, "shared@example.com");
        String token = f.lastLink(OneTimeTokenPurpose.EMAIL_CHANGE, "shared@example.com");
        f.signUp("shared@example.com");

        assertThat(catchThrowableOfType(AuthException.class, () -> f.auth.confirmEmailChange(token)).error())
                .isEqualTo(AuthError.EMAIL_TAKEN);
        assertThat(f.auth.findUser(alice.userId()).orElseThrow().email()).isEqualTo("alice@example.com");
        assertThat(f.auth.logIn("alice@example.com", Fixture.PASSWORD)).isNotNull();
    }

    @Test
    @DisplayName("two accounts racing for one new address: exactly one gets it")
    void racingForOneAddress() {
        AuthenticatedUser alice = alice();
        AuthenticatedUser bob = f.auth.authenticate(f.signUpAndLogIn("bob@example.com").accessToken());
        f.auth.requestEmailChange(alice, Fixture.PASSWORD, "prize@example.com");
        String aliceToken = f.lastLink(OneTimeTokenPurpose.EMAIL_CHANGE, "prize@example.com");
        f.auth.requestEmailChange(bob, Fixture.PASSWORD, "prize@example.com");
        String bobToken = f.lastLink(OneTimeTokenPurpose.EMAIL_CHANGE, "prize@example.com");

        List<Concurrently.Outcome<UserAccount>> outcomes = Concurrently.run(2,
                i -> () -> f.auth.confirmEmailChange(i == 0 ? aliceToken : bobToken));

        assertThat(outcomes).filteredOn(Concurrently.Outcome::succeeded).hasSize(1);
        assertThat(outcomes).filteredOn(o -> !o.succeeded()).singleElement()
                .satisfies(o -> assertThat(((AuthException) o.failure()).error()).isEqualTo(AuthError.EMAIL_TAKEN));
    }

    @Test
    @DisplayName("a newer request supersedes the older link")
    void newerSupersedes() {
        AuthenticatedUser alice = alice();
        f.auth.requestEmailChange(alice, Fixture.PASSWORD, "first@example.com");
        String first = f.lastLink(OneTimeTokenPurpose.EMAIL_CHANGE, "first@example.com");
        f.auth.requestEmailChange(alice, Fixture.PASSWORD, "second@example.com");

        assertThat(catchThrowableOfType(AuthException.class, () -> f.auth.confirmEmailChange(first)).error())
                .isEqualTo(AuthError.INVALID_ONE_TIME_TOKEN);
        assertThat(f.auth.confirmEmailChange(f.lastLink(OneTimeTokenPurpose.EMAIL_CHANGE, "second@example.com")).email())
                .isEqualTo("second@example.com");
    }

    @Test
    @DisplayName("a reset link sent to the old address stops working once the address changed")
    void oldResetLinkDies() {
        AuthenticatedUser alice = alice();
        f.auth.requestPasswordReset("alice@example.com");
        String reset = f.lastLink(OneTimeTokenPurpose.PASSWORD_RESET, "alice@example.com");
        f.auth.requestEmailChange(alice, Fixture.PASSWORD, "alice@new.example");
        f.auth.confirmEmailChange(f.lastLink(OneTimeTokenPurpose.EMAIL_CHANGE, "alice@new.example"));

        assertThat(catchThrowableOfType(AuthException.class,
                () -> f.auth.resetPassword(reset, "a brand new passphrase")).error())
                .isEqualTo(AuthError.INVALID_ONE_TIME_TOKEN);
    }
}
