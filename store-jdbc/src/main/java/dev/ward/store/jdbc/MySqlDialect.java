package dev.ward.store.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * MySQL 8 and MariaDB 10.11+: {@code ON DUPLICATE KEY UPDATE} and {@code DELETE ... LIMIT}.
 * Avoids {@code VALUES()} in the upsert (deprecated in MySQL 8.0.20) and the row alias (not in
 * MariaDB) by binding the instant several times. The assignments read {@code locked_until},
 * which the statement does not change, so MySQL's left-to-right evaluation of them is harmless.
 */
final class MySqlDialect extends Dialect {

    private static final int ER_DUP_ENTRY = 1062;
    private static final int ER_LOCK_DEADLOCK = 1213;

    private static final String ADD_FAILURE = """
            INSERT INTO %TABLE% (attempt_key, failures, last_failure_at) VALUES (?, 1, ?)
            ON DUPLICATE KEY UPDATE
                failures = CASE WHEN locked_until > ? THEN failures
                    WHEN failures < 2147483647 THEN failures + 1 ELSE failures END,
                last_failure_at = CASE WHEN locked_until > ? THEN last_failure_at ELSE ? END""";

    @Override
    FailureCounter failureCounter(String table) {
        String sql = Sql.table(ADD_FAILURE, table);
        return (connection, key, now) -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setString(1, key);
                statement.setLong(2, now);
                statement.setLong(3, now);
                statement.setLong(4, now);
                statement.setLong(5, now);
                statement.executeUpdate();
            }
        };
    }

    @Override
    String boundedDelete(String table, String key, String condition, String order) {
        // MySQL cannot LIMIT a subquery on the table being deleted from, but it can LIMIT the
        // DELETE. Nodes that purge at once queue on the same first rows; each row is deleted
        // once, because InnoDB re-reads the latest committed row under its lock. ORDER BY keeps
        // the statement deterministic for statement-based replication.
        return "DELETE FROM " + table + " WHERE " + condition + " ORDER BY " + order + " LIMIT ?";
    }

    @Override
    boolean isDuplicateKey(SQLException e) {
        return e.getErrorCode() == ER_DUP_ENTRY;
    }

    @Override
    boolean isRetryable(SQLException e) {
        return super.isRetryable(e) || e.getErrorCode() == ER_LOCK_DEADLOCK;
    }
}
