package dev.ward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.verify;

import dev.ward.store.LoginAttemptStore;
import dev.ward.store.memory.InMemoryLoginAttemptStore;
import dev.ward.store.tck.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("LoginThrottle")
class LoginThrottleTest {

    private static final String EMAIL = "alice@example.com";
    private static final ClientInfo CLIENT = new ClientInfo("198.51.100.7", "curl");

    private final MutableClock clock = MutableClock.at("2030-01-01T10:00:00Z");
    private final LoginAttemptStore store = spy(new InMemoryLoginAttemptStore());
    private final List<AuthEvent> events = new ArrayList<>();

    private LoginThrottle throttle(AuthSettings settings) {
        return new LoginThrottle(store, settings, new Events(events::add));
    }

    private void fail(LoginThrottle throttle, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(EMAIL, CLIENT, clock.instant());
        }
    }

    /** Fails once after the current lock has ended: failures during a lock do not count. */
    private void failAfterLock(LoginThrottle throttle) {
        clock.advance(Duration.ofMinutes(16));
        throttle.failed(EMAIL, CLIENT, clock.instant());
    }

    private AuthException refused(LoginThrottle throttle) {
        return catchThrowableOfType(AuthException.class, () -> throttle.requireUnlocked(EMAIL, CLIENT, clock.instant()));
    }

    @Nested
    @DisplayName("per account")
    class PerAccount {

        private final LoginThrottle throttle = throttle(AuthSettings.defaults());

        @Test
        @DisplayName("the fifth failure locks for a minute, and each further one doubles it up to 15 minutes")
        void lockDoublesToCeiling() {
            fail(throttle, 4);
            assertThatCode(() -> throttle.requireUnlocked(EMAIL, CLIENT, clock.instant())).doesNotThrowAnyException();
            fail(throttle, 1);
            assertThat(refused(throttle).retryAfter()).contains(Duration.ofMinutes(1));
            fail(throttle, 10);
            assertThat(refused(throttle).retryAfter()).as("failures during a lock do not count")
                    .contains(Duration.ofMinutes(1));
            failAfterLock(throttle);
            assertThat(refused(throttle).retryAfter()).contains(Duration.ofMinutes(2));
            failAfterLock(throttle);
            failAfterLock(throttle);
            assertThat(refused(throttle).retryAfter()).contains(Duration.ofMinutes(8));
            failAfterLock(throttle);
            assertThat(refused(throttle).retryAfter()).contains(Duration.ofMinutes(15));
        }

        @Test
        @DisplayName("a lock ends by itself; with the ceiling set, the hundredth failure locks until a reset")
        void hardCeilingNeedsReset() {
            LoginThrottle throttle = throttle(AuthSettings.builder().permanentLockoutThreshold(100).build());
            fail(throttle, 5);
            clock.advance(Duration.ofMinutes(1));
            assertThatCode(() -> throttle.requireUnlocked(EMAIL, CLIENT, clock.instant())).doesNotThrowAnyException();
            for (int i = 0; i < 94; i++) {
                failAfterLock(throttle);
            }
            assertThat(refused(throttle).retryAfter()).contains(Duration.ofMinutes(15));
            failAfterLock(throttle);
            clock.advance(Duration.ofDays(365));
            AuthException locked = refused(throttle);
            assertThat(locked.error()).isEqualTo(AuthError.TOO_MANY_ATTEMPTS);
            assertThat(locked.retryAfter()).isEmpty();
            throttle.reset(EMAIL);
            assertThatCode(() -> throttle.requireUnlocked(EMAIL, CLIENT, clock.instant())).doesNotThrowAnyException();
        }

        @Test
        @DisplayName("LockedOut is raised when a lock is earned, not for failures that only extend the count")
        void lockedOutOncePerLock() {
            fail(throttle, 5);
            assertThat(events).filteredOn(AuthEvent.LockedOut.class::isInstance).hasSize(1);
            assertThat(refused(throttle)).isNotNull();
            assertThat(events).filteredOn(e -> e instanceof AuthEvent.LogInFailed f
                    && f.reason() == AuthEvent.FailureReason.LOCKED).hasSize(1);
        }

        @Test
        @DisplayName("a success without earlier failures writes nothing; one after failures resets the count")
        void successResetsOnlyWhenNeeded() {
            throttle.succeeded(throttle.requireUnlocked(EMAIL, CLIENT, clock.instant()));
            verify(store, never()).reset(anyString());
            fail(throttle, 3);
            LoginThrottle.Attempt attempt = throttle.requireUnlocked(EMAIL, CLIENT, clock.instant());
            throttle.succeeded(attempt);
            assertThat(store.find(EMAIL)).isEmpty();
        }
    }

    @Nested
    @DisplayName("per client address")
    class PerAddress {

        @Test
        @DisplayName("is off by default: only the account is counted")
        void offByDefault() {
            fail(throttle(AuthSettings.defaults()), 1);
            assertThat(store.find("ip:" + CLIENT.ip())).isEmpty();
        }

        @Test
        @DisplayName("when on, locks an address across accounts, never permanently")
        void locksAddress() {
            LoginThrottle throttle = throttle(AuthSettings.builder().throttleClientAddress(true)
                    .clientAddressLockoutThreshold(3).build());
            for (int i = 0; i < 3; i++) {
                throttle.failed("user" + i + "@example.com", CLIENT, clock.instant());
            }
            AuthException refused = catchThrowableOfType(AuthException.class,
                    () -> throttle.requireUnlocked("someone@example.com", CLIENT, clock.instant()));
            assertThat(refused.retryAfter()).contains(Duration.ofMinutes(1));
            for (int i = 3; i < 200; i++) {
                clock.advance(Duration.ofMinutes(16));
                throttle.failed("user" + i + "@example.com", CLIENT, clock.instant());
            }
            assertThat(store.find("ip:" + CLIENT.ip()).orElseThrow().failures()).isEqualTo(200);
            assertThatCode(() -> throttle.requireUnlocked("someone@example.com", ClientInfo.UNKNOWN, clock.instant()))
                    .doesNotThrowAnyException();
            assertThat(store.find("ip:" + CLIENT.ip()).orElseThrow().lockedUntil())
                    .isEqualTo(clock.instant().plus(Duration.ofMinutes(15)));
        }
    }
}
