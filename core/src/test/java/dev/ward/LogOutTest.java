package dev.ward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ward.internal.token.RefreshTokens;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LogOutTest {

    private final Fixture f = new Fixture();

    @Test
    @DisplayName("log-out ends the session: its refresh token stops working")
    void logOutEndsSession() {
        TokenPair pair = f.signUpAndLogIn("alice@example.com");

        f.auth.logOut(pair.refreshToken());

        AuthException e = catchThrowableOfType(AuthException.class, () -> f.auth.refresh(pair.refreshToken()));
        assertThat(e.error()).isEqualTo(AuthError.INVALID_TOKEN);
        assertThat(f.events(AuthEvent.LoggedOut.class)).singleElement()
                .satisfies(ev -> assertThat(ev.sessionId()).isEqualTo(pair.sessionId()));
    }

    @Test
    @DisplayName("log-out is idempotent: twice, unknown, malformed or of another session is not an error")
    void logOutIsIdempotent() {
        TokenPair pair = f.signUpAndLogIn("alice@example.com");
        f.auth.logOut(pair.refreshToken());

        assertThatCode(() -> {
            f.auth.logOut(pair.refreshToken());
            f.auth.logOut("garbage");
            f.auth.logOut(RefreshTokens.issue(RefreshTokens.newSessionId(), RefreshTokens.newFamilySecret()).token());
        }).doesNotThrowAnyException();
        assertThat(f.events(AuthEvent.LoggedOut.class)).hasSize(1);
    }

    @Test
    @DisplayName("log-out with no token is INVALID_REQUEST")
    void logOutWithoutToken() {
        assertThat(catchThrowableOfType(AuthException.class, () -> f.auth.logOut(null)).error())
                .isEqualTo(AuthError.INVALID_REQUEST);
    }

    @Test
    @DisplayName("a made-up token with a known session id cannot log the session out")
    void forgedTokenCannotLogOut() {
        TokenPair pair = f.signUpAndLogIn("alice@example.com");

        f.auth.logOut(RefreshTokens.issue(pair.sessionId(), RefreshTokens.newFamilySecret()).token());

        assertThat(f.auth.refresh(pair.refreshToken())).isNotNull();
    }

    @Test
    @DisplayName("log out everywhere ends every session of the user and no one else's")
    void logOutEverywhere() {
        TokenPair laptop = f.signUpAndLogIn("alice@example.com");
        TokenPair phone = f.auth.logIn("alice@example.com", Fixture.PASSWORD);
        TokenPair bob = f.signUpAndLogIn("bob@example.com");
        String alice = f.auth.authenticate(laptop.accessToken()).userId();

        assertThat(f.auth.logOutEverywhere(alice)).isEqualTo(2);

        assertThat(catchThrowableOfType(AuthException.class, () -> f.auth.refresh(laptop.refreshToken()))).isNotNull();
        assertThat(catchThrowableOfType(AuthException.class, () -> f.auth.refresh(phone.refreshToken()))).isNotNull();
        assertThat(f.auth.refresh(bob.refreshToken())).isNotNull();
        assertThat(f.auth.sessions(alice)).isEmpty();
        assertThat(f.events(AuthEvent.SessionsRevoked.class)).singleElement()
                .satisfies(e -> assertThat(e.count()).isEqualTo(2));
    }

    @Test
    @DisplayName("sessions lists the user's devices newest first; a user may revoke only their own")
    void listAndRevokeSessions() {
        f.signUp("alice@example.com");
        TokenPair first = f.auth.logIn(new LogInRequest("alice@example.com", Fixture.PASSWORD,
                new ClientInfo("198.51.100.1", "Laptop")));
        f.clock.advance(Duration.ofMinutes(1));
        TokenPair second = f.auth.logIn(new LogInRequest("alice@example.com", Fixture.PASSWORD,
                new ClientInfo("198.51.100.2", "Phone")));
        TokenPair mallory = f.signUpAndLogIn("mallory@example.com");
        String alice = f.auth.authenticate(first.accessToken()).userId();
        String malloryId = f.auth.authenticate(mallory.accessToken()).userId();

        assertThat(f.auth.sessions(alice)).extracting(SessionInfo::id, SessionInfo::userAgent)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(second.sessionId(), "Phone"),
                        org.assertj.core.groups.Tuple.tuple(first.sessionId(), "Laptop"));
        assertThat(f.auth.revokeSession(malloryId, first.sessionId())).isFalse();
        assertThat(f.auth.revokeSession(alice, "no-such-session")).isFalse();
        assertThat(f.auth.revokeSession(alice, first.sessionId())).isTrue();
        assertThat(f.auth.revokeSession(alice, first.sessionId())).isFalse();
        assertThat(f.auth.sessions(alice)).extracting(SessionInfo::id).containsExactly(second.sessionId());
    }
}
