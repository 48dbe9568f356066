package dev.ward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Text that no store keeps alike, or that would make a look-alike account, is refused at
 * validation with {@code INVALID_REQUEST} (400) before any store call, on every store.
 */
class InputEdgesTest {

    private final Fixture f = new Fixture();

    private static AuthException thrown(Runnable call) {
        return catchThrowableOfType(AuthException.class, call::run);
    }

    @Nested
    @DisplayName("e-mail addresses")
    class EmailAddresses {

        @ParameterizedTest(name = "U+{0} is refused in the local part and the domain")
        @ValueSource(strings = {"200B", "200C", "200D", "2060", "FEFF", "202E", "00AD", "034F", "180E", "FE0F",
                "E0041"})
        @DisplayName("an invisible or format character makes no look-alike account, at sign-up or log-in")
        void invisibleCharactersAreRefused(String hex) {
            String invisible = Character.toString(Integer.parseInt(hex, 16));
            f.signUp("alice@example.com");

            for (String lookAlike : new String[] {"ali" + invisible + "ce@example.com", "alice@exam" + invisible + "ple.com"}) {
                AuthException signUp = thrown(() -> f.signUp(lookAlike));
                assertThat(signUp.error()).isEqualTo(AuthError.INVALID_REQUEST);
                assertThat(signUp.violations()).contains(
                        new FieldViolation("email", "must not contain invisible characters"));
                AuthException logIn = thrown(() -> f.auth.logIn(lookAlike, Fixture.PASSWORD));
                assertThat(logIn.error()).isEqualTo(AuthError.INVALID_REQUEST);
            }
            assertThat(f.users.size()).isEqualTo(1);
            assertThat(f.events(AuthEvent.LogInFailed.class)).isEmpty();
        }

        @Test
        @DisplayName("an address that NFKC lengthens past 254 characters is refused before it is counted or hashed")
        void lengthIsCheckedAfterNormalisation() {
            // U+FDFA is one character that NFKC spells with 18.
            String address = "\uFDFA".repeat(14) + "@example.com";
            assertThat(address).hasSizeLessThan(254);

            AuthException logIn = thrown(() -> f.auth.logIn(address, Fixture.PASSWORD));
            AuthException signUp = thrown(() -> f.signUp(address));

            assertThat(logIn.error()).isEqualTo(AuthError.INVALID_REQUEST);
            assertThat(logIn.violations()).extracting(FieldViolation::field).containsExactly("email");
            assertThat(signUp.error()).isEqualTo(AuthError.INVALID_REQUEST);
            assertThat(f.events(AuthEvent.LogInFailed.class)).isEmpty();
            assertThat(f.attempts.size()).isZero();
        }
    }

    @Nested
    @DisplayName("text no store keeps alike")
    class ControlCharacters {

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"nul\u0000", "bell\u0007", "del\u007F", "c1\u0085", "lone \uD800 surrogate",
                "noncharacter \uFFFF"})
        @DisplayName("a control character, unpaired surrogate or noncharacter in the user name is a 400")
        void userName(String userName) {
            AuthException e = thrown(() -> f.auth.signUp(new SignUpRequest(userName, "dan@example.com", Fixture.PASSWORD)));

            assertThat(e.error()).isEqualTo(AuthError.INVALID_REQUEST);
            assertThat(e.httpStatus()).isEqualTo(400);
            assertThat(e.violations()).containsExactly(
                    new FieldViolation("userName", "must not contain control characters or broken Unicode"));
            assertThat(f.users.size()).isZero();
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"e\u0000ve@example.com", "eve@example.com\u0001", "e\uDC00ve@example.com"})
        @DisplayName("a control character or unpaired surrogate in the e-mail is a 400 at sign-up and log-in")
        void email(String email) {
            AuthException signUp = thrown(() -> f.signUp(email));
            AuthException logIn = thrown(() -> f.auth.logIn(email, Fixture.PASSWORD));

            assertThat(signUp.violations()).contains(
                    new FieldViolation("email", "must not contain control characters or broken Unicode"));
            assertThat(logIn.violations()).containsExactly(
                    new FieldViolation("email", "must not contain control characters or broken Unicode"));
            assertThat(f.attempts.size()).isZero();
        }

        @Test
        @DisplayName("a session id with a NUL or broken Unicode is no session of the user, not a store call")
        void sessionIdWithControlCharacters() {
            TokenPair pair = f.signUpAndLogIn("gina@example.com");
            String userId = f.auth.authenticate(pair.accessToken()).userId();

            assertThat(f.auth.revokeSession(userId, pair.sessionId() + "\u0000")).isFalse();
            assertThat(f.auth.revokeSession(userId, "\uD800")).isFalse();
            assertThat(f.auth.sessions(userId)).hasSize(1);
        }

        @Test
        @DisplayName("resetLoginAttempts with an address no account can have does nothing and never calls the store")
        void resetLoginAttemptsWithControlCharacters() {
            dev.ward.store.LoginAttemptStore attempts =
                    org.mockito.Mockito.spy(new dev.ward.store.memory.InMemoryLoginAttemptStore());
            AuthManager auth = AuthManager.builder().userRepository(new dev.ward.store.memory.InMemoryUserRepository())
                    .tokenStore(new dev.ward.store.memory.InMemoryTokenStore()).loginAttemptStore(attempts)
                    .signingKey(JwtKey.hmac("k", Fixture.SECRET)).build();

            auth.resetLoginAttempts("nul\u0000@example.com");
            auth.resetLoginAttempts("zw\u200Bsp@example.com");
            auth.resetLoginAttempts("a".repeat(300) + "@example.com");
            org.mockito.Mockito.verifyNoInteractions(attempts);
            auth.resetLoginAttempts(" Gina@Example.com ");
            org.mockito.Mockito.verify(attempts).reset("gina@example.com");
        }

        @Test
        @DisplayName("a client's user agent or address with control characters is recorded with U+FFFD, not refused")
        void clientInfoIsCleaned() {
            ClientInfo client = new ClientInfo("10.0.0.1\u0000", "agent\u0000/1.0 \uD800 🐢");

            assertThat(client.ip()).isEqualTo("10.0.0.1\uFFFD");
            assertThat(client.userAgent()).isEqualTo("agent\uFFFD/1.0 \uFFFD 🐢");
            f.signUp("frank@example.com");
            assertThat(f.auth.logIn(new LogInRequest("frank@example.com", Fixture.PASSWORD, client))).isNotNull();
        }

        @Test
        @DisplayName("a user name of any script, with emoji, is still accepted")
        void unicodeNamesPass() {
            UserAccount account = f.auth.signUp(new SignUpRequest("Zoë 山田 🐢", "zoe@example.com", Fixture.PASSWORD));

            assertThat(account.userName()).isEqualTo("Zoë 山田 🐢");
        }
    }
}
