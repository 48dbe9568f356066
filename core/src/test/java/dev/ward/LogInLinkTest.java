package dev.ward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ward.store.OneTimeTokenPurpose;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("log-in links")
class LogInLinkTest {

    private static final ClientInfo CLIENT = new ClientInfo("192.0.2.1", "test");

    @Test
    @DisplayName("are off by default: both calls say so")
    void offByDefault() {
        Fixture f = new Fixture();
        f.signUp("alice@example.com");

        assertThat(catchThrowableOfType(AuthException.class, () -> f.auth.requestLogInLink("alice@example.com", CLIENT))
                .error()).isEqualTo(AuthError.NOT_ENABLED);
        assertThat(catchThrowableOfType(AuthException.class, () -> f.auth.logInWithLink("x", CLIENT)).error())
                .isEqualTo(AuthError.NOT_ENABLED);
        assertThat(AuthError.NOT_ENABLED.httpStatus()).isEqualTo(404);
    }

    @Test
    @DisplayName("when on, a link valid for 15 minutes logs in once and verifies the address")
    void logsInOnce() {
        Fixture f = new Fixture(s -> s.logInLinks(true));
        UserAccount alice = f.signUp("alice@example.com");
        f.sent.clear();

        f.auth.requestLogInLink("alice@example.com", CLIENT);
        f.auth.requestLogInLink("nobody@example.com", CLIENT);

        Notification.OneTimeLink link = f.sent(Notification.OneTimeLink.class).get(0);
        assertThat(f.sent).hasSize(1);
        assertThat(link.expiresAt()).isEqualTo(f.clock.instant().plus(Duration.ofMinutes(15)));
        TokenPair pair = f.auth.logInWithLink(link.token(), CLIENT);
        assertThat(f.auth.authenticate(pair.accessToken()).userId()).isEqualTo(alice.id());
        assertThat(f.auth.refresh(pair.refreshToken())).isNotNull();
        assertThat(f.auth.findUser(alice.id()).orElseThrow().emailVerified()).isTrue();
        assertThat(f.events(AuthEvent.LoggedIn.class)).hasSize(1);
        assertThat(catchThrowableOfType(AuthException.class, () -> f.auth.logInWithLink(link.token(), CLIENT)).error())
                .isEqualTo(AuthError.INVALID_ONE_TIME_TOKEN);
    }

    @Test
    @DisplayName("expire after their lifetime, and a disabled account cannot use one")
    void expiryAndDisabled() {
        Fixture f = new Fixture(s -> s.logInLinks(true));
        UserAccount alice = f.signUp("alice@example.com");
        f.auth.requestLogInLink("alice@example.com", CLIENT);
        String expired = f.lastLink(OneTimeTokenPurpose.LOG_IN_LINK, "alice@example.com");
        f.clock.advance(Duration.ofMinutes(15));
        assertThat(catchThrowableOfType(AuthException.class, () -> f.auth.logInWithLink(expired, CLIENT)).error())
                .isEqualTo(AuthError.INVALID_ONE_TIME_TOKEN);

        f.auth.requestLogInLink("alice@example.com", CLIENT);
        String fresh = f.lastLink(OneTimeTokenPurpose.LOG_IN_LINK, "alice@example.com");
        f.auth.disableUser(alice.id());

        assertThat(catchThrowableOfType(AuthException.class, () -> f.auth.logInWithLink(fresh, CLIENT)).error())
                .isEqualTo(AuthError.ACCOUNT_DISABLED);
    }

    @Test
    @DisplayName("are throttled per address like password resets")
    void throttled() {
        Fixture f = new Fixture(s -> s.logInLinks(true));
        f.signUp("alice@example.com");
        f.sent.clear();

        for (int i = 0; i < 10; i++) {
            f.auth.requestLogInLink("alice@example.com", ClientInfo.UNKNOWN);
        }

        assertThat(f.sent).hasSize(LinkRequestThrottle.PER_ADDRESS);
    }
}
