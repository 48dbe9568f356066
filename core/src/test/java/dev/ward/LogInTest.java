package dev.ward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ward.internal.password.BcryptPasswordHasher;
import dev.ward.store.NewUser;
import dev.ward.store.Session;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LogInTest {

    private final Fixture f = new Fixture();

    @Test
    @DisplayName("log-in returns an access token, a refresh token and their expiries, and starts a session")
    void logInReturnsTokenPair() {
        UserAccount alice = f.signUp("alice@example.com");

        TokenPair pair = f.auth.logIn(new LogInRequest("ALICE@example.com ", Fixture.PASSWORD,
                new ClientInfo("203.0.113.9", "Firefox/140")));

        assertThat(pair.accessTokenExpiresAt()).isEqualTo(f.clock.instant().plusSeconds(14 * 60));
        assertThat(pair.refreshTokenExpiresAt()).isEqualTo(f.clock.instant().plus(java.time.Duration.ofDays(30)));
        AuthenticatedUser user = f.auth.authenticate(pair.accessToken());
        assertThat(user.userId()).isEqualTo(alice.id());
        assertThat(user.sessionId()).isEqualTo(pair.sessionId());
        Session session = f.tokens.findById(pair.sessionId()).orElseThrow();
        assertThat(session.clientIp()).isEqualTo("203.0.113.9");
        assertThat(session.userAgent()).isEqualTo("Firefox/140");
        assertThat(session.currentHash()).isNotEqualTo(pair.refreshToken()).doesNotContain(pair.refreshToken());
        assertThat(f.events(AuthEvent.LoggedIn.class)).singleElement()
                .satisfies(e -> assertThat(e.sessionId()).isEqualTo(pair.sessionId()));
    }

    @Test
    @DisplayName("each log-in is its own session: the phone does not log out the laptop")
    void everyLogInIsItsOwnSession() {
        UserAccount alice = f.signUp("alice@example.com");
        TokenPair laptop = f.auth.logIn("alice@example.com", Fixture.PASSWORD);
        TokenPair phone = f.auth.logIn("alice@example.com", Fixture.PASSWORD);

        assertThat(laptop.sessionId()).isNotEqualTo(phone.sessionId());
        assertThat(f.auth.refresh(laptop.refreshToken())).isNotNull();
        assertThat(f.auth.refresh(phone.refreshToken())).isNotNull();
        assertThat(f.auth.sessions(alice.id())).hasSize(2);
    }

    @Test
    @DisplayName("a wrong password and an unknown e-mail give the same error and message")
    void wrongPasswordAndUnknownEmailLookAlike() {
        f.signUp("alice@example.com");

        assertThatThrownBy(() -> f.auth.logIn("alice@example.com", "wrong password!"))
                .isInstanceOfSatisfying(AuthException.class, wrong -> {
                    AuthException unknown = (AuthException) org.assertj.core.api.Assertions.catchThrowable(
                            () -> f.auth.logIn("nobody@example.com", "wrong password!"));
                    assertThat(unknown.error()).isEqualTo(wrong.error()).isEqualTo(AuthError.INVALID_CREDENTIALS);
                    assertThat(unknown.getMessage()).isEqualTo(wrong.getMessage());
                    assertThat(unknown.httpStatus()).isEqualTo(401);
                });
        assertThat(f.events(AuthEvent.LogInFailed.class)).extracting(AuthEvent.LogInFailed::reason)
                .containsExactly(AuthEvent.FailureReason.WRONG_PASSWORD, AuthEvent.FailureReason.UNKNOWN_USER);
    }

    @Test
    @DisplayName("missing or oversized fields are INVALID_REQUEST")
    void invalidRequests() {
        assertThatThrownBy(() -> f.auth.logIn(new LogInRequest("", "", null)))
                .isInstanceOfSatisfying(AuthException.class, e -> {
                    assertThat(e.error()).isEqualTo(AuthError.INVALID_REQUEST);
                    assertThat(e.violations()).extracting(FieldViolation::field).containsExactlyInAnyOrder("email", "password");
                });
        assertThatThrownBy(() -> f.auth.logIn(null)).isInstanceOf(AuthException.class);
        assertThatThrownBy(() -> f.auth.logIn("a@example.com", "p".repeat(4097)))
                .isInstanceOfSatisfying(AuthException.class, e -> assertThat(e.error()).isEqualTo(AuthError.INVALID_REQUEST));
    }

    @Test
    @DisplayName("a password longer than bcrypt reads is a plain wrong password, after the same work")
    void longPasswordIsWrongPassword() {
        f.signUp("alice@example.com");

        assertThatThrownBy(() -> f.auth.logIn("alice@example.com", "x".repeat(100)))
                .isInstanceOfSatisfying(AuthException.class,
                        e -> assertThat(e.error()).isEqualTo(AuthError.INVALID_CREDENTIALS));
    }

    @Nested
    @DisplayName("equal work for unknown users (proved by a counting hasher, not a stopwatch)")
    class EqualWork {

        @Test
        @DisplayName("an unknown e-mail runs exactly one bcrypt check at the configured cost, like a wrong password")
        void unknownEmailRunsOneFullCheck() {
            CountingHasher hasher = new CountingHasher();
            Fixture counted = new Fixture(s -> { }, b -> b.passwordHasher(hasher));
            counted.signUp("alice@example.com");

            assertThatThrownBy(() -> counted.auth.logIn("alice@example.com", "wrong password!"))
                    .isInstanceOf(AuthException.class);
            assertThatThrownBy(() -> counted.auth.logIn("nobody@example.com", "wrong password!"))
                    .isInstanceOf(AuthException.class);
            assertThatThrownBy(() -> counted.auth.logIn("nobody@example.com", "x".repeat(200)))
                    .isInstanceOf(AuthException.class);

            assertThat(hasher.verifiedAgainst).hasSize(3);
            assertThat(hasher.verifiedAgainst).allSatisfy(hash -> assertThat(hash).startsWith("$2a$04$"));
            assertThat(hasher.verifiedAgainst.get(1)).isEqualTo(hasher.dummyHash());
        }
    }

    @Test
    @DisplayName("a hash with a lower cost than configured is re-hashed at the next successful log-in")
    void weakHashIsUpgraded() {
        Fixture cost5 = new Fixture(5, s -> { }, b -> { });
        String oldHash = new BcryptPasswordHasher(4).hash(Fixture.PASSWORD.getBytes(StandardCharsets.UTF_8));
        String id = cost5.users.create(new NewUser("old", "old@example.com", oldHash, Set.of("user"),
                cost5.clock.instant())).id();

        cost5.auth.logIn("old@example.com", Fixture.PASSWORD);

        String upgraded = cost5.users.findById(id).orElseThrow().passwordHash();
        assertThat(upgraded).startsWith("$2a$05$");
        assertThat(cost5.auth.logIn("old@example.com", Fixture.PASSWORD)).isNotNull();
    }

    @Test
    @DisplayName("a password with an unpaired surrogate never verifies, not even against a password with '?' there")
    void loneSurrogateNeverVerifies() {
        f.auth.signUp(new SignUpRequest("q", "q@example.com", "pass?word-long-enough"));

        assertThatThrownBy(() -> f.auth.logIn("q@example.com", "pass\uD800word-long-enough"))
                .isInstanceOfSatisfying(AuthException.class,
                        e -> assertThat(e.error()).isEqualTo(AuthError.INVALID_CREDENTIALS));
        assertThat(f.auth.logIn("q@example.com", "pass?word-long-enough")).isNotNull();
    }

    @Test
    @DisplayName("a stored hash that is not bcrypt never verifies and never throws")
    void malformedStoredHash() {
        f.users.create(new NewUser("odd", "odd@example.com", "not-a-hash", Set.of("user"), f.clock.instant()));

        assertThatThrownBy(() -> f.auth.logIn("odd@example.com", "not-a-hash"))
                .isInstanceOfSatisfying(AuthException.class,
                        e -> assertThat(e.error()).isEqualTo(AuthError.INVALID_CREDENTIALS));
    }
}
