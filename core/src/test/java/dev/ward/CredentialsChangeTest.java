package dev.ward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ward.store.Session;
import dev.ward.store.TokenStore;
import dev.ward.store.UserRepository;
import dev.ward.store.memory.InMemoryLoginAttemptStore;
import dev.ward.store.memory.InMemoryTokenStore;
import dev.ward.store.memory.InMemoryUserRepository;
import dev.ward.store.tck.MutableClock;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("a credentials change ends every session, including log-ins in flight")
class CredentialsChangeTest {

    private static final String EMAIL = "alice@example.com";
    private static final String NEW_PASSWORD = "a brand new passphrase";

    /** Parks the first call of one store method, before it reaches the store, until released. */
    private static final class Park {
        final CountDownLatch parked = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        private final String method;
        private volatile boolean armed;

        Park(String method) {
            this.method = method;
        }

        void arm() {
            armed = true;
        }

        <T> T around(Class<T> type, T real) {
            return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, m, args) -> {
                if (armed && m.getName().equals(method)) {
                    armed = false;
                    parked.countDown();
                    if (!release.await(10, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("never released");
                    }
                }
                try {
                    return m.invoke(real, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }));
        }

        /** Runs the call on another thread and returns once it is parked. */
        <T> CompletableFuture<T> parkDuring(Supplier<T> call) throws InterruptedException {
            arm();
            CompletableFuture<T> inFlight = CompletableFuture.supplyAsync(call);
            assertThat(parked.await(10, TimeUnit.SECONDS)).as("parked").isTrue();
            return inFlight;
        }

        <T> T finish(CompletableFuture<T> inFlight) throws Exception {
            release.countDown();
            return inFlight.get(10, TimeUnit.SECONDS);
        }
    }

    private final MutableClock clock = MutableClock.at(Fixture.START);
    private final InMemoryUserRepository users = new InMemoryUserRepository();
    private final InMemoryTokenStore tokens = new InMemoryTokenStore();
    private final InMemoryLoginAttemptStore attempts = new InMemoryLoginAttemptStore();
    /** Parks a log-in after it read the user and checked the password, before its session is stored. */
    private final Park beforeSession = new Park("create");

    private AuthManager node(UserRepository userStore, TokenStore tokenStore, int bcryptCost, boolean strict) {
        return AuthManager.builder()
                .userRepository(userStore)
                .tokenStore(tokenStore)
                .loginAttemptStore(attempts)
                .signingKey(JwtKey.hmac("test-key", Fixture.SECRET))
                .clock(clock)
                .settings(AuthSettings.builder().bcryptCost(bcryptCost).strictSessions(strict).build())
                .build();
    }

    private AuthManager parkingNode(boolean strict) {
        return node(users, beforeSession.around(TokenStore.class, tokens), 4, strict);
    }

    private String signUp(AuthManager auth) {
        return auth.signUp(new SignUpRequest("Alice", EMAIL, Fixture.PASSWORD)).id();
    }

    private static AuthError refusal(Runnable call) {
        AuthException e = catchThrowableOfType(AuthException.class, call::run);
        assertThat(e).as("refused").isNotNull();
        return e.error();
    }

    private Session stored(TokenPair pair) {
        return tokens.findById(pair.sessionId()).orElseThrow();
    }

    /** Logs in with the old password on a parking node, and runs {@code change} while the log-in is parked. */
    private TokenPair logInAround(AuthManager auth, Runnable change) throws Exception {
        CompletableFuture<TokenPair> inFlight = beforeSession.parkDuring(() -> auth.logIn(EMAIL, Fixture.PASSWORD));
        change.run();
        return beforeSession.finish(inFlight);
    }

    private void assertEndedAtFirstRefresh(AuthManager auth, TokenPair late) {
        assertThat(refusal(() -> auth.refresh(late.refreshToken()))).isEqualTo(AuthError.INVALID_TOKEN);
        assertThat(stored(late).revokeReason()).isEqualTo(RevocationReason.PASSWORD_CHANGED.code());
    }

    @Nested
    @DisplayName("a log-in in flight")
    class InFlight {

