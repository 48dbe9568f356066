package dev.ward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ward.store.Session;
import dev.ward.store.TokenStore;
import dev.ward.store.memory.InMemoryTokenStore;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("strict sessions: a revocation wins every race on the node that revokes")
class StrictSessionRaceTest {

    /** Parks the next findById after it has read the row, until released. */
    private static final class ParkedRead {
        final CountDownLatch parked = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        volatile boolean armed;

        TokenStore around(TokenStore real) {
            return (TokenStore) Proxy.newProxyInstance(TokenStore.class.getClassLoader(),
                    new Class<?>[] {TokenStore.class}, (proxy, method, args) -> {
                        Object result = method.invoke(real, args);
                        if (armed && method.getName().equals("findById")) {
                            armed = false;
                            parked.countDown();
                            if (!release.await(10, TimeUnit.SECONDS)) {
                                throw new IllegalStateException("never released");
                            }
                        }
                        return result;
                    });
        }
    }

    private final ParkedRead hook = new ParkedRead();
    private final Fixture f = new Fixture(4, JwtKey.hmac("test-key", Fixture.SECRET), hook.around(new InMemoryTokenStore()),
            s -> s.strictSessions(true).strictSessionCacheTtl(Duration.ofSeconds(10)), b -> { });

    @Test
    @DisplayName("a check that read the session before log-out does not cache it: the token is refused right after")
    void parkedReadCannotResurrect() throws Exception {
        TokenPair pair = f.signUpAndLogIn("alice@example.com");
        hook.armed = true;
        CompletableFuture<AuthenticatedUser> inFlight = CompletableFuture.supplyAsync(
                () -> f.auth.authenticate(pair.accessToken()));
        assertThat(hook.parked.await(10, TimeUnit.SECONDS)).isTrue();

        f.auth.logOut(pair.refreshToken());
        hook.release.countDown();

        assertThat(inFlight.get(10, TimeUnit.SECONDS).userId()).as("read before the log-out: served").isNotNull();
        assertThatThrownBy(() -> f.auth.authenticate(pair.accessToken()))
                .isInstanceOfSatisfying(AuthException.class, e -> assertThat(e.error()).isEqualTo(AuthError.INVALID_TOKEN));
        Optional<Session> stored = f.tokens.findById(pair.sessionId());
        assertThat(stored).get().satisfies(s -> assertThat(s.isRevoked()).isTrue());
    }

    @Test
    @DisplayName("a demoted admin loses the role at the next request, though the token still names it")
    void demotionTakesEffectAtOnce() {
        Fixture strict = new Fixture(s -> s.strictSessions(true));
        TokenPair pair = strict.signUpAndLogIn("alice@example.com");
        String userId = strict.auth.authenticate(pair.accessToken()).userId();
        strict.users.updateRoles(userId, Set.of("user", "admin"));
        TokenPair admin = strict.auth.refresh(pair.refreshToken());
        assertThat(strict.auth.authenticate(admin.accessToken()).roles()).containsExactlyInAnyOrder("user", "admin");

        strict.users.updateRoles(userId, Set.of("user"));

        assertThat(strict.auth.authenticate(admin.accessToken()).roles()).containsExactly("user");
        assertThat(strict.auth.verifier().verify(admin.accessToken()).roles())
                .as("the token itself still says admin").contains("admin");
    }

    @Test
    @DisplayName("with a cache TTL, a demotion takes effect once the TTL has passed")
    void demotionWithCacheTtl() {
        TokenPair pair = f.signUpAndLogIn("alice@example.com");
        String userId = f.auth.authenticate(pair.accessToken()).userId();
        f.users.updateRoles(userId, Set.of("user", "admin"));
        TokenPair admin = f.auth.refresh(pair.refreshToken());
        assertThat(f.auth.authenticate(admin.accessToken()).roles()).as("cached before the promotion")
                .containsExactly("user");
        f.clock.advance(Duration.ofSeconds(10));
        assertThat(f.auth.authenticate(admin.accessToken()).roles()).contains("admin");

        f.users.updateRoles(userId, Set.of("user"));
        assertThat(f.auth.authenticate(admin.accessToken()).roles()).as("within the TTL").contains("admin");
        f.clock.advance(Duration.ofSeconds(10));

        assertThat(f.auth.authenticate(admin.accessToken()).roles()).containsExactly("user");
    }
}
