package dev.ward.security;

import static dev.ward.security.SecurityFixture.PASSWORD;
import static dev.ward.security.SecurityFixture.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ward.AuthError;
import dev.ward.AuthManager;
import dev.ward.AuthSettings;
import dev.ward.AuthenticatedUser;
import dev.ward.ConfigurationException;
import dev.ward.HookedTokenStore;
import dev.ward.JwtAlgorithm;
import dev.ward.TokenPair;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Log-out that ends access at once: with strict sessions, {@code authenticate} also requires the
 * token's session to be active, so every way a session ends stops its access tokens immediately;
 * without them (the default) an access token lives until it expires.
 *
 * <p>Sources: OWASP ASVS 5.0 7.4.1 (session termination disallows further use; for
 * self-contained tokens a list of terminated sessions), 7.4.3 (terminate other sessions after a
 * password change).
 */
@DisplayName("Strict sessions")
class StrictSessionsTest {

    private static final String ALICE = "alice@example.com";

    /** Two nodes sharing stores, both counting session reads through one counter. */
    private static final class Cluster {
        final HookedTokenStore store = new HookedTokenStore();
        final SecurityFixture node1;
        final AuthManager node2;

        Cluster(Consumer<AuthSettings.Builder> settings) {
            node1 = new SecurityFixture(4, TestKey.ward(JwtAlgorithm.HS256), store, settings, b -> { });
            AuthSettings.Builder s = AuthSettings.builder().bcryptCost(4);
            settings.accept(s);
            node2 = AuthManager.builder().userRepository(node1.users).tokenStore(store)
                    .loginAttemptStore(node1.attempts).signingKey(node1.key.jwtKey()).clock(node1.clock)
                    .settings(s.build()).build();
        }
    }

    private static SecurityFixture strict(Consumer<AuthSettings.Builder> settings) {
        return new SecurityFixture(settings.andThen(s -> s.strictSessions(true)));
    }

    private static AuthError authenticateError(AuthManager auth, String token) {
        return refusal(() -> auth.authenticate(token)).error();
    }

    @Nested
    @DisplayName("off (the default): access tokens live until they expire")
    class Off {

        @Test
        @DisplayName("after log-out, log-out everywhere, reuse detection and a password change, the old access tokens still work, and no store is read")
        void accessOutlivesTheSession() {
            Cluster c = new Cluster(s -> { });
            SecurityFixture f = c.node1;
            TokenPair loggedOut = f.signUpAndLogIn(ALICE);
            TokenPair everywhere = f.auth.logIn(ALICE, PASSWORD);
            TokenPair reused = f.auth.logIn(ALICE, PASSWORD);
            TokenPair changer = f.auth.logIn(ALICE, PASSWORD);
            String userId = f.auth.authenticate(changer.accessToken()).userId();

            f.auth.logOut(loggedOut.refreshToken());
            f.auth.refresh(reused.refreshToken());
            f.clock.advance(Duration.ofMinutes(1));
            refusal(() -> f.auth.refresh(reused.refreshToken()));
            f.auth.changePassword(f.auth.authenticate(changer.accessToken()), PASSWORD, "a brand new passphrase");
            f.auth.logOutEverywhere(userId);
            int reads = c.store.reads.get();

            for (TokenPair pair : List.of(loggedOut, everywhere, reused, changer)) {
                assertThat(f.auth.authenticate(pair.accessToken()).userId()).isEqualTo(userId);
            }
            assertThat(c.store.reads.get()).isEqualTo(reads);
            f.clock.advance(Duration.ofMinutes(14));
            assertThat(authenticateError(f.auth, loggedOut.accessToken())).isEqualTo(AuthError.TOKEN_EXPIRED);
        }
    }

    @Nested
    @DisplayName("on: every end of a session ends its access at once (ASVS 7.4.1)")
    class On {

        private final SecurityFixture f = strict(s -> { });

        @Test
        @DisplayName("log-out ends the session's access token and no other session's")
        void logOut() {
            TokenPair phone = f.signUpAndLogIn(ALICE);
            TokenPair laptop = f.auth.logIn(ALICE, PASSWORD);

            f.auth.logOut(phone.refreshToken());

            assertThat(authenticateError(f.auth, phone.accessToken())).isEqualTo(AuthError.INVALID_TOKEN);
            assertThat(f.auth.authenticate(laptop.accessToken())).isNotNull();
        }

        @Test
        @DisplayName("log-out everywhere and revoking one device end those sessions' access tokens")
        void logOutEverywhereAndRevokeSession() {
            TokenPair a = f.signUpAndLogIn(ALICE);
            TokenPair b = f.auth.logIn(ALICE, PASSWORD);
            TokenPair bob = f.signUpAndLogIn("bob@example.com");
            String alice = f.auth.authenticate(a.accessToken()).userId();

            f.auth.revokeSession(alice, a.sessionId());
            assertThat(authenticateError(f.auth, a.accessToken())).isEqualTo(AuthError.INVALID_TOKEN);
            assertThat(f.auth.authenticate(b.accessToken())).isNotNull();

            f.auth.logOutEverywhere(alice);
            assertThat(authenticateError(f.auth, b.accessToken())).isEqualTo(AuthError.INVALID_TOKEN);
            assertThat(f.auth.authenticate(bob.accessToken())).isNotNull();
        }

