package dev.ward.store.jdbc;

import dev.ward.store.RecoveryCode;
import dev.ward.store.SecondFactorStore;
import dev.ward.store.StoreException;
import dev.ward.store.TotpCredential;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * A {@link SecondFactorStore} in a relational database, reached through a {@link DataSource}.
 *
 * <p>For applications on one or more nodes: a TOTP code or recovery code used on one node is
 * refused on every other. The tables ({@code ward_totp_credentials},
 * {@code ward_recovery_codes} and {@code ward_recovery_code_sets} by default) must exist; see
 * {@link JdbcSchema}.
 *
 * <p>Thread-safe; the store holds only the {@code DataSource} and its statements. The atomic
 * steps are conditional statements whose row count decides the winner: a time step is recorded
 * by {@code UPDATE ... WHERE last_used_step < ?}, a recovery code used by
 * {@code UPDATE ... WHERE used_at IS NULL}, and a pending credential claimed for confirmation by
 * {@code UPDATE ... WHERE confirmed_at IS NULL}, in the transaction that then replaces the
 * confirmed one. Recovery codes are replaced in one transaction, which first takes the lock of
 * the user's row in {@code ward_recovery_code_sets}, so that concurrent replacements for one
 * user run one after the other and leave one whole set.
 *
 * <p>Values over the column limits (user id, key id and code id 64 characters, encrypted secret
 * 512, code hash 255) are refused with a {@link StoreException} that does not repeat them. Every
 * failure of the database comes out as a {@link StoreException} with the cause attached, and
 * every statement carries a query timeout of {@value JdbcTokenStore#DEFAULT_QUERY_TIMEOUT_SECONDS}
 * seconds.
 */
public final class JdbcSecondFactorStore implements SecondFactorStore {

    private static final int MAX_USER_ID = 64;
    private static final int MAX_KEY_ID = 64;
    private static final int MAX_SECRET = 512;
    private static final int MAX_CODE_ID = 64;
    private static final int MAX_CODE_HASH = 255;

    /** How often a write that met a concurrent insert of the same key runs again. */
    private static final int RACE_ATTEMPTS = 5;

    private static final String TOTP_COLUMNS =
            "user_id, encrypted_secret, key_id, created_at, confirmed_at, last_used_step";

    private static final String UPDATE_PENDING = """
            UPDATE %TABLE% SET encrypted_secret = ?, key_id = ?, created_at = ?, confirmed_at = NULL,
                last_used_step = ?
            WHERE user_id = ? AND confirmed = FALSE""";

    private static final String INSERT_PENDING = "INSERT INTO %TABLE% (" + TOTP_COLUMNS
            + ", confirmed) VALUES (?, ?, ?, ?, NULL, ?, FALSE)";

    private static final String FIND_TOTP = "SELECT " + TOTP_COLUMNS
            + " FROM %TABLE% WHERE user_id = ? AND confirmed = ?";

    private static final String CLAIM_PENDING = """
            UPDATE %TABLE% SET confirmed_at = ?, last_used_step = ?
            WHERE user_id = ? AND confirmed = FALSE AND confirmed_at IS NULL""";

    private static final String DELETE_CONFIRMED = "DELETE FROM %TABLE% WHERE user_id = ? AND confirmed = TRUE";

    private static final String PROMOTE_PENDING =
            "UPDATE %TABLE% SET confirmed = TRUE WHERE user_id = ? AND confirmed = FALSE";

    private static final String RECORD_USE = """
            UPDATE %TABLE% SET last_used_step = ?
            WHERE user_id = ? AND confirmed = TRUE AND last_used_step < ?""";

    private static final String DELETE_FOR_USER = "DELETE FROM %TABLE% WHERE user_id = ?";

    private static final String LOCK_SET = "UPDATE %TABLE% SET replacements = replacements + 1 WHERE user_id = ?";

    private static final String INSERT_SET = "INSERT INTO %TABLE% (user_id, replacements) VALUES (?, 1)";

    private static final String CODE_COLUMNS = "id, user_id, code_hash, created_at, used_at";

    private static final String INSERT_CODE = "INSERT INTO %TABLE% (" + CODE_COLUMNS + ") VALUES (?, ?, ?, ?, NULL)";

    private static final String FIND_UNUSED = "SELECT " + CODE_COLUMNS
            + " FROM %TABLE% WHERE user_id = ? AND used_at IS NULL ORDER BY id";

    private static final String USE_CODE =
            "UPDATE %TABLE% SET used_at = ? WHERE id = ? AND user_id = ? AND used_at IS NULL";

    private final Jdbc<Void> jdbc;
    private final String totpTable;
    private final String codesTable;
    private final String setsTable;
    private final String updatePending;
    private final String insertPending;
    private final String findTotp;
    private final String claimPending;
    private final String deleteConfirmed;
    private final String promotePending;
    private final String recordUse;
    private final String deleteTotp;
    private final String lockSet;
    private final String insertSet;
    private final String deleteSet;
    private final String deleteCodes;
    private final String insertCode;
    private final String findUnused;
    private final String useCode;

    /**
     * Creates a store over the tables {@code ward_totp_credentials}, {@code ward_recovery_codes}
     * and {@code ward_recovery_code_sets}.
     *
     * @param dataSource the database; ideally a connection pool
     * @throws NullPointerException if {@code dataSource} is null
     */
    public JdbcSecondFactorStore(DataSource dataSource) {
        this(dataSource, JdbcSchema.DEFAULT_TABLE_PREFIX);
    }

    /**
     * Creates a store over the tables {@code <tablePrefix>totp_credentials},
     * {@code <tablePrefix>recovery_codes} and {@code <tablePrefix>recovery_code_sets}.
     *
     * @param dataSource the database; ideally a connection pool
     * @param tablePrefix letters, digits and underscores, not starting with a digit, at most 32
     *     characters; may be empty
     * @throws IllegalArgumentException if the prefix is not valid
     * @throws NullPointerException if an argument is null
     */
    public JdbcSecondFactorStore(DataSource dataSource, String tablePrefix) {
        String prefix = Sql.checkPrefix(tablePrefix);
        this.totpTable = prefix + "totp_credentials";
        this.codesTable = prefix + "recovery_codes";
        this.setsTable = prefix + "recovery_code_sets";
        this.jdbc = new Jdbc<>(dataSource, dialect -> null);
        this.updatePending = Sql.table(UPDATE_PENDING, totpTable);
        this.insertPending = Sql.table(INSERT_PENDING, totpTable);
        this.findTotp = Sql.table(FIND_TOTP, totpTable);
        this.claimPending = Sql.table(CLAIM_PENDING, totpTable);
        this.deleteConfirmed = Sql.table(DELETE_CONFIRMED, totpTable);
        this.promotePending = Sql.table(PROMOTE_PENDING, totpTable);
        this.recordUse = Sql.table(RECORD_USE, totpTable);
        this.deleteTotp = Sql.table(DELETE_FOR_USER, totpTable);
        this.lockSet = Sql.table(LOCK_SET, setsTable);
        this.insertSet = Sql.table(INSERT_SET, setsTable);
        this.deleteSet = Sql.table(DELETE_FOR_USER, setsTable);
        this.deleteCodes = Sql.table(DELETE_FOR_USER, codesTable);
        this.insertCode = Sql.table(INSERT_CODE, codesTable);
        this.findUnused = Sql.table(FIND_UNUSED, codesTable);
        this.useCode = Sql.table(USE_CODE, codesTable);
    }

    /** A concurrent call inserted the row this one was about to insert; the work runs again. */
    private static final class Raced extends RuntimeException {

        private static final long serialVersionUID = 1L;

        Raced(SQLException cause) {
            super(null, cause, false, false);
        }
    }

    /**
     * Runs work again when it lost an insert race: the rolled-back work then finds the row that
     * the winner inserted, and updates it instead.
     */
    private <T> T raced(String action, boolean transaction, Jdbc.Work<Void, T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction ? jdbc.transaction(action, work) : jdbc.call(action, work);
            } catch (Raced e) {
                if (attempt == RACE_ATTEMPTS) {
                    throw new StoreException("could not " + action, e.getCause());
                }
            }
        }
    }

    @Override
    public void savePendingTotp(TotpCredential pending) {
        Objects.requireNonNull(pending, "pending");
        if (pending.confirmed()) {
            throw new IllegalArgumentException("a pending TOTP credential has no confirmation instant");
        }
        Sql.checkLength(pending.userId(), MAX_USER_ID, "user id");
        Sql.checkLength(pending.keyId(), MAX_KEY_ID, "TOTP key id");
        Sql.checkLength(pending.encryptedSecret(), MAX_SECRET, "encrypted TOTP secret");
        raced("save a pending TOTP credential", false, (connection, dialect, none) -> {
            if (update(connection, updatePending, pending.encryptedSecret(), pending.keyId(),
                    Sql.millis(pending.createdAt()), pending.lastUsedStep(), pending.userId()) == 1) {
                return null;
            }
            try (PreparedStatement statement = jdbc.prepare(connection, insertPending)) {
                statement.setString(1, pending.userId());
                statement.setString(2, pending.encryptedSecret());
                statement.setString(3, pending.keyId());
                statement.setLong(4, Sql.millis(pending.createdAt()));
                statement.setLong(5, pending.lastUsedStep());
                statement.executeUpdate();
                return null;
            } catch (SQLException e) {
                if (dialect.isDuplicateKey(e)) {
                    throw new Raced(e); // a concurrent save inserted the user's pending row first
                }
                throw e;
            }
        });
    }

    @Override
    public Optional<TotpCredential> findTotp(String userId, boolean confirmed) {
        Objects.requireNonNull(userId, "userId");
        return jdbc.call("find a TOTP credential", (connection, dialect, none) -> {
            try (PreparedStatement statement = jdbc.prepare(connection, findTotp)) {
                statement.setString(1, userId);
                statement.setBoolean(2, confirmed);
                try (ResultSet row = statement.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new TotpCredential(row.getString(1), row.getString(2), row.getString(3),
                            Sql.instant(row, 4), Sql.instant(row, 5), row.getLong(6)));
                }
            }
        });
    }

    @Override
    public boolean confirmTotp(String userId, Instant confirmedAt, long step) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(confirmedAt, "confirmedAt");
        checkStep(step);
        return jdbc.transaction("confirm a TOTP credential", (connection, dialect, none) -> {
            // Concurrent confirmations race here: the database lets one claim the pending row,
            // and the others, once it commits, find no unclaimed pending row.
            if (update(connection, claimPending, Sql.millis(confirmedAt), step, userId) != 1) {
                return false;
            }
            update(connection, deleteConfirmed, userId);
            return update(connection, promotePending, userId) == 1;
        });
    }

    @Override
    public boolean recordTotpUse(String userId, long step) {
        Objects.requireNonNull(userId, "userId");
        checkStep(step);
        // Replay protection: of concurrent uses of one step, exactly one update matches the row.
        return jdbc.call("record a TOTP code's use", (connection, dialect, none) ->
                update(connection, recordUse, step, userId, step) == 1);
    }

    private static void checkStep(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("a TOTP time step is at least 0, got " + step);
        }
    }

    @Override
    public int deleteTotp(String userId) {
        Objects.requireNonNull(userId, "userId");
        return jdbc.call("delete a user's TOTP credentials", (connection, dialect, none) ->
                update(connection, deleteTotp, userId));
    }

    @Override
    public void replaceRecoveryCodes(String userId, List<RecoveryCode> codes) {
        Objects.requireNonNull(userId, "userId");
        List<RecoveryCode> checked = checkedCodes(userId, codes);
        raced("replace recovery codes", true, (connection, dialect, none) -> {
            lockSet(connection, dialect, userId);
            update(connection, deleteCodes, userId);
            try (PreparedStatement statement = jdbc.prepare(connection, insertCode)) {
                for (RecoveryCode code : checked) {
                    statement.setString(1, code.id());
                    statement.setString(2, code.userId());
                    statement.setString(3, code.codeHash());
                    statement.setLong(4, Sql.millis(code.createdAt()));
                    statement.executeUpdate();
                }
            } catch (SQLException e) {
                if (dialect.isDuplicateKey(e)) {
                    throw new StoreException("a recovery code with one of these ids exists for another user", e);
                }
                throw e;
            }
            return null;
        });
    }

    /**
     * Locks the user's row of the sets table until the transaction ends, creating it on the
     * first replacement, so that replacements for one user run one after the other.
     */
    private void lockSet(Connection connection, Dialect dialect, String userId) throws SQLException {
        if (update(connection, lockSet, userId) == 1) {
            return;
        }
        try {
            update(connection, insertSet, userId);
        } catch (SQLException e) {
            if (dialect.isDuplicateKey(e)) {
                throw new Raced(e); // a concurrent first replacement created the row
            }
            throw e;
        }
    }

    private static List<RecoveryCode> checkedCodes(String userId, List<RecoveryCode> codes) {
        Objects.requireNonNull(codes, "codes");
        Set<String> ids = new HashSet<>();
        List<RecoveryCode> checked = new ArrayList<>(codes.size());
        for (RecoveryCode code : codes) {
            Objects.requireNonNull(code, "code");
            if (!code.userId().equals(userId)) {
                throw new IllegalArgumentException("a recovery code of another user cannot be stored for this one");
            }
            if (code.used()) {
                throw new IllegalArgumentException("a new recovery code is unused");
            }
            if (!ids.add(code.id())) {
                throw new IllegalArgumentException("two recovery codes share an id");
            }
            checked.add(code);
        }
        Sql.checkLength(userId, MAX_USER_ID, "user id");
        for (RecoveryCode code : checked) {
            Sql.checkLength(code.id(), MAX_CODE_ID, "recovery code id");
            Sql.checkLength(code.codeHash(), MAX_CODE_HASH, "recovery code hash");
        }
        return checked;
    }

    @Override
    public List<RecoveryCode> findUnusedRecoveryCodes(String userId) {
        Objects.requireNonNull(userId, "userId");
        return jdbc.call("find recovery codes", (connection, dialect, none) -> {
            try (PreparedStatement statement = jdbc.prepare(connection, findUnused)) {
                statement.setString(1, userId);
                try (ResultSet row = statement.executeQuery()) {
                    List<RecoveryCode> found = new ArrayList<>();
                    while (row.next()) {
                        found.add(new RecoveryCode(row.getString(1), row.getString(2), row.getString(3),
                                Sql.instant(row, 4), Sql.instant(row, 5)));
                    }
                    return List.copyOf(found);
                }
            }
        });
    }

    @Override
    public boolean useRecoveryCode(String userId, String id, Instant usedAt) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(usedAt, "usedAt");
        if (id.length() > MAX_CODE_ID) {
            return false; // no stored id is longer
        }
        // Of concurrent uses of one code, exactly one update matches the unused row.
        return jdbc.call("use a recovery code", (connection, dialect, none) ->
                update(connection, useCode, Sql.millis(usedAt), id, userId) == 1);
    }

    @Override
    public int deleteAllForUser(String userId) {
        Objects.requireNonNull(userId, "userId");
        return jdbc.transaction("delete a user's second factors", (connection, dialect, none) -> {
            int deleted = update(connection, deleteTotp, userId) + update(connection, deleteCodes, userId);
            update(connection, deleteSet, userId);
            return deleted;
        });
    }

    /** Runs an {@code UPDATE} or {@code DELETE} whose parameters are longs and strings. */
    private int update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = jdbc.prepare(connection, sql)) {
            for (int i = 0; i < parameters.length; i++) {
                if (parameters[i] == null) {
                    statement.setNull(i + 1, Types.VARCHAR);
                } else {
                    statement.setObject(i + 1, parameters[i]);
                }
            }
            return statement.executeUpdate();
        }
    }

    @Override
    public String toString() {
        return "JdbcSecondFactorStore[tables=" + totpTable + ", " + codesTable + ", " + setsTable + "]";
    }
}
