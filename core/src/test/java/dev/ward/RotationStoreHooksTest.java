package dev.ward;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ward.store.Session;
import dev.ward.store.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Refresh as the store sees it: which calls write, and what a stalled store does to the window. */
class RotationStoreHooksTest {

    private final HookedTokenStore store = new HookedTokenStore();
    private final Fixture f = new Fixture(4, JwtKey.hmac("test-key", Fixture.SECRET), store, s -> { }, b -> { });
    private final ExecutorService executor = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopExecutor() {
        executor.shutdownNow();
    }

    @Nested
    @DisplayName("the grace path")
    class GracePath {

        @Test
        @DisplayName("a refresh of the previous token inside the window writes nothing to the store")
        void graceRefreshWritesNothing() {
            TokenPair t0 = loggedIn();
            TokenPair t1 = f.auth.refresh(t0.refreshToken());
            Session before = f.tokens.findById(t0.sessionId()).orElseThrow();
            int writes = store.writes.get();
            f.clock.advance(Duration.ofSeconds(5));

            for (int i = 0; i < 3; i++) {
                assertThat(f.auth.refresh(t0.refreshToken()).refreshToken()).isEqualTo(t1.refreshToken());
            }

            assertThat(store.writes.get()).isEqualTo(writes);
            assertThat(f.tokens.findById(t0.sessionId())).contains(before);
        }

        @Test
        @DisplayName("a refresh of the current token writes once: the rotation")
        void rotationWritesOnce() {
            TokenPair t0 = loggedIn();
            int writes = store.writes.get();

            f.auth.refresh(t0.refreshToken());

            assertThat(store.writes.get()).isEqualTo(writes + 1);
        }
    }

    @Nested
    @DisplayName("a stalled store")
    class StalledStore {

        @Test
        @DisplayName("a rotation parked past the window still opens a full window: the retry gets the same token")
        void parkedRotationKeepsTheWindow() throws Exception {
            TokenPair t0 = loggedIn();
            CountDownLatch parked = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            store.beforeRotate = () -> {
                parked.countDown();
                await(release);
            };

            Future<TokenPair> stalled = executor.submit(() -> f.auth.refresh(t0.refreshToken()));
            assertThat(parked.await(30, TimeUnit.SECONDS)).isTrue();
            f.clock.advance(Duration.ofSeconds(40));
            store.beforeRotate = () -> { };
            release.countDown();
            TokenPair late = stalled.get(30, TimeUnit.SECONDS);
            f.clock.advance(Duration.ofSeconds(20));

            // The client gave up on the stalled answer and retries with the token it holds.
            TokenPair retried = f.auth.refresh(t0.refreshToken());

            assertThat(retried.refreshToken()).isEqualTo(late.refreshToken());
            assertThat(f.events(AuthEvent.RefreshTokenReused.class)).isEmpty();
            Instant rotatedAt = f.tokens.findById(t0.sessionId()).orElseThrow().rotatedAt();
            assertThat(rotatedAt).isEqualTo(f.clock.instant().minusSeconds(20));
        }

        @Test
        @DisplayName("the re-stamped window still closes: after it, the previous token is reuse")
        void restampedWindowCloses() throws Exception {
            TokenPair t0 = loggedIn();
            store.beforeRotate = () -> f.clock.advance(Duration.ofSeconds(40));
            f.auth.refresh(t0.refreshToken());
            store.beforeRotate = () -> { };
            f.clock.advance(Duration.ofSeconds(30));

            AuthException e = org.assertj.core.api.Assertions.catchThrowableOfType(AuthException.class,
                    () -> f.auth.refresh(t0.refreshToken()));

            assertThat(e.error()).isEqualTo(AuthError.REFRESH_TOKEN_REUSED);
        }

        @Test
        @DisplayName("a re-stamp that fails still hands out the rotated token, which works")
        void failedRestampKeepsTheRotation() {
            TokenPair t0 = loggedIn();
            store.beforeRotate = () -> f.clock.advance(Duration.ofSeconds(40));
            store.beforeRestamp = () -> {
                throw new StoreException("injected");
            };

            TokenPair t1 = f.auth.refresh(t0.refreshToken());

            store.beforeRotate = () -> { };
            assertThat(f.auth.refresh(t1.refreshToken()).refreshToken()).isNotEqualTo(t1.refreshToken());
        }

        @Test
        @DisplayName("a rotation applied on time is not re-stamped: one write")
        void onTimeRotationIsNotRestamped() {
            TokenPair t0 = loggedIn();
            store.beforeRotate = () -> f.clock.advance(Duration.ofMillis(900));
            int writes = store.writes.get();

            f.auth.refresh(t0.refreshToken());

            assertThat(store.writes.get()).isEqualTo(writes + 1);
        }
    }

    private TokenPair loggedIn() {
        return f.signUpAndLogIn("alice@example.com");
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
