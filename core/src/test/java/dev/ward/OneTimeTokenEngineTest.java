package dev.ward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ward.internal.token.RefreshTokens;
import dev.ward.store.OneTimeTokenPurpose;
import dev.ward.store.tck.Concurrently;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The single-use token engine, seen through e-mail verification, the simplest flow that uses it. */
class OneTimeTokenEngineTest {

    private final Fixture f = new Fixture();

    private String verificationLink(String email) {
        return f.lastLink(OneTimeTokenPurpose.EMAIL_VERIFICATION, email);
    }

    private AuthError refusal(Runnable call) {
        return catchThrowableOfType(AuthException.class, call::run).error();
    }

    @Nested
    @DisplayName("a token")
    class Tokens {

        @Test
        @DisplayName("is 256 random bits in 43 URL-safe characters, and only its SHA-256 is stored")
        void randomUrlSafeAndStoredAsHashOnly() {
            f.signUp("alice@example.com");
            f.signUp("bob@example.com");
            String alice = verificationLink("alice@example.com");
            String bob = verificationLink("bob@example.com");

            assertThat(alice).hasSize(43).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(bob);
            assertThat(f.oneTimeTokens.findByHash(alice)).isEmpty();
            assertThat(f.oneTimeTokens.findByHash(OneTimeTokens.hashOf(alice))).isPresent()
                    .get().extracting(t -> t.purpose()).isEqualTo(OneTimeTokenPurpose.EMAIL_VERIFICATION);
            assertThat(OneTimeTokens.hashOf(alice)).isNotEqualTo(alice).hasSize(43);
            assertThat(f.oneTimeTokens.findByHash(OneTimeTokens.hashOf(alice)).orElseThrow().toString())
                    .doesNotContain(alice).doesNotContain(OneTimeTokens.hashOf(alice));
        }

        @Test
        @DisplayName("works once: the second use is refused")
        void usedTwice() {
            f.signUp("alice@example.com");
            String token = verificationLink("alice@example.com");

            assertThat(f.auth.verifyEmail(token).emailVerified()).isTrue();
            assertThat(refusal(() -> f.auth.verifyEmail(token))).isEqualTo(AuthError.INVALID_ONE_TIME_TOKEN);
        }

        @Test
        @DisplayName("used by many threads at once works for exactly one")
        void usedConcurrently() {
            f.signUp("alice@example.com");
            String token = verificationLink("alice@example.com");

            List<Concurrently.Outcome<UserAccount>> outcomes = Concurrently.run(8, i -> () -> f.auth.verifyEmail(token));

            assertThat(outcomes).filteredOn(Concurrently.Outcome::succeeded).hasSize(1);
            assertThat(outcomes).filteredOn(o -> !o.succeeded())
                    .allSatisfy(o -> assertThat(((AuthException) o.failure()).error())
                            .isEqualTo(AuthError.INVALID_ONE_TIME_TOKEN));
            assertThat(f.events(AuthEvent.EmailVerified.class)).hasSize(1);
        }

        @Test
        @DisplayName("expires after its lifetime, to the millisecond")
        void expires() {
            f.signUp("alice@example.com");
            String token = verificationLink("alice@example.com");

            f.clock.advance(Duration.ofHours(AuthSettings.DEFAULT_EMAIL_VERIFICATION_TOKEN_LIFETIME_HOURS));

            assertThat(refusal(() -> f.auth.verifyEmail(token))).isEqualTo(AuthError.INVALID_ONE_TIME_TOKEN);
        }

        @Test
        @DisplayName("works until the last millisecond of its lifetime")
        void worksUntilExpiry() {
            f.signUp("alice@example.com");
            String token = verificationLink("alice@example.com");

            f.clock.advance(Duration.ofHours(AuthSettings.DEFAULT_EMAIL_VERIFICATION_TOKEN_LIFETIME_HOURS).minusMillis(1));

            assertThat(f.auth.verifyEmail(token).emailVerified()).isTrue();
        }

        @Test
        @DisplayName("is superseded by a newer one of its purpose")
        void supersededByNewer() {
            f.signUp("alice@example.com");
            String first = verificationLink("alice@example.com");

            assertThat(f.auth.requestEmailVerification(f.users.findByEmail("alice@example.com").orElseThrow().id()))
                    .isTrue();
            String second = verificationLink("alice@example.com");

            assertThat(second).isNotEqualTo(first);
            assertThat(refusal(() -> f.auth.verifyEmail(first))).isEqualTo(AuthError.INVALID_ONE_TIME_TOKEN);
            assertThat(f.auth.verifyEmail(second).emailVerified()).isTrue();
        }

        @Test
        @DisplayName("of another purpose is refused and not burnt")
        void otherPurposeRefusedAndKept() {
            f.signUp("alice@example.com");
            String verification = verificationLink("alice@example.com");

            assertThat(refusal(() -> f.auth.resetPassword(verification, "a brand new passphrase")))
                    .isEqualTo(AuthError.INVALID_ONE_TIME_TOKEN);
            assertThat(refusal(() -> f.auth.confirmEmailChange(verification)))
                    .isEqualTo(AuthError.INVALID_ONE_TIME_TOKEN);

            assertThat(f.auth.verifyEmail(verification).emailVerified()).isTrue();
            assertThat(f.auth.logIn("alice@example.com", Fixture.PASSWORD)).isNotNull();
        }

