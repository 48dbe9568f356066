package dev.ward.store.jdbc;

import dev.ward.store.OneTimeToken;
import dev.ward.store.OneTimeTokenPurpose;
import dev.ward.store.OneTimeTokenStore;
import dev.ward.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A {@link OneTimeTokenStore} in a relational database, reached through a {@link DataSource}.
 *
 * <p>For applications on one or more nodes: a token issued on one node can be used on any
 * other, and only once. The table ({@code ward_one_time_tokens} by default) must exist; see
 * {@link JdbcSchema}. Call {@link #purge(Instant, int)} regularly, from any node.
 *
 * <p>Thread-safe; the store holds only the {@code DataSource} and its statements. A token is
 * used by one conditional {@code UPDATE ... WHERE used_at IS NULL AND expires_at > ?}: the
 * database lets one of any number of concurrent updates of the row match, and its row count
 * of one decides the winner; the row is then read back in the same transaction. Superseding is
 * the same update over a user's tokens of one purpose, so a token is consumed or superseded,
 * never both. {@code ended_at}, the earlier of use and expiry, is kept by every update, so that
 * a purge is one index range.
 *
 * <p>Values over the column limits (hash and user id 64 characters, bound value 254) are
 * refused with a {@link StoreException} that does not repeat them. Every failure of the database
 * comes out as a {@link StoreException} with the cause attached, and every statement carries a
 * query timeout of {@value JdbcTokenStore#DEFAULT_QUERY_TIMEOUT_SECONDS} seconds.
 */
public final class JdbcOneTimeTokenStore implements OneTimeTokenStore {

    private static final int MAX_HASH = 64;
    private static final int MAX_USER_ID = 64;
    private static final int MAX_BOUND_VALUE = 254;

    private static final String COLUMNS = "token_hash, purpose, user_id, bound_value, created_at, expires_at, used_at";

    private static final String INSERT = "INSERT INTO %TABLE% (" + COLUMNS + ", ended_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

    private static final String FIND = "SELECT " + COLUMNS + " FROM %TABLE% WHERE token_hash = ?";

    private static final String CONSUME = """
            UPDATE %TABLE% SET used_at = ?, ended_at = ?
            WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?""";

    private static final String SUPERSEDE = """
            UPDATE %TABLE% SET used_at = ?, ended_at = ?
            WHERE user_id = ? AND purpose = ? AND used_at IS NULL AND expires_at > ?""";

    private static final String DELETE_FOR_USER = "DELETE FROM %TABLE% WHERE user_id = ?";

    private final Jdbc<String> jdbc;
    private final String table;
    private final String insert;
    private final String find;
    private final String consume;
    private final String supersede;
    private final String deleteForUser;

    /**
     * Creates a store over the table {@code ward_one_time_tokens}.
     *
     * @param dataSource the database; ideally a connection pool
     * @throws NullPointerException if {@code dataSource} is null
     */
    public JdbcOneTimeTokenStore(DataSource dataSource) {
        this(dataSource, JdbcSchema.DEFAULT_TABLE_PREFIX);
    }

    /**
     * Creates a store over the table {@code <tablePrefix>one_time_tokens}.
     *
     * @param dataSource the database; ideally a connection pool
     * @param tablePrefix letters, digits and underscores, not starting with a digit, at most 32
     *     characters; may be empty
     * @throws IllegalArgumentException if the prefix is not valid
     * @throws NullPointerException if an argument is null
     */
    public JdbcOneTimeTokenStore(DataSource dataSource, String tablePrefix) {
        this.table = Sql.checkPrefix(tablePrefix) + "one_time_tokens";
        this.jdbc = new Jdbc<>(dataSource,
                dialect -> dialect.boundedDelete(table, "token_hash", "ended_at < ?", "ended_at, token_hash"));
        this.insert = Sql.table(INSERT, table);
        this.find = Sql.table(FIND, table);
        this.consume = Sql.table(CONSUME, table);
        this.supersede = Sql.table(SUPERSEDE, table);
        this.deleteForUser = Sql.table(DELETE_FOR_USER, table);
    }

    @Override
    public void create(OneTimeToken token) {
        Objects.requireNonNull(token, "token");
        Sql.checkLength(token.tokenHash(), MAX_HASH, "one-time token hash");
        Sql.checkLength(token.userId(), MAX_USER_ID, "user id");
        Sql.checkLength(token.boundValue(), MAX_BOUND_VALUE, "one-time token bound value");
        jdbc.call("create a one-time token", (connection, dialect, purge) -> {
            try (PreparedStatement statement = jdbc.prepare(connection, insert)) {
                statement.setString(1, token.tokenHash());
                statement.setString(2, token.purpose().code());
                statement.setString(3, token.userId());
                statement.setString(4, token.boundValue());
                statement.setLong(5, Sql.millis(token.createdAt()));
                statement.setLong(6, Sql.millis(token.expiresAt()));
                setInstant(statement, 7, token.usedAt());
                statement.setLong(8, Sql.millis(token.endedAt()));
                return statement.executeUpdate();
            } catch (SQLException e) {
                if (dialect.isDuplicateKey(e)) {
                    throw new StoreException("a one-time token with this hash already exists", e);
                }
                throw e;
            }
        });
    }

    private static void setInstant(PreparedStatement statement, int parameter, Instant instant) throws SQLException {
        if (instant == null) {
            statement.setNull(parameter, Types.BIGINT);
        } else {
            statement.setLong(parameter, Sql.millis(instant));
        }
    }

    @Override
    public Optional<OneTimeToken> findByHash(String tokenHash) {
        Objects.requireNonNull(tokenHash, "tokenHash");
        if (tokenHash.length() > MAX_HASH) {
            return Optional.empty(); // no stored hash is longer
        }
        return jdbc.call("find a one-time token", (connection, dialect, purge) -> read(connection, tokenHash));
    }

    private Optional<OneTimeToken> read(Connection connection, String tokenHash) throws SQLException {
        try (PreparedStatement statement = jdbc.prepare(connection, find)) {
            statement.setString(1, tokenHash);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new OneTimeToken(row.getString(1), OneTimeTokenPurpose.fromCode(row.getString(2)),
                        row.getString(3), row.getString(4), Sql.instant(row, 5), Sql.instant(row, 6),
                        Sql.instant(row, 7)));
            }
        }
    }

    @Override
    public Optional<OneTimeToken> consume(String tokenHash, Instant now) {
        Objects.requireNonNull(tokenHash, "tokenHash");
        Objects.requireNonNull(now, "now");
        if (tokenHash.length() > MAX_HASH) {
            return Optional.empty();
        }
        long at = Sql.millis(now);
        return jdbc.transaction("use a one-time token", (connection, dialect, purge) -> {
            if (update(connection, consume, at, at, tokenHash, at) != 1) {
                return Optional.empty(); // unknown, used, superseded, expired, or another call won
            }
            return read(connection, tokenHash);
        });
    }

    @Override
    public int supersede(String userId, OneTimeTokenPurpose purpose, Instant now) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(now, "now");
        long at = Sql.millis(now);
        return jdbc.call("supersede one-time tokens", (connection, dialect, purge) ->
                update(connection, supersede, at, at, userId, purpose.code(), at));
    }

    @Override
    public int purge(Instant endedBefore, int batchSize) {
        Objects.requireNonNull(endedBefore, "endedBefore");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
        long before = Sql.millis(endedBefore);
        return jdbc.call("purge ended one-time tokens", (connection, dialect, purge) ->
                update(connection, purge, before, batchSize));
    }

    @Override
    public int deleteAllForUser(String userId) {
        Objects.requireNonNull(userId, "userId");
        return jdbc.call("delete a user's one-time tokens", (connection, dialect, purge) ->
                update(connection, deleteForUser, userId));
    }

    /** Runs an {@code UPDATE} or {@code DELETE} whose parameters are longs, ints and strings. */
    private int update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = jdbc.prepare(connection, sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }

    @Override
    public String toString() {
        return "JdbcOneTimeTokenStore[table=" + table + "]";
    }
}