        @Test
        @DisplayName("a reset that commits while a log-in with the old password is in flight ends that session at its first refresh")
        void resetEndsSessionOfLogInInFlight() throws Exception {
            AuthManager auth = parkingNode(false);
            String userId = signUp(auth);

            TokenPair late = logInAround(auth, () -> assertThat(auth.setPassword(userId, NEW_PASSWORD)).isTrue());

            assertEndedAtFirstRefresh(auth, late);
            assertThat(auth.refresh(auth.logIn(EMAIL, NEW_PASSWORD).refreshToken())).isNotNull();
        }

        @Test
        @DisplayName("a change that commits while a log-in with the old password is in flight ends that session too")
        void changeEndsSessionOfLogInInFlight() throws Exception {
            AuthManager auth = parkingNode(false);
            signUp(auth);
            AuthenticatedUser here = auth.authenticate(auth.logIn(EMAIL, Fixture.PASSWORD).accessToken());
            List<TokenPair> changed = new ArrayList<>();

            TokenPair late = logInAround(auth,
                    () -> changed.add(auth.changePassword(here, Fixture.PASSWORD, NEW_PASSWORD)));

            assertEndedAtFirstRefresh(auth, late);
            assertThat(auth.refresh(changed.get(0).refreshToken())).isNotNull();
        }

        @Test
        @DisplayName("with strict sessions, the access token of a log-in in flight during a reset is refused at once")
        void strictSessionsRefuseLogInInFlight() throws Exception {
            AuthManager auth = parkingNode(true);
            String userId = signUp(auth);

            TokenPair late = logInAround(auth, () -> auth.setPassword(userId, NEW_PASSWORD));

            assertThat(refusal(() -> auth.authenticate(late.accessToken()))).isEqualTo(AuthError.INVALID_TOKEN);
            assertThat(auth.authenticate(auth.logIn(EMAIL, NEW_PASSWORD).accessToken()).userId()).isEqualTo(userId);
        }

        @Test
        @DisplayName("a reset on one node ends the session of a log-in in flight on another")
        void resetOnAnotherNodeEndsLogInInFlight() throws Exception {
            AuthManager loggingIn = parkingNode(false);
            AuthManager resetting = node(users, tokens, 4, false);
            String userId = signUp(resetting);

            TokenPair late = logInAround(loggingIn, () -> resetting.setPassword(userId, NEW_PASSWORD));

            assertEndedAtFirstRefresh(resetting, late);
        }

        @Test
        @DisplayName("a hash upgrade of a log-in in flight never brings back the password a reset replaced")
        void upgradeInFlightKeepsTheResetPassword() throws Exception {
            Park beforeUpgrade = new Park("updatePasswordHash");
            String userId = signUp(node(users, tokens, 4, false));
            // A higher cost than the stored hash's: the log-in upgrades the hash after checking it.
            AuthManager upgrading = node(beforeUpgrade.around(UserRepository.class, users), tokens, 5, false);
            CompletableFuture<TokenPair> inFlight =
                    beforeUpgrade.parkDuring(() -> upgrading.logIn(EMAIL, Fixture.PASSWORD));

            upgrading.setPassword(userId, NEW_PASSWORD);
            TokenPair late = beforeUpgrade.finish(inFlight);

            assertThat(refusal(() -> upgrading.logIn(EMAIL, Fixture.PASSWORD))).isEqualTo(AuthError.INVALID_CREDENTIALS);
            assertThat(upgrading.logIn(EMAIL, NEW_PASSWORD)).isNotNull();
            assertThat(refusal(() -> upgrading.refresh(late.refreshToken()))).isEqualTo(AuthError.INVALID_TOKEN);
        }

