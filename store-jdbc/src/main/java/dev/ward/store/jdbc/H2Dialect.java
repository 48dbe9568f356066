package dev.ward.store.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/** H2 2.x in its regular mode: standard {@code MERGE} and {@code FETCH FIRST} on a delete. */
final class H2Dialect extends Dialect {

    private static final String DUPLICATE_KEY = "23505";
    private static final String CONCURRENT_UPDATE = "90131";
    private static final int MERGE_ATTEMPTS = 3;

    private static final String ADD_FAILURE = """
            MERGE INTO %TABLE% a
            USING (VALUES (CAST(? AS VARCHAR(640)), CAST(? AS BIGINT))) s (attempt_key, at)
            ON a.attempt_key = s.attempt_key
            WHEN MATCHED THEN UPDATE SET
                failures = CASE WHEN a.locked_until > s.at THEN a.failures
                    WHEN a.failures < 2147483647 THEN a.failures + 1 ELSE a.failures END,
                last_failure_at = CASE WHEN a.locked_until > s.at THEN a.last_failure_at ELSE s.at END
            WHEN NOT MATCHED THEN INSERT (attempt_key, failures, last_failure_at) VALUES (s.attempt_key, 1, s.at)""";

    @Override
    FailureCounter failureCounter(String table) {
        String sql = Sql.table(ADD_FAILURE, table);
        return (connection, key, now) -> {
            for (int attempt = 1; ; attempt++) {
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    statement.setString(1, key);
                    statement.setLong(2, now);
                    statement.executeUpdate();
                    return;
                } catch (SQLException e) {
                    // Two first failures of one key both find no row and both insert; the loser
                    // gets a duplicate key once the winner commits, and now finds the row. H2
                    // rolls back only the failed statement, so the transaction goes on.
                    if (!isDuplicateKey(e) || attempt == MERGE_ATTEMPTS) {
                        throw e;
                    }
                }
            }
        };
    }

    @Override
    String boundedDelete(String table, String key, String condition, String order) {
        return "DELETE FROM " + table + " WHERE " + condition + " FETCH FIRST ? ROWS ONLY";
    }

    @Override
    boolean isDuplicateKey(SQLException e) {
        return DUPLICATE_KEY.equals(e.getSQLState());
    }

    @Override
    boolean isRetryable(SQLException e) {
        return super.isRetryable(e) || CONCURRENT_UPDATE.equals(e.getSQLState());
    }
}
