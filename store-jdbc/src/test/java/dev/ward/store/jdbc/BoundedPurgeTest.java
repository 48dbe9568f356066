package dev.ward.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.ward.store.LockoutPolicy;
import dev.ward.store.Session;
import dev.ward.store.tck.Concurrently;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Purges on tables of their own (prefix {@code purge_}), emptied before each test, so that the
 * counts are exact: a single call deletes exactly the batch size while more rows have ended, and
 * nodes that purge at once delete every row once.
 */
@DisplayName("bounded purge")
class BoundedPurgeTest {

    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00.123Z");
    private static final String PREFIX = "purge_";

    private static DataSource freshTables(TestDatabase database) {
        DataSource dataSource = database.dataSource();
        JdbcSchema.drop(dataSource, PREFIX);
        JdbcSchema.create(dataSource, PREFIX);
        return dataSource;
    }

    private static Session session(Instant expiresAt, Instant idleExpiresAt) {
        return Session.start(UUID.randomUUID().toString(), "u-purge", "f", "c", T0, expiresAt, idleExpiresAt, null,
                null);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    @DisplayName("sessions: each call deletes at most the batch size, ended sessions only")
    void sessionPurgeIsBounded(TestDatabase database) {
        JdbcTokenStore store = new JdbcTokenStore(freshTables(database), PREFIX);
        for (int i = 0; i < 3; i++) {
            store.create(session(T0.plusSeconds(10), T0.plusSeconds(10)));
            store.create(session(T0.plusSeconds(900), T0.plusSeconds(20)));
        }
        Session revoked = session(T0.plusSeconds(900), T0.plusSeconds(900));
        store.create(revoked);
        store.revoke(revoked.id(), T0.plusSeconds(30), "logout");
        Session rotatedAway = session(T0.plusSeconds(900), T0.plusSeconds(40));
        store.create(rotatedAway);
        store.rotate(rotatedAway.id(), "c", "n", null, T0.plusSeconds(35), T0.plusSeconds(600));
        Session live = session(T0.plusSeconds(900), T0.plusSeconds(900));
        store.create(live);
        Instant cutoff = T0.plusSeconds(60);

        assertThat(store.purge(cutoff, 3)).isEqualTo(3);
        assertThat(store.purge(cutoff, 3)).isEqualTo(3);
        assertThat(store.purge(cutoff, 3)).isEqualTo(1);
        assertThat(store.purge(cutoff, 3)).isZero();

        assertThat(store.findById(live.id())).isPresent();
        assertThat(store.findById(rotatedAway.id())).isPresent();
        assertThat(store.findById(revoked.id())).isEmpty();
        assertThat(store.purge(T0.plusSeconds(900), 100)).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    @DisplayName("login attempts: each call deletes at most the batch size, stale unlocked keys only")
    void attemptPurgeIsBounded(TestDatabase database) {
        JdbcLoginAttemptStore store = new JdbcLoginAttemptStore(freshTables(database), PREFIX);
        for (int i = 0; i < 5; i++) {
            store.recordFailure("stale-" + i, T0, LockoutPolicy.NEVER);
        }
        store.recordFailure("locked", T0, (failures, now) -> now.plusSeconds(7200));
        store.recordFailure("fresh", T0.plusSeconds(3000), LockoutPolicy.NEVER);
        Instant staleBefore = T0.plusSeconds(1800);
        Instant now = T0.plusSeconds(3600);

        assertThat(store.purge(staleBefore, now, 2)).isEqualTo(2);
        assertThat(store.purge(staleBefore, now, 2)).isEqualTo(2);
        assertThat(store.purge(staleBefore, now, 2)).isEqualTo(1);
        assertThat(store.purge(staleBefore, now, 2)).isZero();

        assertThat(store.find("locked")).isPresent();
        assertThat(store.find("fresh")).isPresent();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    @DisplayName("two nodes purging at once delete every ended session exactly once")
    void twoNodesDeleteEverySessionOnce(TestDatabase database) {
        DataSource first = freshTables(database);
        JdbcTokenStore setup = new JdbcTokenStore(first, PREFIX);
        List<String> ended = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            Session session = session(T0.plusSeconds(1), T0.plusSeconds(1));
            setup.create(session);
            ended.add(session.id());
        }
        try (HikariDataSource second = database.newPool("ward-test-purge-node-2", 2)) {
            List<JdbcTokenStore> nodes = List.of(new JdbcTokenStore(first, PREFIX), new JdbcTokenStore(second, PREFIX));

            List<Concurrently.Outcome<Integer>> outcomes = Concurrently.run(4, i -> () -> {
                JdbcTokenStore node = nodes.get(i % 2);
                int total = 0;
                int deleted;
                do {
                    deleted = node.purge(T0.plusSeconds(2), 4);
                    assertThat(deleted).isBetween(0, 4);
                    total += deleted;
                } while (deleted > 0);
                return total;
            });

            assertThat(outcomes).allMatch(Concurrently.Outcome::succeeded);
            assertThat(outcomes.stream().mapToInt(Concurrently.Outcome::value).sum()).isEqualTo(60);
        }
        for (String id : ended) {
            assertThat(setup.findById(id)).isEmpty();
        }
    }
}