        @Test
        @DisplayName("of another user verifies only that user")
        void otherUsersTokenVerifiesOnlyItsUser() {
            UserAccount alice = f.signUp("alice@example.com");
            UserAccount bob = f.signUp("bob@example.com");

            UserAccount verified = f.auth.verifyEmail(verificationLink("bob@example.com"));

            assertThat(verified.id()).isEqualTo(bob.id());
            assertThat(f.auth.findUser(alice.id()).orElseThrow().emailVerified()).isFalse();
        }

        @ParameterizedTest
        @NullSource
        @ValueSource(strings = {"", " ", "short", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
                "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB", "ééééééééééééééééééééééééééééééééééééééééééé",
                "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/"})
        @DisplayName("that is malformed is refused without reaching the store")
        void malformed(String token) {
            assertThat(refusal(() -> f.auth.verifyEmail(token))).isEqualTo(AuthError.INVALID_ONE_TIME_TOKEN);
        }

        @Test
        @DisplayName("that is well-formed but unknown is refused")
        void unknown() {
            String random = dev.ward.internal.token.Base64Url.encode(RefreshTokens.randomBytes(32));

            assertThat(refusal(() -> f.auth.verifyEmail(random))).isEqualTo(AuthError.INVALID_ONE_TIME_TOKEN);
        }
    }

    @Nested
    @DisplayName("housekeeping")
    class Housekeeping {

        @Test
        @DisplayName("purgeExpired deletes ended single-use tokens with the rest")
        void purged() {
            f.signUp("alice@example.com");
            String token = verificationLink("alice@example.com");
            f.clock.advance(Duration.ofDays(3));

            while (f.auth.purgeExpired(100) > 0) {
                // each call is bounded
            }

            assertThat(f.oneTimeTokens.findByHash(OneTimeTokens.hashOf(token))).isEmpty();
        }

        @Test
        @DisplayName("without a one-time token store the lifecycle says what is missing, and sign-up sends nothing")
        void withoutStore() {
            java.util.List<Notification> sent = new java.util.ArrayList<>();
            AuthManager bare = AuthManager.builder()
                    .userRepository(new dev.ward.store.memory.InMemoryUserRepository())
                    .tokenStore(new dev.ward.store.memory.InMemoryTokenStore())
                    .loginAttemptStore(new dev.ward.store.memory.InMemoryLoginAttemptStore())
                    .signingKey(JwtKey.hmac("k", Fixture.SECRET))
                    .settings(AuthSettings.builder().bcryptCost(4).build())
                    .notifier(sent::add)
                    .build();

            bare.signUp(new SignUpRequest("A", "alice@example.com", Fixture.PASSWORD));

            assertThat(sent).isEmpty();
            assertThat(catchThrowableOfType(IllegalStateException.class, () -> bare.verifyEmail("x")))
                    .hasMessageContaining("oneTimeTokenStore");
            assertThat(catchThrowableOfType(IllegalStateException.class,
                    () -> bare.requestPasswordReset("alice@example.com"))).hasMessageContaining("oneTimeTokenStore");
        }

        @Test
        @DisplayName("settings that need a one-time token store are refused without one")
        void settingsNeedStore() {
            ConfigurationException e = catchThrowableOfType(ConfigurationException.class, () -> AuthManager.builder()
                    .userRepository(new dev.ward.store.memory.InMemoryUserRepository())
                    .tokenStore(new dev.ward.store.memory.InMemoryTokenStore())
                    .loginAttemptStore(new dev.ward.store.memory.InMemoryLoginAttemptStore())
                    .signingKey(JwtKey.hmac("k", Fixture.SECRET))
                    .settings(AuthSettings.builder().requireVerifiedEmail(true).logInLinks(true).build())
                    .build());

            assertThat(e.optionProblems()).extracting(ConfigurationException.Problem::option)
                    .containsExactly("oneTimeTokenStore", "oneTimeTokenStore");
        }

        @Test
        @DisplayName("a notifier that throws does not fail the request, and its failure is not repeated to the caller")
        void failingNotifier() {
            Fixture failing = new Fixture();
            AuthManager auth = AuthManager.builder()
                    .userRepository(failing.users).tokenStore(failing.tokens).loginAttemptStore(failing.attempts)
                    .signingKey(JwtKey.hmac("k", Fixture.SECRET)).clock(failing.clock)
                    .settings(AuthSettings.builder().bcryptCost(4).build())
                    .oneTimeTokenStore(failing.oneTimeTokens)
                    .notifier(message -> {
                        throw new IllegalStateException("smtp down");
                    })
                    .build();

            UserAccount alice = auth.signUp(new SignUpRequest("A", "alice@example.com", Fixture.PASSWORD));
            auth.requestPasswordReset("alice@example.com");

            assertThat(alice.emailVerified()).isFalse();
            assertThat(failing.oneTimeTokens.purge(failing.clock.instant().plus(Duration.ofDays(9)), 100)).isEqualTo(2);
        }
    }
}
