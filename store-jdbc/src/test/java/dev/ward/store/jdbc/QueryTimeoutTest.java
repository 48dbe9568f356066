package dev.ward.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ward.store.Session;
import dev.ward.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The token store's query timeout: a stalled statement fails within it, as a StoreException. */
@Timeout(120)
@DisplayName("JdbcTokenStore query timeout")
class QueryTimeoutTest {

    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    @Nested
    @DisplayName("on a real database")
    class RealDatabase {

        @ParameterizedTest(name = "{0}")
        @EnumSource(value = TestDatabase.class, names = {"POSTGRESQL", "MARIADB"})
        @DisplayName("a rotation blocked by a row lock fails with StoreException after the timeout, not when the lock goes")
        void blockedRotationTimesOut(TestDatabase database) throws Exception {
            JdbcTokenStore store = new JdbcTokenStore(database.dataSource(), "ward_", Duration.ofSeconds(1));
            Session session = Session.start(random(16), "u-" + UUID.randomUUID(), random(32), random(32), T0,
                    T0.plus(Duration.ofDays(90)), T0.plus(Duration.ofDays(30)), null, null);
            store.create(session);

            try (Connection holder = database.dataSource().getConnection()) {
                holder.setAutoCommit(false);
                try (PreparedStatement lock = holder.prepareStatement(
                        "UPDATE ward_sessions SET last_used_at = last_used_at WHERE id = ?")) {
                    lock.setString(1, session.id());
                    lock.executeUpdate();
                }
                long started = System.nanoTime();
                assertThatThrownBy(() -> store.rotate(session.id(), session.currentHash(), random(32), random(32),
                        T0.plusSeconds(1), T0.plus(Duration.ofDays(30))))
                        .isInstanceOf(StoreException.class)
                        .hasMessageContaining("rotate a session");
                // Well before MariaDB's 50 s lock wait timeout, and before any grace window.
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
                holder.rollback();
            }
            assertThat(store.findById(session.id())).contains(session);
        }
    }

    @Nested
    @DisplayName("configuration")
    class Configuration {

        @ParameterizedTest
        @ValueSource(strings = {"PT0S", "PT-1S", "PT0.5S", "PT1.5S"})
        @DisplayName("a timeout that is not a positive whole number of seconds is refused")
        void badTimeoutsAreRefused(String timeout) {
            assertThatThrownBy(() -> new JdbcTokenStore(TestDatabase.H2.dataSource(), "ward_",
                    Duration.parse(timeout))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("queryTimeout");
        }

        @Test
        @DisplayName("the default is ten seconds, below the default grace window of thirty")
        void defaultIsTenSeconds() {
            assertThat(JdbcTokenStore.DEFAULT_QUERY_TIMEOUT_SECONDS).isEqualTo(10);
            assertThat(Jdbc.DEFAULT_QUERY_TIMEOUT).isEqualTo(Duration.ofSeconds(10));
        }
    }
}
