package dev.ward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ward.store.OneTimeTokenPurpose;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The account lifecycle's answers to the attacks a security review found against its first version. */
@DisplayName("the lifecycle against a reviewer's attacks")
class LifecycleReviewFindingsTest {

    private static final String NEW_PASSWORD = "a brand new passphrase";

    @Test
    @DisplayName("a change of address asked for by a hijacker dies when the owner resets the password")
    void pendingEmailChangeDiesWithAPasswordReset() {
        Fixture f = new Fixture();
        AuthenticatedUser hijacker = f.auth.authenticate(f.signUpAndLogIn("alice@example.com").accessToken());
        f.auth.requestEmailChange(hijacker, Fixture.PASSWORD, "mallory@evil.example");
        String takeOver = f.lastLink(OneTimeTokenPurpose.EMAIL_CHANGE, "mallory@evil.example");

        f.auth.requestPasswordReset("alice@example.com");
        f.auth.resetPassword(f.lastLink(OneTimeTokenPurpose.PASSWORD_RESET, "alice@example.com"), NEW_PASSWORD);

        assertThat(catchThrowableOfType(AuthException.class, () -> f.auth.confirmEmailChange(takeOver)).error())
                .isEqualTo(AuthError.INVALID_ONE_TIME_TOKEN);
        assertThat(f.auth.findUser(hijacker.userId()).orElseThrow().email()).isEqualTo("alice@example.com");
    }

    @Test
    @DisplayName("a password change supersedes the user's reset and log-in links still in a mailbox")
    void passwordChangeSupersedesOutstandingLinks() {
        Fixture f = new Fixture(s -> s.logInLinks(true));
        AuthenticatedUser alice = f.auth.authenticate(f.signUpAndLogIn("alice@example.com").accessToken());
        f.auth.requestPasswordReset("alice@example.com");
        String reset = f.lastLink(OneTimeTokenPurpose.PASSWORD_RESET, "alice@example.com");
        f.auth.requestLogInLink("alice@example.com", ClientInfo.UNKNOWN);
        String logIn = f.lastLink(OneTimeTokenPurpose.LOG_IN_LINK, "alice@example.com");

        f.auth.changePassword(alice, Fixture.PASSWORD, NEW_PASSWORD);

        assertThat(catchThrowableOfType(AuthException.class, () -> f.auth.resetPassword(reset, "another new passphrase"))
                .error()).isEqualTo(AuthError.INVALID_ONE_TIME_TOKEN);
        assertThat(catchThrowableOfType(AuthException.class, () -> f.auth.logInWithLink(logIn, ClientInfo.UNKNOWN))
                .error()).isEqualTo(AuthError.INVALID_ONE_TIME_TOKEN);
    }

    @Test
    @DisplayName("failed log-ins under a look-alike name cannot use up the owner's link budget")
    void logInFailuresCannotBlockTheOwnersLinks() {
        Fixture f = new Fixture();
        f.signUp("alice@example.com");
        for (int i = 0; i < 10; i++) {
            catchThrowableOfType(AuthException.class, () -> f.auth.logIn("link:alice@example.com", "wrong password"));
        }
        f.sent.clear();

        f.auth.requestPasswordReset("alice@example.com");

        assertThat(f.sent(Notification.OneTimeLink.class)).hasSize(1);
    }

    @Test
    @DisplayName("with concealDuplicateSignUp an address change to a taken address answers like any other, and sends nothing")
    void emailChangeConcealsTakenAddresses() {
        Fixture f = new Fixture(s -> s.concealDuplicateSignUp(true));
        f.signUp("bob@example.com");
        AuthenticatedUser alice = f.auth.authenticate(f.signUpAndLogIn("alice@example.com").accessToken());
        f.sent.clear();

        f.auth.requestEmailChange(alice, Fixture.PASSWORD, "bob@example.com");

        assertThat(f.sent).isEmpty();
        assertThat(f.events(AuthEvent.EmailChangeRequested.class)).hasSize(1);
    }

    @Test
    @DisplayName("asking again and again to move to one address mails it a few links, not one per request")
    void emailChangeIsThrottledPerNewAddress() {
        Fixture f = new Fixture();
        AuthenticatedUser alice = f.auth.authenticate(f.signUpAndLogIn("alice@example.com").accessToken());
        f.sent.clear();

        for (int i = 0; i < 10; i++) {
            f.auth.requestEmailChange(alice, Fixture.PASSWORD, "victim@example.org");
        }

        assertThat(f.sent(Notification.OneTimeLink.class)).hasSize(LinkRequestThrottle.PER_ADDRESS);
        f.clock.advance(Duration.ofMinutes(15));
        f.auth.requestEmailChange(alice, Fixture.PASSWORD, "victim@example.org");
        assertThat(f.sent(Notification.OneTimeLink.class)).hasSize(LinkRequestThrottle.PER_ADDRESS + 1);
    }

    @Test
    @DisplayName("under strict sessions, a session whose log-in was in flight while the user was disabled is refused at once")
    void strictSessionsRefuseADisabledUser() {
        Fixture f = new Fixture(s -> s.strictSessions(true));
        TokenPair pair = f.signUpAndLogIn("alice@example.com");
        String id = f.auth.authenticate(pair.accessToken()).userId();

        f.users.setDisabled(id, true); // the state a log-in racing disableUser leaves behind

        assertThat(catchThrowableOfType(AuthException.class, () -> f.auth.authenticate(pair.accessToken())).error())
                .isEqualTo(AuthError.INVALID_TOKEN);
    }

    @Test
    @DisplayName("a password reset lifts a known device's lock too, and a device token from before it no longer counts")
    void resetForgetsKnownDevices() {
        Fixture f = new Fixture();
        f.signUp("alice@example.com");
        String device = f.auth.logIn("alice@example.com", Fixture.PASSWORD).deviceToken();
        for (int i = 0; i < AuthSettings.DEFAULT_LOCKOUT_THRESHOLD; i++) {
            catchThrowableOfType(AuthException.class, () -> f.auth.logIn(
                    new LogInRequest("alice@example.com", "wrong password", ClientInfo.UNKNOWN, device)));
        }
        assertThat(catchThrowableOfType(AuthException.class, () -> f.auth.logIn(
                new LogInRequest("alice@example.com", Fixture.PASSWORD, ClientInfo.UNKNOWN, device))).error())
                .isEqualTo(AuthError.TOO_MANY_ATTEMPTS);

        f.auth.requestPasswordReset("alice@example.com");
        f.auth.resetPassword(f.lastLink(OneTimeTokenPurpose.PASSWORD_RESET, "alice@example.com"), NEW_PASSWORD);

        TokenPair again = f.auth.logIn(new LogInRequest("alice@example.com", NEW_PASSWORD, ClientInfo.UNKNOWN, device));
        assertThat(again.sessionId()).isNotBlank();
        assertThat(again.deviceToken()).as("a new device token: the old one was forgotten").isNotEqualTo(device);
    }
}