        @Test
        @DisplayName("reuse detection ends the access tokens of the whole family, the thief's and the owner's")
        void reuseDetection() {
            TokenPair owner = f.signUpAndLogIn(ALICE);
            TokenPair thief = f.auth.refresh(owner.refreshToken());
            f.clock.advance(Duration.ofMinutes(1));

            refusal(() -> f.auth.refresh(owner.refreshToken()));

            assertThat(authenticateError(f.auth, owner.accessToken())).isEqualTo(AuthError.INVALID_TOKEN);
            assertThat(authenticateError(f.auth, thief.accessToken())).isEqualTo(AuthError.INVALID_TOKEN);
        }

        @Test
        @DisplayName("a password change ends every session's access at once; the client that asked goes on with the new pair (ASVS 7.4.3)")
        void passwordChange() {
            TokenPair here = f.signUpAndLogIn(ALICE);
            TokenPair there = f.auth.logIn(ALICE, PASSWORD);
            AuthenticatedUser user = f.auth.authenticate(here.accessToken());

            TokenPair kept = f.auth.changePassword(user, PASSWORD, "a brand new passphrase");

            assertThat(f.auth.authenticate(kept.accessToken())).isNotNull();
            assertThat(authenticateError(f.auth, here.accessToken())).isEqualTo(AuthError.INVALID_TOKEN);
            assertThat(authenticateError(f.auth, there.accessToken())).isEqualTo(AuthError.INVALID_TOKEN);
        }

        @Test
        @DisplayName("a password reset by the host ends every session's access at once")
        void passwordReset() {
            TokenPair a = f.signUpAndLogIn(ALICE);
            TokenPair b = f.auth.logIn(ALICE, PASSWORD);

            f.auth.setPassword(f.auth.authenticate(a.accessToken()).userId(), "a brand new passphrase");

            assertThat(authenticateError(f.auth, a.accessToken())).isEqualTo(AuthError.INVALID_TOKEN);
            assertThat(authenticateError(f.auth, b.accessToken())).isEqualTo(AuthError.INVALID_TOKEN);
        }

        @Test
        @DisplayName("a session that reaches its absolute lifetime ends its still-valid access token")
        void sessionExpiry() {
            SecurityFixture shortLived = strict(s -> s.sessionMaxLifetime(Duration.ofMinutes(10))
                    .refreshTokenIdleTtl(Duration.ofMinutes(5)));
            TokenPair pair = shortLived.signUpAndLogIn(ALICE);
            shortLived.clock.advance(Duration.ofMinutes(5));

            assertThat(authenticateError(shortLived.auth, pair.accessToken())).isEqualTo(AuthError.INVALID_TOKEN);
        }
    }

    @Nested
    @DisplayName("what strict sessions cost")
    class Cost {

        @Test
        @DisplayName("without a cache: one session read per request")
        void oneReadPerRequest() {
            Cluster c = new Cluster(s -> s.strictSessions(true));
            TokenPair pair = c.node1.signUpAndLogIn(ALICE);
            int reads = c.store.reads.get();

            for (int i = 0; i < 10; i++) {
                c.node1.auth.authenticate(pair.accessToken());
            }

            assertThat(c.store.reads.get() - reads).isEqualTo(10);
        }

        @Test
        @DisplayName("with a 5 s cache: one read per session per 5 s on a node; a revocation on another node shows within 5 s, on this node at once")
        void boundedCache() {
            Cluster c = new Cluster(s -> s.strictSessions(true).strictSessionCacheTtl(Duration.ofSeconds(5)));
            SecurityFixture f = c.node1;
            TokenPair here = f.signUpAndLogIn(ALICE);
            TokenPair there = f.auth.logIn(ALICE, PASSWORD);
            int reads = c.store.reads.get();
            for (int i = 0; i < 10; i++) {
                f.auth.authenticate(here.accessToken());
                f.auth.authenticate(there.accessToken());
            }
            assertThat(c.store.reads.get() - reads).isEqualTo(2);

            // Node 2 logs "there" out: node 1 may answer from its cache for at most 5 s.
            c.node2.logOut(there.refreshToken());
            f.clock.advance(Duration.ofMillis(4999));
            assertThat(f.auth.authenticate(there.accessToken())).isNotNull();
            f.clock.advance(Duration.ofMillis(1));
            assertThat(authenticateError(f.auth, there.accessToken())).isEqualTo(AuthError.INVALID_TOKEN);

            // Node 1 logs "here" out: its own cache forgets the session at once.
            f.auth.authenticate(here.accessToken());
            f.auth.logOut(here.refreshToken());
            assertThat(authenticateError(f.auth, here.accessToken())).isEqualTo(AuthError.INVALID_TOKEN);
        }

        @Test
        @DisplayName("the cache is bounded to at most 10 s by configuration")
        void cacheTtlIsBounded() {
            assertThat(refusalOfSettings(Duration.ofSeconds(11))).contains("strictSessionCacheTtl");
            assertThat(AuthSettings.builder().strictSessionCacheTtl(Duration.ofSeconds(10)).build()
                    .strictSessionCacheTtl()).isEqualTo(Duration.ofSeconds(10));
        }

        private String refusalOfSettings(Duration ttl) {
            try {
                AuthSettings.builder().strictSessionCacheTtl(ttl).build();
            } catch (ConfigurationException e) {
                return e.getMessage();
            }
            throw new AssertionError("an 11 s cache was accepted");
        }
    }
}
