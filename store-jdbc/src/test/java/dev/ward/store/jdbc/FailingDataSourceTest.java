package dev.ward.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.AdditionalAnswers.delegatesTo;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.ward.store.LockoutPolicy;
import dev.ward.store.LoginAttempts;
import dev.ward.store.NewUser;
import dev.ward.store.RecoveryCode;
import dev.ward.store.Session;
import dev.ward.store.StoreException;
import dev.ward.store.TotpCredential;
import dev.ward.store.User;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The JDBC stores over a {@code DataSource} that fails: every failure comes out as a
 * {@link StoreException} with the cause attached and without secrets, and every borrowed
 * connection goes back, also on failure. The connections are real H2 connections behind Mockito
 * mocks that delegate to them and fail where a test says.
 */
@DisplayName("JDBC stores over a DataSource that fails")
class FailingDataSourceTest {

    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00.123Z");
    private static final String SECRET_HASH = "secret-hash-" + UUID.randomUUID();
    private static final String EMAIL = "failing-" + UUID.randomUUID() + "@example.test";

    private final DataSource h2 = TestDatabase.H2.dataSource();

    /** Every store operation, by name, against the stores over {@code dataSource}. */
    private static Map<String, ThrowingCallable> operations(DataSource dataSource) {
        JdbcUserRepository users = new JdbcUserRepository(dataSource);
        JdbcTokenStore sessions = new JdbcTokenStore(dataSource);
        JdbcLoginAttemptStore attempts = new JdbcLoginAttemptStore(dataSource);
        JdbcSecondFactorStore secondFactors = new JdbcSecondFactorStore(dataSource);
        Session session = Session.start("s-" + UUID.randomUUID(), "u-1", SECRET_HASH, SECRET_HASH, T0,
                T0.plusSeconds(90), T0.plusSeconds(30), null, null);
        return Map.ofEntries(
                Map.entry("create user", () -> users.create(new NewUser("n", EMAIL, SECRET_HASH, Set.of("user"), T0))),
                Map.entry("find user by id", () -> users.findById("u-1")),
                Map.entry("find user by e-mail", () -> users.findByEmail(EMAIL)),
                Map.entry("update password hash", () -> users.updatePasswordHash("u-1", 0, SECRET_HASH)),
                Map.entry("change password", () -> users.changePassword("u-1", 0, SECRET_HASH)),
                Map.entry("update roles", () -> users.updateRoles("u-1", Set.of("admin"))),
                Map.entry("mark e-mail verified", () -> users.markEmailVerified("u-1", EMAIL, T0)),
                Map.entry("change e-mail", () -> users.changeEmail("u-1", EMAIL, "new-" + EMAIL, T0)),
                Map.entry("disable user", () -> users.setDisabled("u-1", true)),
                Map.entry("delete user", () -> users.delete("u-1")),
                Map.entry("create session", () -> sessions.create(session)),
                Map.entry("find session", () -> sessions.findById(session.id())),
                Map.entry("rotate", () -> sessions.rotate(session.id(), SECRET_HASH, SECRET_HASH, null, T0, T0)),
                Map.entry("re-stamp a rotation", () -> sessions.restampRotation(session.id(), SECRET_HASH, T0)),
                Map.entry("revoke", () -> sessions.revoke(session.id(), T0, "logout")),
                Map.entry("revoke all", () -> sessions.revokeAllForUser("u-1", session.id(), T0, "logout")),
                Map.entry("list sessions", () -> sessions.findActiveByUser("u-1", T0)),
                Map.entry("purge sessions", () -> sessions.purge(T0, 10)),
                Map.entry("delete sessions of a user", () -> sessions.deleteAllForUser("u-1")),
                Map.entry("record failure", () -> attempts.recordFailure(EMAIL, T0, LockoutPolicy.NEVER)),
                Map.entry("find attempts", () -> attempts.find(EMAIL)),
                Map.entry("reset attempts", () -> attempts.reset(EMAIL)),
                Map.entry("purge attempts", () -> attempts.purge(T0, T0, 10)),
                Map.entry("delete devices of a user", () -> attempts.deleteDevicesForUser("u-1")),
                Map.entry("save pending TOTP", () -> secondFactors.savePendingTotp(
                        TotpCredential.pending("u-1", SECRET_HASH, "key-1", T0))),
                Map.entry("find TOTP", () -> secondFactors.findTotp("u-1", true)),
                Map.entry("confirm TOTP", () -> secondFactors.confirmTotp("u-1", T0, 1)),
                Map.entry("record TOTP use", () -> secondFactors.recordTotpUse("u-1", 2)),
                Map.entry("delete TOTP", () -> secondFactors.deleteTotp("u-1")),
                Map.entry("replace recovery codes", () -> secondFactors.replaceRecoveryCodes("u-1",
                        List.of(new RecoveryCode("c-" + UUID.randomUUID(), "u-1", SECRET_HASH, T0, null)))),
                Map.entry("find recovery codes", () -> secondFactors.findUnusedRecoveryCodes("u-1")),
                Map.entry("use recovery code", () -> secondFactors.useRecoveryCode("u-1", "c-1", T0)),
                Map.entry("delete second factors of a user", () -> secondFactors.deleteAllForUser("u-1")));
    }

