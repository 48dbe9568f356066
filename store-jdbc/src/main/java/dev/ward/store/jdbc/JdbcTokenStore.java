package dev.ward.store.jdbc;

import dev.ward.store.Session;
import dev.ward.store.StoreException;
import dev.ward.store.TokenStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A {@link TokenStore} in a relational database, reached through a {@link DataSource}.
 *
 * <p>For applications that run on one or more nodes: a session created on one node can be
 * refreshed, listed or revoked on any other, and a stolen refresh token is detected whichever
 * node it reaches. Not a cache: every call is a round trip to the database. The table
 * ({@code ward_sessions} by default) must exist; see {@link JdbcSchema}. Call
 * {@link #purge(Instant, int)} regularly, from any node, to delete ended sessions.
 *
 * <p>Thread-safe; the store holds only the {@code DataSource} and its statements. Every
 * rotation and revocation is one conditional {@code UPDATE} whose row count decides the winner,
 * with no read before it and no table lock: the database applies concurrent updates of one row
 * one after the other, and each re-checks its condition against the row as the previous one
 * left it. A failure of the database comes out as a {@link StoreException} with the cause
 * attached, and the connection goes back to the pool. When the connection breaks while a
 * rotation is under way, the caller cannot know whether it was applied, but the session is
 * rotated whole or not at all.
 *
 * <p>Every statement carries a query timeout ({@value #DEFAULT_QUERY_TIMEOUT_SECONDS} seconds
 * unless given), which must stay well below the refresh grace window: a database that stalls
 * then fails the refresh with a {@link StoreException} (503, the client retries) rather than
 * answering late, after the window the rotation opened has closed (SECURITY.md).
 *
 * <p>Limits, in characters: id, user id and hashes 64, revoke reason 64, client IP 45, user
 * agent 512. A value past these limits is refused with a {@link StoreException} that does not
 * repeat it.
 */
public final class JdbcTokenStore implements TokenStore {

    /** The query timeout, in seconds, of a store created without one. */
    public static final int DEFAULT_QUERY_TIMEOUT_SECONDS = 10;

    private static final int MAX_ID = 64;
    private static final int MAX_HASH = 64;
    private static final int MAX_REASON = 64;
    private static final int MAX_CLIENT_IP = 45;
    private static final int MAX_USER_AGENT = 512;

    private static final String COLUMNS = """
            id, user_id, family_hash, current_hash, previous_hash, created_at, expires_at, idle_expires_at, \
            rotated_at, last_used_at, revoked_at, revoke_reason, client_ip, user_agent, credentials_version, \
            successor_mask""";

    private static final String INSERT = "INSERT INTO %TABLE% (" + COLUMNS + ", ended_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private static final String FIND_BY_ID = "SELECT " + COLUMNS + " FROM %TABLE% WHERE id = ?";

    // The row count decides the winner: of concurrent calls expecting one hash, the first to
    // update the row changes current_hash, and the others then find no row that matches.
    // previous_hash is bound to the expected hash, which equals the old current_hash, so the
    // result does not depend on the order in which a database applies the assignments.
    private static final String ROTATE = """
            UPDATE %TABLE%
            SET current_hash = ?, previous_hash = ?, successor_mask = ?, rotated_at = ?, last_used_at = ?,
                idle_expires_at = ?, ended_at = LEAST(expires_at, ?)
            WHERE id = ? AND current_hash = ? AND revoked_at IS NULL""";

    // rotated_at < ? keeps the window from moving earlier; current_hash = ? leaves alone a
    // session that rotated again meanwhile.
    private static final String RESTAMP_ROTATION = """
            UPDATE %TABLE% SET rotated_at = ?
            WHERE id = ? AND current_hash = ? AND rotated_at < ? AND revoked_at IS NULL""";

    // revoked_at IS NULL makes revocation idempotent: the first revocation's instant and reason stay.
    private static final String REVOKE = """
            UPDATE %TABLE% SET revoked_at = ?, revoke_reason = ?, ended_at = LEAST(ended_at, ?)
            WHERE id = ? AND revoked_at IS NULL""";

    private static final String REVOKE_ALL_FOR_USER = """
            UPDATE %TABLE% SET revoked_at = ?, revoke_reason = ?, ended_at = LEAST(ended_at, ?)
            WHERE user_id = ? AND revoked_at IS NULL""";

    private static final String REVOKE_ALL_FOR_USER_EXCEPT = REVOKE_ALL_FOR_USER + " AND id <> ?";

    // Not batched like the purge: one user's sessions are few, and the user_id index finds them.
    private static final String DELETE_ALL_FOR_USER = "DELETE FROM %TABLE% WHERE user_id = ?";

    private static final String FIND_ACTIVE_BY_USER = "SELECT " + COLUMNS + """
             FROM %TABLE%
            WHERE user_id = ? AND revoked_at IS NULL AND expires_at > ? AND idle_expires_at > ?
            ORDER BY created_at DESC, id""";

    private final Jdbc<String> jdbc;
    private final String table;
    private final String insert;
    private final String findById;
    private final String rotate;
    private final String restampRotation;
    private final String revoke;
    private final String revokeAllForUser;
    private final String revokeAllForUserExcept;
    private final String findActiveByUser;
    private final String deleteAllForUser;

    /**
     * Creates a store over the table {@code ward_sessions}.
     *
     * @param dataSource the database; ideally a connection pool
     * @throws NullPointerException if {@code dataSource} is null
     */
    public JdbcTokenStore(DataSource dataSource) {
        this(dataSource, JdbcSchema.DEFAULT_TABLE_PREFIX);
    }

    /**
     * Creates a store over the table {@code <tablePrefix>sessions}.
     *
     * @param dataSource the database; ideally a connection pool
     * @param tablePrefix letters, digits and underscores, not starting with a digit, at most 32
     *     characters; may be empty
     * @throws IllegalArgumentException if the prefix is not valid
     * @throws NullPointerException if an argument is null
     */
    public JdbcTokenStore(DataSource dataSource, String tablePrefix) {
        this(dataSource, tablePrefix, Duration.ofSeconds(DEFAULT_QUERY_TIMEOUT_SECONDS));
    }

    /**
     * Creates a store over the table {@code <tablePrefix>sessions} whose statements give up
     * after {@code queryTimeout}.
     *
     * @param dataSource the database; ideally a connection pool
     * @param tablePrefix letters, digits and underscores, not starting with a digit, at most 32
     *     characters; may be empty
     * @param queryTimeout how long one statement may run before it fails with a
     *     {@link StoreException}: a positive whole number of seconds, shorter than the refresh
     *     grace window (default {@value #DEFAULT_QUERY_TIMEOUT_SECONDS} s)
     * @throws IllegalArgumentException if the prefix or the timeout is not valid
     * @throws NullPointerException if an argument is null
     */
    public JdbcTokenStore(DataSource dataSource, String tablePrefix, Duration queryTimeout) {
        this.table = Sql.checkPrefix(tablePrefix) + "sessions";
        // The purge is the one statement that differs between databases.
        this.jdbc = new Jdbc<>(dataSource, dialect -> dialect.boundedDelete(table, "id", "ended_at <= ?",
                "ended_at, id"), queryTimeout);
        this.insert = Sql.table(INSERT, table);
        this.findById = Sql.table(FIND_BY_ID, table);
        this.rotate = Sql.table(ROTATE, table);
        this.restampRotation = Sql.table(RESTAMP_ROTATION, table);
        this.revoke = Sql.table(REVOKE, table);
        this.revokeAllForUser = Sql.table(REVOKE_ALL_FOR_USER, table);
        this.revokeAllForUserExcept = Sql.table(REVOKE_ALL_FOR_USER_EXCEPT, table);
        this.findActiveByUser = Sql.table(FIND_ACTIVE_BY_USER, table);
        this.deleteAllForUser = Sql.table(DELETE_ALL_FOR_USER, table);
    }

    @Override
    public void create(Session session) {
        Objects.requireNonNull(session, "session");
        Sql.checkLength(session.id(), MAX_ID, "session id");
        Sql.checkLength(session.userId(), MAX_ID, "user id");
        Sql.checkLength(session.familyHash(), MAX_HASH, "family hash");
        Sql.checkLength(session.currentHash(), MAX_HASH, "current hash");
        Sql.checkLength(session.previousHash(), MAX_HASH, "previous hash");
        Sql.checkLength(session.successorMask(), MAX_HASH, "successor mask");
        Sql.checkLength(session.revokeReason(), MAX_REASON, "revoke reason");
        Sql.checkLength(session.clientIp(), MAX_CLIENT_IP, "client IP");
        Sql.checkLength(session.userAgent(), MAX_USER_AGENT, "user agent");
        jdbc.call("create a session", (connection, dialect, purge) -> {
            try (PreparedStatement statement = jdbc.prepare(connection, insert)) {
                statement.setString(1, session.id());
                statement.setString(2, session.userId());
                statement.setString(3, session.familyHash());
                statement.setString(4, session.currentHash());
                statement.setString(5, session.previousHash());
                statement.setLong(6, Sql.millis(session.createdAt()));
                statement.setLong(7, Sql.millis(session.expiresAt()));
                statement.setLong(8, Sql.millis(session.idleExpiresAt()));
                setInstant(statement, 9, session.rotatedAt());
                statement.setLong(10, Sql.millis(session.lastUsedAt()));
                setInstant(statement, 11, session.revokedAt());
                statement.setString(12, session.revokeReason());
                statement.setString(13, session.clientIp());
                statement.setString(14, session.userAgent());
                statement.setLong(15, session.credentialsVersion());
                statement.setString(16, session.successorMask());
                statement.setLong(17, endedAt(session));
                statement.executeUpdate();
                return null;
            } catch (SQLException e) {
                if (dialect.isDuplicateKey(e)) {
                    throw new StoreException("a session with this id already exists", e);
                }
                throw e;
            }
        });
    }

    private static long endedAt(Session session) {
        long ended = Math.min(Sql.millis(session.expiresAt()), Sql.millis(session.idleExpiresAt()));
        return session.revokedAt() == null ? ended : Math.min(ended, Sql.millis(session.revokedAt()));
    }

    private static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        if (instant == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, Sql.millis(instant));
        }
    }

    @Override
    public Optional<Session> findById(String sessionId) {
        Objects.requireNonNull(sessionId, "sessionId");
        return jdbc.call("find a session", (connection, dialect, purge) -> {
            try (PreparedStatement statement = jdbc.prepare(connection, findById)) {
                statement.setString(1, sessionId);
                try (ResultSet row = statement.executeQuery()) {
                    return row.next() ? Optional.of(session(row)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public boolean rotate(String sessionId, String expectedCurrentHash, String newHash, String successorMask,
                          Instant now, Instant newIdleExpiresAt) {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(expectedCurrentHash, "expectedCurrentHash");
        Objects.requireNonNull(newHash, "newHash");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(newIdleExpiresAt, "newIdleExpiresAt");
        Sql.checkLength(newHash, MAX_HASH, "new hash");
        Sql.checkLength(successorMask, MAX_HASH, "successor mask");
        return jdbc.call("rotate a session", (connection, dialect, purge) -> {
            try (PreparedStatement statement = jdbc.prepare(connection, rotate)) {
                statement.setString(1, newHash);
                statement.setString(2, expectedCurrentHash);
                statement.setString(3, successorMask);
                statement.setLong(4, Sql.millis(now));
                statement.setLong(5, Sql.millis(now));
                statement.setLong(6, Sql.millis(newIdleExpiresAt));
                statement.setLong(7, Sql.millis(newIdleExpiresAt));
                statement.setString(8, sessionId);
                statement.setString(9, expectedCurrentHash);
                return statement.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean restampRotation(String sessionId, String expectedCurrentHash, Instant rotatedAt) {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(expectedCurrentHash, "expectedCurrentHash");
        Objects.requireNonNull(rotatedAt, "rotatedAt");
        return jdbc.call("re-stamp a rotation", (connection, dialect, purge) -> {
            try (PreparedStatement statement = jdbc.prepare(connection, restampRotation)) {
                statement.setLong(1, Sql.millis(rotatedAt));
                statement.setString(2, sessionId);
                statement.setString(3, expectedCurrentHash);
                statement.setLong(4, Sql.millis(rotatedAt));
                return statement.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean revoke(String sessionId, Instant now, String reason) {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(reason, "reason");
        Sql.checkLength(reason, MAX_REASON, "revoke reason");
        return jdbc.call("revoke a session", (connection, dialect, purge) -> {
            try (PreparedStatement statement = jdbc.prepare(connection, revoke)) {
                bindRevocation(statement, now, reason);
                statement.setString(4, sessionId);
                return statement.executeUpdate() == 1;
            }
        });
    }

    @Override
    public int revokeAllForUser(String userId, String exceptSessionId, Instant now, String reason) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(reason, "reason");
        Sql.checkLength(reason, MAX_REASON, "revoke reason");
        String sql = exceptSessionId == null ? revokeAllForUser : revokeAllForUserExcept;
        return jdbc.call("revoke the sessions of a user", (connection, dialect, purge) -> {
            try (PreparedStatement statement = jdbc.prepare(connection, sql)) {
                bindRevocation(statement, now, reason);
                statement.setString(4, userId);
                if (exceptSessionId != null) {
                    statement.setString(5, exceptSessionId);
                }
                return statement.executeUpdate();
            }
        });
    }

    @Override
    public int deleteAllForUser(String userId) {
        Objects.requireNonNull(userId, "userId");
        return jdbc.call("delete the sessions of a user", (connection, dialect, purge) -> {
            try (PreparedStatement statement = jdbc.prepare(connection, deleteAllForUser)) {
                statement.setString(1, userId);
                return statement.executeUpdate();
            }
        });
    }

    private static void bindRevocation(PreparedStatement statement, Instant now, String reason) throws SQLException {
        statement.setLong(1, Sql.millis(now));
        statement.setString(2, reason);
        statement.setLong(3, Sql.millis(now));
    }

    @Override
    public List<Session> findActiveByUser(String userId, Instant now) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(now, "now");
        return jdbc.call("list the sessions of a user", (connection, dialect, purge) -> {
            try (PreparedStatement statement = jdbc.prepare(connection, findActiveByUser)) {
                statement.setString(1, userId);
                statement.setLong(2, Sql.millis(now));
                statement.setLong(3, Sql.millis(now));
                try (ResultSet row = statement.executeQuery()) {
                    List<Session> sessions = new ArrayList<>();
                    while (row.next()) {
                        sessions.add(session(row));
                    }
                    return List.copyOf(sessions);
                }
            }
        });
    }

    @Override
    public int purge(Instant endedBefore, int batchSize) {
        Objects.requireNonNull(endedBefore, "endedBefore");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
        return jdbc.call("purge ended sessions", (connection, dialect, purge) -> {
            try (PreparedStatement statement = jdbc.prepare(connection, purge)) {
                statement.setLong(1, Sql.millis(endedBefore));
                statement.setInt(2, batchSize);
                return statement.executeUpdate();
            }
        });
    }

    /** Reads a row of {@link #COLUMNS}, by position: a name costs a look-up per column. */
    private static Session session(ResultSet row) throws SQLException {
        return new Session(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                row.getString(5), row.getString(16), Sql.instant(row, 6), Sql.instant(row, 7), Sql.instant(row, 8),
                Sql.instant(row, 9), Sql.instant(row, 10), Sql.instant(row, 11), row.getString(12), row.getString(13),
                row.getString(14), row.getLong(15));
    }

    @Override
    public String toString() {
        return "JdbcTokenStore[table=" + table + "]";
    }
}