        @Test
        @DisplayName("a change checked against a password that a reset replaced meanwhile is refused, and the reset stands")
        void changeAgainstReplacedPasswordIsRefused() throws Exception {
            Park beforeChange = new Park("changePassword");
            AuthManager auth = node(beforeChange.around(UserRepository.class, users), tokens, 4, false);
            String userId = signUp(auth);
            AuthenticatedUser attacker = auth.authenticate(auth.logIn(EMAIL, Fixture.PASSWORD).accessToken());
            CompletableFuture<TokenPair> change = beforeChange.parkDuring(
                    () -> auth.changePassword(attacker, Fixture.PASSWORD, "the attacker's passphrase"));

            auth.setPassword(userId, NEW_PASSWORD);
            beforeChange.release.countDown();

            assertThat(catchThrowableOfType(CompletionException.class, change::join).getCause())
                    .isInstanceOfSatisfying(AuthException.class,
                            e -> assertThat(e.error()).isEqualTo(AuthError.INVALID_CREDENTIALS));
            assertThat(auth.logIn(EMAIL, NEW_PASSWORD)).isNotNull();
            assertThat(users.findById(userId).orElseThrow().credentialsVersion()).isEqualTo(1);
        }
    }

    @Nested
    @DisplayName("change password re-keys the session that asked")
    class ReKey {

        @Test
        @DisplayName("it returns a working pair for the same client; every earlier refresh token of the user fails")
        void changeReturnsWorkingPairAndEndsEarlierTokens() {
            AuthManager auth = node(users, tokens, 4, false);
            signUp(auth);
            TokenPair here = auth.logIn(new LogInRequest(EMAIL, Fixture.PASSWORD,
                    new ClientInfo("203.0.113.9", "Agent/1")));
            TokenPair rotated = auth.refresh(here.refreshToken());
            TokenPair elsewhere = auth.logIn(EMAIL, Fixture.PASSWORD);

            TokenPair changed = auth.changePassword(auth.authenticate(rotated.accessToken()), Fixture.PASSWORD,
                    NEW_PASSWORD);

            assertThat(changed.sessionId()).isNotEqualTo(here.sessionId());
            assertThat(stored(changed).clientIp()).isEqualTo("203.0.113.9");
            assertThat(stored(changed).userAgent()).isEqualTo("Agent/1");
            assertThat(auth.authenticate(changed.accessToken()).sessionId()).isEqualTo(changed.sessionId());
            assertThat(refusal(() -> auth.refresh(rotated.refreshToken()))).isEqualTo(AuthError.INVALID_TOKEN);
            assertThat(refusal(() -> auth.refresh(here.refreshToken()))).isEqualTo(AuthError.INVALID_TOKEN);
            assertThat(refusal(() -> auth.refresh(elsewhere.refreshToken()))).isEqualTo(AuthError.INVALID_TOKEN);
            assertThat(stored(here).revokeReason()).isEqualTo(RevocationReason.PASSWORD_CHANGED.code());
            TokenPair next = auth.refresh(changed.refreshToken());
            assertThat(auth.refresh(next.refreshToken())).isNotNull();
        }

        @Test
        @DisplayName("with strict sessions, the access tokens from before the change are refused; the new pair works")
        void strictRefusesAccessTokensFromBefore() {
            AuthManager auth = node(users, tokens, 4, true);
            signUp(auth);
            TokenPair here = auth.logIn(EMAIL, Fixture.PASSWORD);

            TokenPair changed = auth.changePassword(auth.authenticate(here.accessToken()), Fixture.PASSWORD,
                    NEW_PASSWORD);

            assertThat(refusal(() -> auth.authenticate(here.accessToken()))).isEqualTo(AuthError.INVALID_TOKEN);
            assertThat(auth.authenticate(changed.accessToken()).sessionId()).isEqualTo(changed.sessionId());
        }

        @Test
        @DisplayName("an access token whose session has ended cannot change the password")
        void endedSessionCannotChange() {
            AuthManager auth = node(users, tokens, 4, false);
            String userId = signUp(auth);
            TokenPair here = auth.logIn(EMAIL, Fixture.PASSWORD);
            AuthenticatedUser user = auth.authenticate(here.accessToken());
            auth.logOut(here.refreshToken());

            assertThat(refusal(() -> auth.changePassword(user, Fixture.PASSWORD, NEW_PASSWORD)))
                    .isEqualTo(AuthError.INVALID_TOKEN);
            assertThat(users.findById(userId).orElseThrow().credentialsVersion()).isZero();
            assertThat(auth.logIn(EMAIL, Fixture.PASSWORD)).isNotNull();
        }
    }
}
