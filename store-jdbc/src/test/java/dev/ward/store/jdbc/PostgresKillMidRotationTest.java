package dev.ward.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.AdditionalAnswers.delegatesTo;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.zaxxer.hikari.HikariDataSource;
import dev.ward.store.Session;
import dev.ward.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Kills the database connection of a rotation at its most awkward moments, on a real
 * PostgreSQL, and checks that the session ends rotated whole or untouched, never half-rotated,
 * and that the caller always learns of the failure.
 */
@Timeout(120)
@DisplayName("a rotation whose PostgreSQL connection is killed")
class PostgresKillMidRotationTest {

    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00.123Z");
    private static final Duration IDLE = Duration.ofDays(30);

    private final DataSource admin = TestDatabase.POSTGRESQL.dataSource();
    private HikariDataSource nodePool;
    private JdbcTokenStore store;
    private ExecutorService executor;

    @BeforeEach
    void setUp() {
        nodePool = TestDatabase.POSTGRESQL.newPool("ward-test-kill", 2);
        store = new JdbcTokenStore(nodePool);
        executor = Executors.newSingleThreadExecutor();
    }

    @AfterEach
    void tearDown() {
        executor.shutdownNow();
        nodePool.close();
    }

    private static String hash(String label) {
        return (label + "-" + UUID.randomUUID().toString().replace("-", "") + "x".repeat(43)).substring(0, 43);
    }

    private Session createdSession() {
        Session session = Session.start(UUID.randomUUID().toString(), "u-" + UUID.randomUUID(), hash("family"),
                hash("current"), T0, T0.plus(Duration.ofDays(90)), T0.plus(IDLE), "203.0.113.7", "KillTest/1.0");
        store.create(session);
        return session;
    }

    @Test
    @DisplayName("killed while its UPDATE waits for the row: StoreException, and the session is untouched")
    void killedWhileWaitingLeavesSessionUntouched() throws Exception {
        Session session = createdSession();

        try (Connection holder = admin.getConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement("SELECT id FROM ward_sessions WHERE id = ? FOR UPDATE")) {
                lock.setString(1, session.id());
                lock.executeQuery().close();
            }
            int holderPid = backendPid(holder);

            Future<Boolean> rotation = executor.submit(() -> store.rotate(session.id(), session.currentHash(),
                    hash("next"), null, T0.plusSeconds(5), T0.plus(IDLE)));
            int rotatingPid = awaitBackendBlockedBy(holderPid);
            assertThat(terminate(rotatingPid)).isTrue();

            assertThatThrownBy(() -> rotation.get(60, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(StoreException.class)
                    .hasCauseInstanceOf(SQLException.class)
                    .hasMessageNotContaining(session.currentHash());
            holder.rollback();
        }
        assertThat(nodePool.getHikariPoolMXBean().getActiveConnections()).isZero();

        assertThat(store.findById(session.id())).contains(session);
    }

    @Test
    @DisplayName("killed after its UPDATE ran but before the commit: StoreException, and the session is untouched")
    void killedBeforeCommitLeavesSessionUntouched() throws Exception {
        Session session = createdSession();
        // A connection with auto-commit off, as some pools hand them out: the store then
        // commits itself, and the kill lands between the UPDATE and the COMMIT.
        try (Connection real = nodePool.getConnection()) {
            real.setAutoCommit(false);
            int pid = backendPid(real);
            real.commit();
            Connection connection = mock(Connection.class, delegatesTo(real));
            doAnswer(invocation -> {
                assertThat(terminate(pid)).isTrue();
                real.commit();
                return null;
            }).when(connection).commit();
            DataSource dataSource = mock(DataSource.class);
            when(dataSource.getConnection()).thenReturn(connection);
            JdbcTokenStore dying = new JdbcTokenStore(dataSource);

            assertThatThrownBy(() -> dying.rotate(session.id(), session.currentHash(), hash("next"), null,
                    T0.plusSeconds(5), T0.plus(IDLE)))
                    .isInstanceOf(StoreException.class)
                    .hasCauseInstanceOf(SQLException.class);
            verify(connection).close();
        }

        assertThat(store.findById(session.id())).contains(session);
    }

    @Test
    @DisplayName("killed after its UPDATE committed, before the reply: StoreException, and the session is rotated whole")
    void killedAfterCommitLeavesSessionRotatedWhole() throws Exception {
        Session session = createdSession();
        String next = hash("next");
        Instant now = T0.plusSeconds(5);
        try (Connection real = nodePool.getConnection()) {
            int pid = backendPid(real);
            Connection connection = mock(Connection.class, delegatesTo(real));
            doAnswer(invocation -> {
                PreparedStatement statement = real.prepareStatement(invocation.getArgument(0));
                PreparedStatement dyingAfterwards = mock(PreparedStatement.class, delegatesTo(statement));
                doAnswer(execute -> {
                    statement.executeUpdate();
                    assertThat(terminate(pid)).isTrue();
                    // The reply to the UPDATE is what the kill takes away; read on the dead
                    // connection for the error that the driver reports then.
                    real.prepareStatement("SELECT 1").executeQuery();
                    throw new AssertionError("the connection should be dead");
                }).when(dyingAfterwards).executeUpdate();
                return dyingAfterwards;
            }).when(connection).prepareStatement(anyString());
            DataSource dataSource = mock(DataSource.class);
            when(dataSource.getConnection()).thenReturn(connection);
            JdbcTokenStore dying = new JdbcTokenStore(dataSource);

            assertThatThrownBy(() -> dying.rotate(session.id(), session.currentHash(), next, null, now,
                    now.plus(IDLE)))
                    .isInstanceOf(StoreException.class)
                    .hasCauseInstanceOf(SQLException.class);
        }

        Session after = store.findById(session.id()).orElseThrow();
        assertThat(after).isEqualTo(new Session(session.id(), session.userId(), session.familyHash(), next,
                session.currentHash(), null, session.createdAt(), session.expiresAt(), now.plus(IDLE), now, now,
                null, null, session.clientIp(), session.userAgent(), session.credentialsVersion()));
    }

    private static int backendPid(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_backend_pid()");
             ResultSet row = statement.executeQuery()) {
            row.next();
            return row.getInt(1);
        }
    }

    /** Polls the server until a backend waits for a lock that {@code holderPid} holds. */
    private int awaitBackendBlockedBy(int holderPid) throws SQLException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try (Connection connection = admin.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT pid FROM pg_stat_activity WHERE ? = ANY (pg_blocking_pids(pid))")) {
            statement.setInt(1, holderPid);
            while (System.nanoTime() < deadline) {
                try (ResultSet row = statement.executeQuery()) {
                    if (row.next()) {
                        return row.getInt(1);
                    }
                }
            }
        }
        throw new AssertionError("the rotation never waited for the row lock");
    }

    /** Terminates a backend and waits until it is gone (PostgreSQL 14's timeout argument). */
    private boolean terminate(int pid) throws SQLException {
        try (Connection connection = admin.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT pg_terminate_backend(?, 10000)")) {
            statement.setInt(1, pid);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getBoolean(1);
            }
        }
    }
}
