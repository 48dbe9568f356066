package dev.ward.store.jdbc;

import dev.ward.store.KnownDevice;
import dev.ward.store.LockoutPolicy;
import dev.ward.store.LoginAttemptStore;
import dev.ward.store.LoginAttempts;
import dev.ward.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * A {@link LoginAttemptStore} in a relational database, reached through a {@link DataSource}.
 *
 * <p>For applications that run on one or more nodes: an attacker who spreads guesses over all
 * nodes meets one shared counter per key, and a lock set on one node holds on every other. Not
 * for hosts that cannot afford a database write per failed log-in. The table
 * ({@code ward_login_attempts} by default), and {@code ward_login_devices} for the known devices,
 * must exist; see {@link JdbcSchema}. Call
 * {@link #purge(Instant, Instant, int)} regularly, from any node, to delete stale keys.
 *
 * <p>Thread-safe; the store holds only the {@code DataSource} and its statements. A failure is
 * counted in one transaction: an upsert adds one in the database itself (never a read, then a
 * write of the sum; nothing while the key is locked), which locks the key's row until the commit; the new count is read under
 * that lock, the {@link LockoutPolicy} decides the lock, and a later lock is written before the
 * commit. Concurrent failures for one key on any number of nodes therefore queue on the row and
 * lose no count. On a deadlock or serialisation conflict, which the database rolls back, the
 * transaction runs again, and so may the policy.
 *
 * <p>Keys of up to 320 characters are stored whole and found by exact match. A longer key is
 * refused with a {@link StoreException} that does not repeat it. Every failure of the database
 * comes out as a {@link StoreException} with the cause attached, and the connection goes back to
 * the pool.
 *
 * <p>Every statement carries a query timeout of
 * {@value JdbcTokenStore#DEFAULT_QUERY_TIMEOUT_SECONDS} seconds, so that a stalled database
 * surfaces as a {@link StoreException} rather than as a success long after the fact.
 */
public final class JdbcLoginAttemptStore implements LoginAttemptStore {

    private static final int MAX_KEY = 320;

    private static final String FIND = """
            SELECT failures, last_failure_at, locked_until FROM %TABLE% WHERE attempt_key = ?""";

    // The upsert already holds the row lock; FOR UPDATE makes the read see the latest row
    // whatever the isolation level, rather than a snapshot taken earlier.
    private static final String FIND_FOR_UPDATE = FIND + " FOR UPDATE";

    private static final String EXTEND_LOCK = """
            UPDATE %TABLE% SET locked_until = ?
            WHERE attempt_key = ? AND (locked_until IS NULL OR locked_until < ?)""";

    private static final String RESET = "DELETE FROM %TABLE% WHERE attempt_key = ?";

    private static final String SAVE_DEVICE = """
            INSERT INTO %TABLE% (id, user_id, secret_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)""";

    // Not batched like the purge: one user's devices are few, and the user_id index finds them.
    private static final String DELETE_DEVICES_FOR_USER = "DELETE FROM %TABLE% WHERE user_id = ?";

    private static final String FIND_DEVICE = """
            SELECT user_id, secret_hash, created_at, expires_at FROM %TABLE% WHERE id = ?""";

    private final Jdbc<Prepared> jdbc;
    private final String table;
    private final String find;
    private final String findForUpdate;
    private final String extendLock;
    private final String reset;
    private final String devices;
    private final String saveDevice;
    private final String findDevice;
    private final String deleteDevicesForUser;

    /** The statements that differ between databases, prepared once the database is known. */
    private record Prepared(Dialect.FailureCounter counter, String purge, String purgeDevices) {
    }

    /**
     * Creates a store over the table {@code ward_login_attempts}.
     *
     * @param dataSource the database; ideally a connection pool
     * @throws NullPointerException if {@code dataSource} is null
     */
    public JdbcLoginAttemptStore(DataSource dataSource) {
        this(dataSource, JdbcSchema.DEFAULT_TABLE_PREFIX);
    }

    /**
     * Creates a store over the tables {@code <tablePrefix>login_attempts} and
     * {@code <tablePrefix>login_devices}.
     *
     * @param dataSource the database; ideally a connection pool
     * @param tablePrefix letters, digits and underscores, not starting with a digit, at most 32
     *     characters; may be empty
     * @throws IllegalArgumentException if the prefix is not valid
     * @throws NullPointerException if an argument is null
     */
    public JdbcLoginAttemptStore(DataSource dataSource, String tablePrefix) {
        this.table = Sql.checkPrefix(tablePrefix) + "login_attempts";
        this.devices = tablePrefix + "login_devices";
        this.jdbc = new Jdbc<>(dataSource, dialect -> new Prepared(dialect.failureCounter(table),
                dialect.boundedDelete(table, "attempt_key",
                        "last_failure_at < ? AND (locked_until IS NULL OR locked_until <= ?)",
                        "last_failure_at, attempt_key"),
                dialect.boundedDelete(devices, "id", "expires_at <= ?", "expires_at, id")));
        this.saveDevice = Sql.table(SAVE_DEVICE, devices);
        this.deleteDevicesForUser = Sql.table(DELETE_DEVICES_FOR_USER, devices);
        this.findDevice = Sql.table(FIND_DEVICE, devices);
        this.find = Sql.table(FIND, table);
        this.findForUpdate = Sql.table(FIND_FOR_UPDATE, table);
        this.extendLock = Sql.table(EXTEND_LOCK, table);
        this.reset = Sql.table(RESET, table);
    }

    @Override
    public LoginAttempts recordFailure(String key, Instant now, LockoutPolicy policy) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(policy, "policy");
        Sql.checkLength(key, MAX_KEY, "login-attempt key");
        return jdbc.transaction("record a failed log-in", (connection, dialect, prepared) -> {
            prepared.counter().addFailure(connection, key, Sql.millis(now));
            LoginAttempts counted = read(connection, findForUpdate, key)
                    .orElseThrow(() -> new SQLException("the counted row is missing"));
            if (counted.isLockedAt(now)) {
                return counted; // locked: the upsert left the row as it was
            }
            Instant lock = policy.lockedUntil(counted.failures(), now);
            if (lock == null || !isLater(lock, counted.lockedUntil())) {
                return counted;
            }
            try (PreparedStatement statement = jdbc.prepare(connection, extendLock)) {
                statement.setLong(1, Sql.millis(lock));
                statement.setString(2, key);
                statement.setLong(3, Sql.millis(lock));
                statement.executeUpdate();
            }
            return new LoginAttempts(key, counted.failures(), counted.lastFailureAt(),
                    Instant.ofEpochMilli(Sql.millis(lock)));
        });
    }

    private static boolean isLater(Instant lock, Instant stored) {
        return stored == null || Sql.millis(lock) > Sql.millis(stored);
    }

    @Override
    public Optional<LoginAttempts> find(String key) {
        Objects.requireNonNull(key, "key");
        return jdbc.call("find failed log-ins", (connection, dialect, prepared) -> read(connection, find, key));
    }

    private Optional<LoginAttempts> read(Connection connection, String sql, String key) throws SQLException {
        try (PreparedStatement statement = jdbc.prepare(connection, sql)) {
            statement.setString(1, key);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new LoginAttempts(key, row.getInt(1), Sql.instant(row, 2), Sql.instant(row, 3)));
            }
        }
    }

    @Override
    public void reset(String key) {
        Objects.requireNonNull(key, "key");
        jdbc.call("reset failed log-ins", (connection, dialect, prepared) -> {
            try (PreparedStatement statement = jdbc.prepare(connection, reset)) {
                statement.setString(1, key);
                return statement.executeUpdate();
            }
        });
    }

    @Override
    public int purge(Instant staleBefore, Instant now, int batchSize) {
        Objects.requireNonNull(staleBefore, "staleBefore");
        return deleteBatch("purge stale failed log-ins", Prepared::purge, batchSize, staleBefore, now);
    }

    /** Runs a bounded delete whose parameters are the given instants, then the batch size. */
    private int deleteBatch(String action, Function<Prepared, String> sql, int batchSize, Instant... instants) {
        for (Instant instant : instants) {
            Objects.requireNonNull(instant, "instant");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
        return jdbc.call(action, (connection, dialect, prepared) -> {
            try (PreparedStatement statement = jdbc.prepare(connection, sql.apply(prepared))) {
                int parameter = 1;
                for (Instant instant : instants) {
                    statement.setLong(parameter++, Sql.millis(instant));
                }
                statement.setInt(parameter, batchSize);
                return statement.executeUpdate();
            }
        });
    }

    @Override
    public void saveDevice(KnownDevice device) {
        Objects.requireNonNull(device, "device");
        Sql.checkLength(device.id(), 64, "device id");
        Sql.checkLength(device.userId(), 64, "user id");
        Sql.checkLength(device.secretHash(), 64, "device secret hash");
        jdbc.call("save a known device", (connection, dialect, prepared) -> {
            try (PreparedStatement statement = jdbc.prepare(connection, saveDevice)) {
                statement.setString(1, device.id());
                statement.setString(2, device.userId());
                statement.setString(3, device.secretHash());
                statement.setLong(4, Sql.millis(device.createdAt()));
                statement.setLong(5, Sql.millis(device.expiresAt()));
                return statement.executeUpdate();
            } catch (SQLException e) {
                if (dialect.isDuplicateKey(e)) {
                    throw new StoreException("a device with this id already exists", e);
                }
                throw e;
            }
        });
    }

    @Override
    public Optional<KnownDevice> findDevice(String id) {
        Objects.requireNonNull(id, "id");
        if (id.length() > 64) {
            return Optional.empty(); // no stored id is longer
        }
        return jdbc.call("find a known device", (connection, dialect, prepared) -> {
            try (PreparedStatement statement = jdbc.prepare(connection, findDevice)) {
                statement.setString(1, id);
                try (ResultSet row = statement.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new KnownDevice(id, row.getString(1), row.getString(2), Sql.instant(row, 3),
                            Sql.instant(row, 4)));
                }
            }
        });
    }

    @Override
    public int purgeDevices(Instant now, int batchSize) {
        Objects.requireNonNull(now, "now");
        return deleteBatch("purge expired known devices", Prepared::purgeDevices, batchSize, now);
    }

    @Override
    public int deleteDevicesForUser(String userId) {
        Objects.requireNonNull(userId, "userId");
        return jdbc.call("delete the known devices of a user", (connection, dialect, prepared) -> {
            try (PreparedStatement statement = jdbc.prepare(connection, deleteDevicesForUser)) {
                statement.setString(1, userId);
                return statement.executeUpdate();
            }
        });
    }

    @Override
    public String toString() {
        return "JdbcLoginAttemptStore[table=" + table + "]";
    }
}
