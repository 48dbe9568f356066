package dev.ward.benchmarks;

import dev.ward.AuthManager;
import dev.ward.JwtAlgorithm;
import dev.ward.TokenPair;
import dev.ward.store.jdbc.JdbcLoginAttemptStore;
import dev.ward.store.jdbc.JdbcTokenStore;
import dev.ward.store.jdbc.JdbcUserRepository;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issuing on a database: Ward's {@code refresh} over the JDBC stores, next to a hand-written
 * JDBC floor that runs the statements a refresh needs, taken verbatim from
 * {@code JdbcTokenStore} and {@code JdbcUserRepository} (read the session by id, read the user
 * by id, the conditional {@code UPDATE}) in one transaction. {@link #floor} borrows one
 * connection from the same HikariCP pool per refresh and prepares the statements on it, as a
 * hand-written endpoint would; {@link #floorHeld} keeps one connection and its prepared
 * statements for the whole run, which is the database's own cost and nothing else.
 *
 * <p>Ward borrows a connection for each of its statements and runs each in auto-commit; it
 * also hashes the presented token, makes a new one and signs an HS256 access token, which the
 * floors do not. Each side cycles through {@value #SESSIONS} sessions of one user, made by
 * Ward's {@code logIn}. One thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class JdbcRefreshBenchmark {

    /** Sessions each side cycles through; a power of two. */
    static final int SESSIONS = 256;

    /** The database. */
    @Param({"H2", "POSTGRESQL", "MARIADB"})
    public String db;

    private Database.Server server;
    private AuthManager auth;
    private final String[] refreshTokens = new String[SESSIONS];
    private int nextToken;
    private JdbcFloor floor;

    /** Starts the database, signs up a user and logs in {@value #SESSIONS} times for each side. */
    @Setup
    public void setUp() {
        server = Database.valueOf(db).start();
        DataSource dataSource = server.dataSource();
        JdbcUserRepository users = new JdbcUserRepository(dataSource);
        auth = Fixtures.manager(users, new JdbcTokenStore(dataSource), new JdbcLoginAttemptStore(dataSource),
                Fixtures.keys(JwtAlgorithm.HS256).ward(), Fixtures.CHEAP_BCRYPT_COST);
        Fixtures.signUp(auth, users, "jdbc@example.com");
        String[] floorSessions = new String[SESSIONS];
        for (int i = 0; i < SESSIONS; i++) {
            refreshTokens[i] = auth.logIn("jdbc@example.com", Fixtures.PASSWORD).refreshToken();
            floorSessions[i] = auth.logIn("jdbc@example.com", Fixtures.PASSWORD).sessionId();
        }
        floor = new JdbcFloor(dataSource, floorSessions);
    }

    /**
     * Closes the floor's connection and stops the database.
     *
     * @throws SQLException if the floor's connection cannot be closed
     */
    @TearDown
    public void tearDown() throws SQLException {
        floor.close();
        server.close();
    }

    /**
     * Ward's refresh over {@code JdbcTokenStore} and {@code JdbcUserRepository}.
     *
     * @return the new token pair
     */
    @Benchmark
    public TokenPair ward() {
        int i = nextToken++ & (SESSIONS - 1);
        TokenPair next = auth.refresh(refreshTokens[i]);
        refreshTokens[i] = next.refreshToken();
        return next;
    }

    /**
     * The same three statements by hand, in one transaction on a connection borrowed from the
     * same pool for the refresh: what a hand-written refresh endpoint does.
     *
     * @return the user's roles, as read
     * @throws SQLException if the database fails
     */
    @Benchmark
    public String floor() throws SQLException {
        return floor.rotateBorrowed();
    }

    /**
     * The same three statements by hand, in one transaction on one connection held for the
     * whole run, prepared once: the database's own cost, with no pool and no parsing.
     *
     * @return the user's roles, as read
     * @throws SQLException if the database fails
     */
    @Benchmark
    public String floorHeld() throws SQLException {
        return floor.rotateHeld();
    }

    /**
     * The hand-written floor: per refresh one transaction of three statements; either on a
     * connection borrowed from the pool with its statements prepared for the refresh, or on
     * one connection held with its statements prepared once.
     */
    static final class JdbcFloor implements AutoCloseable {
        // Verbatim from JdbcTokenStore and JdbcUserRepository, with the default table prefix.
        static final String FIND_SESSION = "SELECT id, user_id, family_hash, current_hash, previous_hash, "
                + "created_at, expires_at, idle_expires_at, rotated_at, last_used_at, revoked_at, revoke_reason, "
                + "client_ip, user_agent FROM ward_sessions WHERE id = ?";
        static final String FIND_USER = "SELECT id, user_name, email, password_hash, roles, created_at "
                + "FROM ward_users WHERE id = ?";
        static final String ROTATE = """
                UPDATE ward_sessions
                SET current_hash = ?, previous_hash = ?, rotated_at = ?, last_used_at = ?, idle_expires_at = ?,
                    ended_at = LEAST(expires_at, ?)
                WHERE id = ? AND current_hash = ? AND revoked_at IS NULL""";
        private static final long IDLE_MILLIS = Duration.ofDays(30).toMillis();

        private final DataSource dataSource;
        private final String[] sessionIds;
        private final byte[] hashBytes = new byte[32];
        private int next;
        private long counter;
        private Connection held;
        private PreparedStatement[] heldStatements;

        JdbcFloor(DataSource dataSource, String[] sessionIds) {
            this.dataSource = dataSource;
            this.sessionIds = sessionIds.clone();
        }

        /** One refresh on a borrowed connection: prepare, run, commit, give it back. */
        String rotateBorrowed() throws SQLException {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                try (PreparedStatement findSession = connection.prepareStatement(FIND_SESSION);
                     PreparedStatement findUser = connection.prepareStatement(FIND_USER);
                     PreparedStatement rotate = connection.prepareStatement(ROTATE)) {
                    String roles = rotate(findSession, findUser, rotate);
                    connection.commit();
                    return roles;
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                }
            }
        }

        /** One refresh on the held connection with the statements prepared once. */
        String rotateHeld() throws SQLException {
            if (held == null) {
                held = dataSource.getConnection();
                held.setAutoCommit(false);
                heldStatements = new PreparedStatement[] {held.prepareStatement(FIND_SESSION),
                    held.prepareStatement(FIND_USER), held.prepareStatement(ROTATE)};
            }
            String roles = rotate(heldStatements[0], heldStatements[1], heldStatements[2]);
            held.commit();
            return roles;
        }

        private String rotate(PreparedStatement findSession, PreparedStatement findUser, PreparedStatement rotate)
                throws SQLException {
            String id = sessionIds[next++ & (sessionIds.length - 1)];
            long now = Fixtures.NOW.toEpochMilli();
            String userId;
            String currentHash;
            long expiresAt;
            findSession.setString(1, id);
            try (ResultSet row = findSession.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("session " + id + " is gone");
                }
                userId = row.getString("user_id");
                currentHash = row.getString("current_hash");
                expiresAt = row.getLong("expires_at");
                row.getLong("revoked_at");
                if (!row.wasNull()) {
                    throw new IllegalStateException("session " + id + " was revoked");
                }
            }
            String roles;
            findUser.setString(1, userId);
            try (ResultSet row = findUser.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("user " + userId + " is gone");
                }
                roles = row.getString("roles");
            }
            long idleExpiresAt = Math.min(now + IDLE_MILLIS, expiresAt);
            rotate.setString(1, nextHash());
            rotate.setString(2, currentHash);
            rotate.setLong(3, now);
            rotate.setLong(4, now);
            rotate.setLong(5, idleExpiresAt);
            rotate.setLong(6, idleExpiresAt);
            rotate.setString(7, id);
            rotate.setString(8, currentHash);
            if (rotate.executeUpdate() != 1) {
                throw new IllegalStateException("session " + id + " changed under the floor");
            }
            return roles;
        }

        /** A fresh 43-character hash, cheaply: a counter in 32 bytes, base64url. */
        private String nextHash() {
            long value = ++counter;
            for (int i = 0; i < 8; i++) {
                hashBytes[i] = (byte) (value >>> (8 * i));
            }
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hashBytes);
        }

        @Override
        public void close() throws SQLException {
            if (held != null) {
                held.rollback();
                held.close();
            }
        }
    }
}