    private static void assertStoreFailure(String operation, ThrowingCallable call) {
        assertThatThrownBy(call)
                .as(operation)
                .isExactlyInstanceOf(StoreException.class)
                .hasCauseInstanceOf(SQLException.class)
                .hasMessageNotContaining(SECRET_HASH)
                .hasMessageNotContaining(EMAIL);
    }

    /**
     * A {@code DataSource} whose connections are real H2 connections behind Mockito mocks, and
     * whose statements fail, as if the network went down, when their SQL matches.
     */
    private final class Rigged {

        final List<Connection> handedOut = new ArrayList<>();
        final List<Connection> real = new ArrayList<>();
        final DataSource dataSource = mock(DataSource.class);

        Rigged(Predicate<String> failingStatements) throws SQLException {
            when(dataSource.getConnection()).thenAnswer(invocation -> {
                Connection connection = h2.getConnection();
                Connection mocked = mock(Connection.class, delegatesTo(connection));
                failStatements(mocked, connection, failingStatements);
                real.add(connection);
                handedOut.add(mocked);
                return mocked;
            });
        }

        void assertEveryConnectionReturned() throws SQLException {
            assertThat(handedOut).isNotEmpty();
            for (Connection connection : handedOut) {
                verify(connection).close();
            }
            for (Connection connection : real) {
                assertThat(connection.isClosed()).isTrue();
            }
        }
    }

    private static void failStatements(Connection mocked, Connection real, Predicate<String> which)
            throws SQLException {
        doAnswer(invocation -> {
            String sql = invocation.getArgument(0);
            PreparedStatement statement = real.prepareStatement(sql);
            if (!which.test(sql)) {
                return statement;
            }
            PreparedStatement failing = mock(PreparedStatement.class, delegatesTo(statement));
            doAnswer(i -> {
                throw new SQLException("Connection reset by peer", "08006");
            }).when(failing).executeUpdate();
            doAnswer(i -> {
                throw new SQLException("Connection reset by peer", "08006");
            }).when(failing).executeQuery();
            return failing;
        }).when(mocked).prepareStatement(anyString());
    }

    @Nested
    @DisplayName("when no connection can be had")
    class NoConnection {

        @Test
        @DisplayName("every operation throws StoreException with the driver's failure as cause")
        void everyOperationThrowsStoreException() throws SQLException {
            DataSource down = mock(DataSource.class);
            when(down.getConnection()).thenThrow(new SQLTransientConnectionException("Connection refused", "08001"));

            operations(down).forEach(FailingDataSourceTest::assertStoreFailure);
        }

        @Test
        @DisplayName("an unsupported database is reported as StoreException, and its connection is returned")
        void unsupportedDatabaseIsReported() throws SQLException {
            Connection connection = mock(Connection.class);
            DatabaseMetaData metaData = mock(DatabaseMetaData.class);
            when(metaData.getDatabaseProductName()).thenReturn("Oracle");
            when(connection.getMetaData()).thenReturn(metaData);
            DataSource oracle = mock(DataSource.class);
            when(oracle.getConnection()).thenReturn(connection);

            assertThatThrownBy(() -> new JdbcTokenStore(oracle).findById("s"))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("Oracle");
            verify(connection).close();
        }
    }

    @Nested
    @DisplayName("when the connection breaks in the middle of a statement")
    class BrokenStatement {

        @Test
        @DisplayName("every operation throws StoreException with the cause, and returns its connection")
        void everyOperationThrowsAndReturnsConnection() throws SQLException {
            for (String operation : operations(mock(DataSource.class)).keySet()) {
                Rigged rigged = new Rigged(sql -> true);
                assertStoreFailure(operation, operations(rigged.dataSource).get(operation));
                rigged.assertEveryConnectionReturned();
            }
        }
    }

    @Nested
    @DisplayName("record failure, when the connection breaks after the increment")
    class BrokenAfterIncrement {

