package dev.ward.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ward.AuthError;
import dev.ward.AuthException;
import dev.ward.AuthManager;
import dev.ward.AuthSettings;
import dev.ward.AuthenticatedUser;
import dev.ward.SignUpRequest;
import dev.ward.TokenPair;
import dev.ward.UserAccount;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class WardTestTest {

    private static final TestUser ANN = TestUser.of("user-1", "Ann@Example.com", "user", "admin");

    private final WardTest ward = WardTest.create();

    @Nested
    class AccessTokens {

        @Test
        void accessTokenIsAcceptedWithTheUsersIdAndRoles() {
            AuthenticatedUser user = ward.auth().authenticate(ward.accessToken(ANN));

            assertThat(user.userId()).isEqualTo("user-1");
            assertThat(user.roles()).containsExactly("admin", "user");
            assertThat(user.issuedAt()).isEqualTo(ward.clock().instant());
        }

        @Test
        void accessTokenStoresTheUserWithItsIdEmailAndRolesSoFindUserFindsIt() {
            ward.accessToken(ANN);

            UserAccount account = ward.auth().findUser("user-1").orElseThrow();
            assertThat(account.email()).isEqualTo("ann@example.com");
            assertThat(account.roles()).containsExactly("admin", "user");
            assertThat(account.emailVerified()).isTrue();
        }

        @Test
        void accessTokenForAStoredUserKeepsTheStoredUserAndIssuesAnotherToken() {
            String first = ward.accessToken(ANN);
            String second = ward.accessToken(ANN);

            assertThat(second).isNotEqualTo(first);
            assertThat(ward.auth().authenticate(second).sessionId())
                    .isNotEqualTo(ward.auth().authenticate(first).sessionId());
        }

        @Test
        void accessTokenOfAnotherUserWithATakenEmailIsRefused() {
            ward.accessToken(ANN);

            assertThatThrownBy(() -> ward.accessToken(TestUser.of("user-2", "ann@example.com")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("user-2");
        }

        @Test
        void tokenExpiresWhenTheClockPassesTheAccessTokenLifetimeAndTheSkew() {
            String token = ward.accessToken(ANN);

            ward.clock().advance(Duration.ofMinutes(AuthSettings.DEFAULT_ACCESS_TOKEN_TTL_MINUTES)
                    .plusSeconds(AuthSettings.DEFAULT_CLOCK_SKEW_SECONDS - 1));
            assertThat(ward.auth().authenticate(token).userId()).isEqualTo("user-1");

            ward.clock().advance(Duration.ofSeconds(1));
            assertThatThrownBy(() -> ward.auth().authenticate(token))
                    .isInstanceOfSatisfying(AuthException.class,
                            e -> assertThat(e.error()).isEqualTo(AuthError.TOKEN_EXPIRED));
        }
    }

    @Nested
    class LogIn {

        @Test
        void logInGivesASessionWhoseRefreshTokenRotates() {
            TokenPair pair = ward.logIn(ANN);

            AuthenticatedUser user = ward.auth().authenticate(pair.accessToken());
            assertThat(user.userId()).isEqualTo("user-1");
            assertThat(user.roles()).containsExactly("admin", "user");
            TokenPair refreshed = ward.auth().refresh(pair.refreshToken());
            assertThat(refreshed.refreshToken()).isNotEqualTo(pair.refreshToken());
            assertThat(ward.auth().authenticate(refreshed.accessToken()).sessionId()).isEqualTo(user.sessionId());
        }

        @Test
        void logInTwiceGivesTwoSessionsThatBothStayActive() {
            TokenPair first = ward.logIn(ANN);
            TokenPair second = ward.logIn(ANN);

            assertThat(ward.auth().sessions("user-1")).hasSize(2);
            assertThat(ward.auth().refresh(first.refreshToken())).isNotNull();
            assertThat(ward.auth().refresh(second.refreshToken())).isNotNull();
        }

        @Test
        void logInOfAUserStoredByAccessTokenSetsTheKnownPassword() {
            ward.accessToken(ANN);

            ward.logIn(ANN);

            assertThat(ward.auth().logIn("ann@example.com", WardTest.PASSWORD).refreshToken()).isNotBlank();
        }

        @Test
        void aUserStoredOnlyByAccessTokenCannotLogInWithAnyPassword() {
            ward.accessToken(ANN);

            assertThatThrownBy(() -> ward.auth().logIn("ann@example.com", WardTest.PASSWORD))
                    .isInstanceOfSatisfying(AuthException.class,
                            e -> assertThat(e.error()).isEqualTo(AuthError.INVALID_CREDENTIALS));
        }

        @Test
        void logInWorksWhenSettingsRequireAVerifiedEmail() {
            WardTest strict = WardTest.create(s -> s.requireVerifiedEmail(true));

            assertThat(strict.logIn(ANN).accessToken()).isNotBlank();
        }
    }

    @Nested
    class Reset {

        @Test
        void resetForgetsUsersSessionsAndSignUps() {
            TokenPair pair = ward.logIn(ANN);
            UserAccount signedUp = ward.auth().signUp(new SignUpRequest("bob", "bob@example.com", "a long enough pass phrase"));

            ward.reset();

            assertThat(ward.auth().findUser("user-1")).isEmpty();
            assertThat(ward.auth().findUser(signedUp.id())).isEmpty();
            assertThatThrownBy(() -> ward.auth().refresh(pair.refreshToken()))
                    .isInstanceOf(AuthException.class);
            assertThat(ward.auth().signUp(new SignUpRequest("bob", "bob@example.com", "a long enough pass phrase")))
                    .isNotNull();
        }

        @Test
        void resetPutsTheClockBackToItsStart() {
            Instant start = ward.clock().instant();
            ward.clock().advance(Duration.ofDays(3));

            ward.reset();

            assertThat(ward.clock().instant()).isEqualTo(start);
        }

        @Test
        void resetKeepsTheManagerAndItsKey() {
            AuthManager before = ward.auth();
            String token = ward.accessToken(ANN);

            ward.reset();

            assertThat(ward.auth()).isSameAs(before);
            assertThat(ward.auth().authenticate(token).userId()).isEqualTo("user-1");
        }

        @Test
        void resetLiftsALogInLock() {
            ward.logIn(ANN);
            for (int i = 0; i < AuthSettings.DEFAULT_LOCKOUT_THRESHOLD; i++) {
                assertThatThrownBy(() -> ward.auth().logIn("ann@example.com", "not the password at all"))
                        .isInstanceOf(AuthException.class);
            }
            assertThatThrownBy(() -> ward.logIn(ANN)).isInstanceOfSatisfying(AuthException.class,
                    e -> assertThat(e.error()).isEqualTo(AuthError.TOO_MANY_ATTEMPTS));

            ward.reset();

            assertThat(ward.logIn(ANN).accessToken()).isNotBlank();
        }
    }

    @Nested
    class Settings {

        @Test
        void createAppliesTheTestsSettingsToTokensAndManager() {
            WardTest custom = WardTest.create(s -> s.issuer("https://auth.example.com").audience("shop")
                    .accessTokenTtl(Duration.ofMinutes(2)));

            String token = custom.accessToken(ANN);
            assertThat(custom.auth().authenticate(token).expiresAt())
                    .isEqualTo(custom.clock().instant().plus(Duration.ofMinutes(2)));
            assertThatThrownBy(() -> ward.auth().authenticate(token)).isInstanceOf(AuthException.class);
        }

        @Test
        void strictSessionsAcceptTheAccessTokenOfAStoredSession() {
            WardTest strict = WardTest.create(s -> s.strictSessions(true));

            String token = strict.accessToken(ANN);

            assertThat(strict.auth().authenticate(token).userId()).isEqualTo("user-1");
            assertThatThrownBy(() -> strict.auth().authenticate(strict.tokens().accessToken(ANN)))
                    .isInstanceOfSatisfying(AuthException.class,
                            e -> assertThat(e.error()).isEqualTo(AuthError.INVALID_TOKEN));
        }

        @Test
        void bcryptRunsAtItsMinimumCost() {
            ward.logIn(ANN);

            assertThat(ward.settings().bcryptCost()).isEqualTo(AuthSettings.MIN_BCRYPT_COST);
            assertThat(storedHash(ward, "user-1")).startsWith("$2a$04$");
        }

        @Test
        void aCostOtherThanTheDefaultIsKept() {
            WardTest costly = WardTest.create(s -> s.bcryptCost(5));

            costly.logIn(ANN);

            assertThat(storedHash(costly, "user-1")).startsWith("$2a$05$");
        }

        @Test
        void invalidSettingsAreReported() {
            assertThatThrownBy(() -> WardTest.create(s -> s.accessTokenTtl(Duration.ZERO)))
                    .isInstanceOf(RuntimeException.class);
        }
    }

    private static String storedHash(WardTest ward, String userId) {
        return ward.users().findById(userId).orElseThrow().passwordHash();
    }
}
