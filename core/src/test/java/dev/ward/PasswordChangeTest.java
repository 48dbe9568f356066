package dev.ward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PasswordChangeTest {

    private final Fixture f = new Fixture();

    @Test
    @DisplayName("changing the password re-keys the current session and ends every other one")
    void changeKeepsCurrentSession() {
        TokenPair here = f.signUpAndLogIn("alice@example.com");
        TokenPair there = f.auth.logIn("alice@example.com", Fixture.PASSWORD);
        AuthenticatedUser user = f.auth.authenticate(here.accessToken());

        TokenPair kept = f.auth.changePassword(user, Fixture.PASSWORD, "a brand new passphrase");

        assertThat(f.auth.refresh(kept.refreshToken())).isNotNull();
        assertThat(catchThrowableOfType(AuthException.class, () -> f.auth.refresh(here.refreshToken())).error())
                .isEqualTo(AuthError.INVALID_TOKEN);
        assertThat(catchThrowableOfType(AuthException.class, () -> f.auth.refresh(there.refreshToken())).error())
                .isEqualTo(AuthError.INVALID_TOKEN);
        assertThat(catchThrowableOfType(AuthException.class, () -> f.auth.logIn("alice@example.com", Fixture.PASSWORD))
                .error()).isEqualTo(AuthError.INVALID_CREDENTIALS);
        assertThat(f.auth.logIn("alice@example.com", "a brand new passphrase")).isNotNull();
        assertThat(f.events(AuthEvent.PasswordChanged.class)).hasSize(1);
        assertThat(f.sent(Notification.PasswordChanged.class)).singleElement()
                .satisfies(n -> assertThat(n.recipient()).isEqualTo("alice@example.com"));
    }

    @Test
    @DisplayName("a wrong current password or a weak new one is refused, and nothing changes")
    void wrongCurrentOrWeakNew() {
        TokenPair pair = f.signUpAndLogIn("alice@example.com");
        AuthenticatedUser user = f.auth.authenticate(pair.accessToken());

        assertThat(catchThrowableOfType(AuthException.class,
                () -> f.auth.changePassword(user, "not my password", "a brand new passphrase")).error())
                .isEqualTo(AuthError.INVALID_CREDENTIALS);
        AuthException weak = catchThrowableOfType(AuthException.class,
                () -> f.auth.changePassword(user, Fixture.PASSWORD, "password"));
        assertThat(weak.error()).isEqualTo(AuthError.INVALID_REQUEST);
        assertThat(weak.violations()).extracting(FieldViolation::field).containsOnly("newPassword");
        assertThat(f.auth.logIn("alice@example.com", Fixture.PASSWORD)).isNotNull();
    }

    @Test
    @DisplayName("a reset sets the password, ends every session and lifts the lock")
    void resetEndsEverythingAndUnlocks() {
        TokenPair pair = f.signUpAndLogIn("alice@example.com");
        String userId = f.auth.authenticate(pair.accessToken()).userId();
        for (int i = 0; i < 5; i++) {
            catchThrowableOfType(AuthException.class, () -> f.auth.logIn("alice@example.com", "wrong password"));
        }
        assertThat(catchThrowableOfType(AuthException.class, () -> f.auth.logIn("alice@example.com", Fixture.PASSWORD))
                .error()).isEqualTo(AuthError.TOO_MANY_ATTEMPTS);

        assertThat(f.auth.setPassword(userId, "a brand new passphrase")).isTrue();
        assertThat(f.sent(Notification.PasswordChanged.class)).hasSize(1);

        assertThat(catchThrowableOfType(AuthException.class, () -> f.auth.refresh(pair.refreshToken()))).isNotNull();
        assertThat(f.auth.logIn("alice@example.com", "a brand new passphrase")).isNotNull();
        assertThat(f.auth.setPassword("unknown-user", "a brand new passphrase")).isFalse();
    }
}
