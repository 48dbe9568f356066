package dev.ward.store.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/** PostgreSQL: {@code ON CONFLICT DO UPDATE} and {@code FOR UPDATE SKIP LOCKED}. */
final class PostgresDialect extends Dialect {

    private static final String ADD_FAILURE = """
            INSERT INTO %TABLE% AS a (attempt_key, failures, last_failure_at) VALUES (?, 1, ?)
            ON CONFLICT (attempt_key) DO UPDATE SET
                failures = CASE WHEN a.locked_until > EXCLUDED.last_failure_at THEN a.failures
                    WHEN a.failures < 2147483647 THEN a.failures + 1 ELSE a.failures END,
                last_failure_at = CASE WHEN a.locked_until > EXCLUDED.last_failure_at THEN a.last_failure_at
                    ELSE EXCLUDED.last_failure_at END""";

    @Override
    FailureCounter failureCounter(String table) {
        String sql = Sql.table(ADD_FAILURE, table);
        return (connection, key, now) -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setString(1, key);
                statement.setLong(2, now);
                statement.executeUpdate();
            }
        };
    }

    @Override
    String boundedDelete(String table, String key, String condition, String order) {
        // Nodes that purge at once skip each other's locked rows instead of queueing behind them.
        // A row that another statement changed after the snapshot is re-checked against the
        // condition when it is locked, so a session refreshed meanwhile is not deleted.
        return "DELETE FROM " + table + " WHERE " + key + " IN (SELECT " + key + " FROM " + table
                + " WHERE " + condition + " ORDER BY " + order + " LIMIT ? FOR UPDATE SKIP LOCKED)";
    }

    @Override
    boolean isDuplicateKey(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    @Override
    boolean isRetryable(SQLException e) {
        return super.isRetryable(e) || "40P01".equals(e.getSQLState());
    }
}
