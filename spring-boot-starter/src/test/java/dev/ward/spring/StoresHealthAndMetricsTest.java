package dev.ward.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.ward.AuthEvent;
import dev.ward.spring.actuate.WardStoresHealthIndicator;
import dev.ward.spring.metrics.WardMetrics;
import dev.ward.store.jdbc.JdbcLoginAttemptStore;
import dev.ward.store.jdbc.JdbcTokenStore;
import dev.ward.store.jdbc.JdbcUserRepository;
import dev.ward.store.memory.InMemoryLoginAttemptStore;
import dev.ward.store.memory.InMemoryOneTimeTokenStore;
import dev.ward.store.memory.InMemoryTokenStore;
import dev.ward.store.memory.InMemoryUserRepository;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.SQLException;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

@DisplayName("Store health and timers")
class StoresHealthAndMetricsTest {

    @Nested
    @DisplayName("WardStoresHealthIndicator")
    class HealthIndicator {

        @Test
        void storesThatAnswerAreUp() {
            WardStoresHealthIndicator indicator = new WardStoresHealthIndicator(new InMemoryUserRepository(),
                    new InMemoryTokenStore(), new InMemoryLoginAttemptStore(), new InMemoryOneTimeTokenStore());

            assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
        }

        @Test
        void aStoreWhoseDatabaseFailsIsDownAndNamed() throws SQLException {
            DataSource broken = mock(DataSource.class);
            when(broken.getConnection()).thenThrow(new SQLException("connection refused"));
            WardStoresHealthIndicator indicator = new WardStoresHealthIndicator(new InMemoryUserRepository(),
                    new JdbcTokenStore(broken), new JdbcLoginAttemptStore(broken), null);

            Health health = indicator.health();

            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsEntry("store", "tokenStore");
        }

        @Test
        void theFirstStoreIsReadToo() throws SQLException {
            DataSource broken = mock(DataSource.class);
            when(broken.getConnection()).thenThrow(new SQLException("connection refused"));
            WardStoresHealthIndicator indicator = new WardStoresHealthIndicator(new JdbcUserRepository(broken),
                    new InMemoryTokenStore(), new InMemoryLoginAttemptStore(), null);

            assertThat(indicator.health().getDetails()).containsEntry("store", "userRepository");
        }
    }

    @Nested
    @DisplayName("WardMetrics counters")
    class Counters {

        private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
        private final WardMetrics metrics = new WardMetrics(registry);
        private final Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Test
        void reuseDetectionsAndLockoutsAreCounted() {
            metrics.onEvent(new AuthEvent.RefreshTokenReused(now, "u1", "s1", null));
            metrics.onEvent(new AuthEvent.LockedOut(now, "user:u1", 5, now.plusSeconds(60)));
            metrics.onEvent(new AuthEvent.LockedOut(now, "user:u2", 5, now.plusSeconds(60)));

            assertThat(registry.get(WardMetrics.REUSE_DETECTIONS).counter().count()).isEqualTo(1);
            assertThat(registry.get(WardMetrics.LOCKOUTS).counter().count()).isEqualTo(2);
        }

        @Test
        void refreshesAreTaggedByWhetherTheyFellWithinTheGrace() {
            metrics.onEvent(new AuthEvent.Refreshed(now, "u1", "s1", false));
            metrics.onEvent(new AuthEvent.Refreshed(now, "u1", "s1", true));
            metrics.onEvent(new AuthEvent.Refreshed(now, "u1", "s1", true));

            assertThat(registry.get(WardMetrics.REFRESHES).tag("within_grace", "true").counter().count()).isEqualTo(2);
            assertThat(registry.get(WardMetrics.REFRESHES).tag("within_grace", "false").counter().count()).isEqualTo(1);
        }

        @Test
        void failedLogInsAreTaggedWithTheirReason() {
            metrics.onEvent(new AuthEvent.LogInFailed(now, "a@example.com", null, AuthEvent.FailureReason.UNKNOWN_USER,
                    null));

            assertThat(registry.get(WardMetrics.LOG_INS).tag("outcome", "unknown_user").counter().count()).isEqualTo(1);
            assertThat(registry.get(WardMetrics.LOG_INS).tag("outcome", "success").counter().count()).isZero();
        }
    }

    @Nested
    @DisplayName("WardMetrics timers")
    class Timers {

        @Test
        void aTimedLogInIsRecordedByOutcome() {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            WardMetrics metrics = new WardMetrics(registry);

            assertThat(metrics.timeLogIn(() -> "tokens")).isEqualTo("tokens");
            assertThatThrownBy(() -> metrics.timeRefresh(() -> {
                throw new IllegalStateException("refused");
            })).hasMessage("refused");

            assertThat(registry.get(WardMetrics.LOG_IN_TIMER).tag("outcome", "success").timer().count()).isEqualTo(1);
            assertThat(registry.get(WardMetrics.REFRESH_TIMER).tag("outcome", "failure").timer().count()).isEqualTo(1);
        }
    }
}
