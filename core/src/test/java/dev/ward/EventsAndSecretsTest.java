package dev.ward;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ward.store.User;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EventsAndSecretsTest {

    @Test
    @DisplayName("a listener that throws never breaks authentication")
    void throwingListener() {
        AtomicInteger calls = new AtomicInteger();
        Fixture f = new Fixture(s -> { }, b -> { });
        Fixture throwing = new Fixture(s -> { }, b -> { });
        AuthManager auth = AuthManager.builder()
                .userRepository(throwing.users)
                .tokenStore(throwing.tokens)
                .loginAttemptStore(throwing.attempts)
                .signingKey(JwtKey.hmac("k", Fixture.SECRET))
                .settings(AuthSettings.builder().bcryptCost(4).build())
                .eventListener(event -> {
                    calls.incrementAndGet();
                    throw new IllegalStateException("listener bug");
                })
                .build();

        auth.signUp(new SignUpRequest("alice", "alice@example.com", Fixture.PASSWORD));
        TokenPair pair = auth.logIn("alice@example.com", Fixture.PASSWORD);
        TokenPair next = auth.refresh(pair.refreshToken());
        auth.logOut(next.refreshToken());

        assertThat(calls.get()).isEqualTo(4);
        assertThat(f.events).isEmpty();
    }

    @Test
    @DisplayName("events carry no secret")
    void eventsCarryNoSecret() {
        Fixture f = new Fixture();
        TokenPair pair = f.signUpAndLogIn("alice@example.com");
        f.auth.refresh(pair.refreshToken());
        try {
            f.auth.logIn("alice@example.com", "wrong password!");
        } catch (AuthException expected) {
            // the failure is what we want an event for
        }

        assertThat(f.events).isNotEmpty().allSatisfy(event -> assertThat(event.toString())
                .doesNotContain(Fixture.PASSWORD, "wrong password!", pair.refreshToken(), pair.accessToken(), "$2a$"));
    }

    @Test
    @DisplayName("toString of requests, results, keys and users shows no secret")
    void toStringShowsNoSecret() {
        Fixture f = new Fixture();
        TokenPair pair = f.signUpAndLogIn("alice@example.com");
        User user = f.users.findByEmail("alice@example.com").orElseThrow();
        JwtKey key = JwtKey.hmac("k", Fixture.SECRET);
        JwtKey ec = JwtKey.generate(JwtAlgorithm.ES256);

        assertThat(new SignUpRequest("a", "a@example.com", "hunter2hunter2").toString()).doesNotContain("hunter2");
        assertThat(new LogInRequest("a@example.com", "hunter2hunter2").toString()).doesNotContain("hunter2");
        assertThat(pair.toString()).doesNotContain(pair.accessToken(), pair.refreshToken());
        assertThat(user.toString()).doesNotContain(user.passwordHash());
        assertThat(key.toString()).doesNotContain(new String(Fixture.SECRET, java.nio.charset.StandardCharsets.US_ASCII));
        assertThat(ec.toString()).doesNotContain(ec.toPrivateJwk().substring(0, 10)).contains("ES256");
        assertThat(f.auth.toString()).doesNotContain(new String(Fixture.SECRET, java.nio.charset.StandardCharsets.US_ASCII));
        assertThat(f.tokens.findById(pair.sessionId()).orElseThrow().toString()).doesNotContain("Hash=");
    }
}
