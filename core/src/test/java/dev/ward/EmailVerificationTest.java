package dev.ward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ward.store.OneTimeTokenPurpose;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class EmailVerificationTest {

    @Nested
    @DisplayName("verifying an address")
    class Verifying {

        private final Fixture f = new Fixture();

        @Test
        @DisplayName("sign-up sends a link to the new address, valid for 48 hours, and following it verifies the address")
        void signUpSendsLink() {
            UserAccount alice = f.signUp("Alice@Example.com");

            Notification.OneTimeLink link = f.sent(Notification.OneTimeLink.class).get(0);
            assertThat(link.purpose()).isEqualTo(OneTimeTokenPurpose.EMAIL_VERIFICATION);
            assertThat(link.recipient()).isEqualTo("alice@example.com");
            assertThat(link.user().id()).isEqualTo(alice.id());
            assertThat(link.expiresAt()).isEqualTo(f.clock.instant().plus(Duration.ofHours(48)));
            assertThat(link.toString()).doesNotContain(link.token());
            assertThat(alice.emailVerified()).isFalse();

            UserAccount verified = f.auth.verifyEmail(link.token());

            assertThat(verified.emailVerifiedAt()).isEqualTo(f.clock.instant());
            assertThat(f.auth.findUser(alice.id()).orElseThrow().emailVerified()).isTrue();
            assertThat(f.events(AuthEvent.EmailVerified.class)).singleElement()
                    .satisfies(e -> assertThat(e.userId()).isEqualTo(alice.id()));
        }

        @Test
        @DisplayName("a new link is sent on request, but not to a verified, unknown or disabled account")
        void resend() {
            UserAccount alice = f.signUp("alice@example.com");
            UserAccount bob = f.signUp("bob@example.com");
            f.auth.disableUser(bob.id());

            assertThat(f.auth.requestEmailVerification(alice.id())).isTrue();
            assertThat(f.auth.requestEmailVerification(bob.id())).isFalse();
            assertThat(f.auth.requestEmailVerification("no-such-user")).isFalse();
            f.auth.verifyEmail(f.lastLink(OneTimeTokenPurpose.EMAIL_VERIFICATION, "alice@example.com"));
            assertThat(f.auth.requestEmailVerification(alice.id())).isFalse();
        }

        @Test
        @DisplayName("asking again and again sends a few links, then one per quarter of an hour")
        void resendIsThrottled() {
            UserAccount alice = f.signUp("alice@example.com");

            int sent = 0;
            for (int i = 0; i < 10; i++) {
                sent += f.auth.requestEmailVerification(alice.id()) ? 1 : 0;
            }
            assertThat(sent).isEqualTo(LinkRequestThrottle.PER_ADDRESS);

            f.clock.advance(LinkRequestThrottle.WINDOW);
            assertThat(f.auth.requestEmailVerification(alice.id())).isTrue();
            assertThat(f.auth.requestEmailVerification(alice.id())).isFalse();
        }

        @Test
        @DisplayName("a link sent to an address the account no longer has verifies nothing")
        void linkForOldAddress() {
            UserAccount alice = f.signUp("alice@example.com");
            String oldLink = f.lastLink(OneTimeTokenPurpose.EMAIL_VERIFICATION, "alice@example.com");
            AuthenticatedUser user = f.auth.authenticate(f.auth.logIn("alice@example.com", Fixture.PASSWORD).accessToken());
            f.auth.requestEmailChange(user, Fixture.PASSWORD, "alice@new.example");
            java.time.Instant changedAt = f.clock.instant();
            f.auth.confirmEmailChange(f.lastLink(OneTimeTokenPurpose.EMAIL_CHANGE, "alice@new.example"));
            f.clock.advance(Duration.ofMinutes(5));

            assertThat(catchThrowableOfType(AuthException.class, () -> f.auth.verifyEmail(oldLink)).error())
                    .isEqualTo(AuthError.INVALID_ONE_TIME_TOKEN);
            UserAccount now = f.auth.findUser(alice.id()).orElseThrow();
            assertThat(now.email()).isEqualTo("alice@new.example");
            assertThat(now.emailVerifiedAt()).isEqualTo(changedAt);
        }
    }

    @Nested
    @DisplayName("with requireVerifiedEmail")
    class Required {

        private final Fixture f = new Fixture(s -> s.requireVerifiedEmail(true));

        @Test
        @DisplayName("the right password with an unverified address is refused with its own code, until verified")
        void refusedUntilVerified() {
            f.signUp("alice@example.com");

            assertThat(catchThrowableOfType(AuthException.class, () -> f.auth.logIn("alice@example.com", Fixture.PASSWORD))
                    .error()).isEqualTo(AuthError.EMAIL_NOT_VERIFIED);
            assertThat(f.events(AuthEvent.LogInFailed.class)).singleElement()
                    .satisfies(e -> assertThat(e.reason()).isEqualTo(AuthEvent.FailureReason.EMAIL_NOT_VERIFIED));

            f.auth.verifyEmail(f.lastLink(OneTimeTokenPurpose.EMAIL_VERIFICATION, "alice@example.com"));

            assertThat(f.auth.logIn("alice@example.com", Fixture.PASSWORD)).isNotNull();
        }

        @Test
        @DisplayName("a wrong password with an unverified address says only that the credentials are wrong")
        void wrongPasswordRevealsNothing() {
            f.signUp("alice@example.com");

            assertThat(catchThrowableOfType(AuthException.class, () -> f.auth.logIn("alice@example.com", "wrong password"))
                    .error()).isEqualTo(AuthError.INVALID_CREDENTIALS);
        }
    }
}