        @Test
        @DisplayName("rolls the increment back, restores auto-commit and returns the connection")
        void rollsBackAndReturnsConnection() throws SQLException {
            String key = "broken-" + UUID.randomUUID();
            JdbcLoginAttemptStore healthy = new JdbcLoginAttemptStore(h2);
            healthy.recordFailure(key, T0, LockoutPolicy.NEVER);
            Rigged rigged = new Rigged(sql -> sql.contains("FOR UPDATE"));

            assertStoreFailure("record failure", () -> new JdbcLoginAttemptStore(rigged.dataSource)
                    .recordFailure(key, T0.plusSeconds(1), LockoutPolicy.NEVER));

            assertThat(healthy.find(key)).contains(new LoginAttempts(key, 1, T0, null));
            Connection connection = rigged.handedOut.get(0);
            verify(connection).rollback();
            verify(connection, never()).commit();
            verify(connection).setAutoCommit(true);
            rigged.assertEveryConnectionReturned();
        }

        @Test
        @DisplayName("a policy that throws rolls the increment back and its exception comes out unchanged")
        void throwingPolicyRollsBack() throws SQLException {
            String key = "policy-" + UUID.randomUUID();
            Rigged rigged = new Rigged(sql -> false);
            JdbcLoginAttemptStore store = new JdbcLoginAttemptStore(rigged.dataSource);
            IllegalStateException bug = new IllegalStateException("policy bug");

            assertThatThrownBy(() -> store.recordFailure(key, T0, (failures, now) -> {
                throw bug;
            })).isSameAs(bug);

            assertThat(store.find(key)).isEmpty();
            rigged.assertEveryConnectionReturned();
        }
    }

    @Nested
    @DisplayName("replacing recovery codes, when the connection breaks while inserting them")
    class BrokenReplacement {

        @Test
        @DisplayName("rolls the deletion back, restores auto-commit and returns the connection: the old codes stay")
        void rollsBackAndKeepsOldCodes() throws SQLException {
            String user = "u-" + UUID.randomUUID();
            JdbcSecondFactorStore healthy = new JdbcSecondFactorStore(h2);
            RecoveryCode old = new RecoveryCode("c-" + UUID.randomUUID(), user, SECRET_HASH, T0, null);
            healthy.replaceRecoveryCodes(user, List.of(old));
            Rigged rigged = new Rigged(sql -> sql.startsWith("INSERT INTO ward_recovery_codes"));

            assertStoreFailure("replace recovery codes", () -> new JdbcSecondFactorStore(rigged.dataSource)
                    .replaceRecoveryCodes(user, List.of(
                            new RecoveryCode("c-" + UUID.randomUUID(), user, SECRET_HASH, T0, null))));

            assertThat(healthy.findUnusedRecoveryCodes(user)).containsExactly(old);
            Connection connection = rigged.handedOut.get(0);
            verify(connection).rollback();
            verify(connection, never()).commit();
            verify(connection).setAutoCommit(true);
            rigged.assertEveryConnectionReturned();
        }
    }

    @Nested
    @DisplayName("a rotation whose UPDATE fails")
    class RotationFails {

        @Test
        @DisplayName("throws StoreException and leaves the session untouched")
        void failsBeforeUpdateLeavesSessionUntouched() throws SQLException {
            JdbcTokenStore healthy = new JdbcTokenStore(h2);
            Session session = Session.start("s-" + UUID.randomUUID(), "u-" + UUID.randomUUID(), "family", "current",
                    T0, T0.plusSeconds(90), T0.plusSeconds(30), null, null);
            healthy.create(session);
            Rigged rigged = new Rigged(sql -> sql.startsWith("UPDATE"));

            assertStoreFailure("rotate", () -> new JdbcTokenStore(rigged.dataSource)
                    .rotate(session.id(), "current", "next", null, T0.plusSeconds(1), T0.plusSeconds(31)));

            assertThat(healthy.findById(session.id())).contains(session);
            rigged.assertEveryConnectionReturned();
        }
    }

    @Nested
    @DisplayName("behind a HikariCP pool")
    class BehindPool {

        @Test
        @DisplayName("failed operations leave no connection checked out, and the pool serves again afterwards")
        void failuresLeaveNoConnectionCheckedOut() throws SQLException {
            boolean[] failing = {true};
            Rigged rigged = new Rigged(sql -> failing[0]);
            HikariConfig config = new HikariConfig();
            config.setPoolName("ward-test-failing");
            config.setDataSource(rigged.dataSource);
            config.setMaximumPoolSize(3);
            try (HikariDataSource pool = new HikariDataSource(config)) {
                JdbcUserRepository users = new JdbcUserRepository(pool);
                JdbcTokenStore sessions = new JdbcTokenStore(pool);

                for (int i = 0; i < 20; i++) {
                    assertThatThrownBy(() -> users.findById("u")).isInstanceOf(StoreException.class);
                    assertThatThrownBy(() -> sessions.revoke("s", T0, "r")).isInstanceOf(StoreException.class);
                    assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();
                }
                failing[0] = false;

                User user = users.create(new NewUser("n", "pool-" + UUID.randomUUID() + "@example.test", "h",
                        Set.of("user"), T0));
                assertThat(users.findById(user.id())).contains(user);
                assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();
            }
        }
    }
}
