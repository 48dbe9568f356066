package dev.ward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ward.store.OneTimeTokenPurpose;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AccountStatusTest {

    private final Fixture f = new Fixture();

    @Nested
    @DisplayName("disabling and enabling")
    class DisableEnable {

        @Test
        @DisplayName("disabling revokes every session and refuses log-in (after the password) and refresh until enabled")
        void disable() {
            TokenPair pair = f.signUpAndLogIn("alice@example.com");
            String id = f.auth.authenticate(pair.accessToken()).userId();

            assertThat(f.auth.disableUser(id)).isTrue();

            assertThat(f.auth.findUser(id).orElseThrow().disabled()).isTrue();
            assertThat(refusal(() -> f.auth.refresh(pair.refreshToken()))).isEqualTo(AuthError.INVALID_TOKEN);
            assertThat(refusal(() -> f.auth.logIn("alice@example.com", Fixture.PASSWORD))).isEqualTo(AuthError.ACCOUNT_DISABLED);
            assertThat(refusal(() -> f.auth.logIn("alice@example.com", "wrong password")))
                    .isEqualTo(AuthError.INVALID_CREDENTIALS);
            assertThat(f.events(AuthEvent.UserDisabled.class)).hasSize(1);
            assertThat(f.events(AuthEvent.SessionsRevoked.class)).singleElement()
                    .satisfies(e -> assertThat(e.reason()).isEqualTo(RevocationReason.USER_DISABLED));

            assertThat(f.auth.enableUser(id)).isTrue();

            assertThat(f.auth.logIn("alice@example.com", Fixture.PASSWORD)).isNotNull();
            assertThat(refusal(() -> f.auth.refresh(pair.refreshToken()))).as("old sessions stay ended")
                    .isEqualTo(AuthError.INVALID_TOKEN);
            assertThat(f.events(AuthEvent.UserEnabled.class)).hasSize(1);
        }

        @Test
        @DisplayName("a session started by a log-in in flight while the user was disabled is refused at its refresh")
        void inFlightSession() {
            TokenPair pair = f.signUpAndLogIn("alice@example.com");
            String id = f.auth.authenticate(pair.accessToken()).userId();
            f.users.setDisabled(id, true);

            assertThat(refusal(() -> f.auth.refresh(pair.refreshToken()))).isEqualTo(AuthError.INVALID_TOKEN);
            assertThat(f.tokens.findById(pair.sessionId()).orElseThrow().revokeReason())
                    .isEqualTo(RevocationReason.USER_DISABLED.code());
        }

        @Test
        @DisplayName("links sent before the account was disabled are refused while it is, and work again once enabled")
        void linksWhileDisabled() {
            UserAccount alice = f.signUp("alice@example.com");
            String verification = f.lastLink(OneTimeTokenPurpose.EMAIL_VERIFICATION, "alice@example.com");
            f.auth.requestPasswordReset("alice@example.com");
            String reset = f.lastLink(OneTimeTokenPurpose.PASSWORD_RESET, "alice@example.com");
            f.auth.disableUser(alice.id());
            f.sent.clear();

            assertThat(refusal(() -> f.auth.verifyEmail(verification))).isEqualTo(AuthError.ACCOUNT_DISABLED);
            assertThat(refusal(() -> f.auth.resetPassword(reset, "a brand new passphrase")))
                    .isEqualTo(AuthError.ACCOUNT_DISABLED);
            f.auth.requestPasswordReset("alice@example.com");
            assertThat(f.sent).as("nothing is sent to a disabled account").isEmpty();

            f.auth.enableUser(alice.id());
            assertThat(f.auth.verifyEmail(verification).emailVerified()).isTrue();
            assertThat(f.auth.resetPassword(reset, "a brand new passphrase")).isNotNull();
        }

        @Test
        @DisplayName("an unknown user is reported as false")
        void unknown() {
            assertThat(f.auth.disableUser("no-such-user")).isFalse();
            assertThat(f.auth.enableUser("no-such-user")).isFalse();
        }
    }

    @Nested
    @DisplayName("deleting the account")
    class Delete {

        @Test
        @DisplayName("needs the current password, then erases the user, sessions, tokens, devices and attempts")
        void erasesEverything() {
            TokenPair pair = f.signUpAndLogIn("alice@example.com");
            AuthenticatedUser alice = f.auth.authenticate(pair.accessToken());
            f.auth.requestPasswordReset("alice@example.com");
            catchThrowableOfType(AuthException.class, () -> f.auth.logIn("alice@example.com", "wrong password"));
            String resetToken = f.lastLink(OneTimeTokenPurpose.PASSWORD_RESET, "alice@example.com");
            String deviceId = f.events(AuthEvent.LoggedIn.class).get(0).deviceId();
            assertThat(deviceId).isNull();
            assertThat(f.attempts.find("alice@example.com")).isPresent();

            assertThat(refusal(() -> f.auth.deleteAccount(alice, "wrong password"))).isEqualTo(AuthError.INVALID_CREDENTIALS);
            assertThat(refusal(() -> f.auth.deleteAccount(alice, ""))).isEqualTo(AuthError.INVALID_REQUEST);
            f.auth.deleteAccount(alice, Fixture.PASSWORD);

            assertThat(f.auth.findUser(alice.userId())).isEmpty();
            assertThat(f.tokens.findById(pair.sessionId())).isEmpty();
            assertThat(f.oneTimeTokens.findByHash(OneTimeTokens.hashOf(resetToken))).isEmpty();
            assertThat(f.attempts.find("alice@example.com")).isEmpty();
            assertThat(refusal(() -> f.auth.refresh(pair.refreshToken()))).isEqualTo(AuthError.INVALID_TOKEN);
            assertThat(refusal(() -> f.auth.logIn("alice@example.com", Fixture.PASSWORD)))
                    .isEqualTo(AuthError.INVALID_CREDENTIALS);
            assertThat(f.events(AuthEvent.AccountDeleted.class)).singleElement()
                    .satisfies(e -> assertThat(e.userId()).isEqualTo(alice.userId()));
            assertThat(f.signUp("alice@example.com").id()).as("the address is free again").isNotEqualTo(alice.userId());
        }

        @Test
        @DisplayName("with an access token whose session has ended is refused")
        void endedSession() {
            TokenPair pair = f.signUpAndLogIn("alice@example.com");
            AuthenticatedUser alice = f.auth.authenticate(pair.accessToken());
            f.auth.logOut(pair.refreshToken());

            assertThat(refusal(() -> f.auth.deleteAccount(alice, Fixture.PASSWORD))).isEqualTo(AuthError.INVALID_TOKEN);
            assertThat(f.auth.findUser(alice.userId())).isPresent();
        }
    }

    private static AuthError refusal(Runnable call) {
        return catchThrowableOfType(AuthException.class, call::run).error();
    }
}
