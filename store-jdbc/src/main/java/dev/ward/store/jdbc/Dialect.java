package dev.ward.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * What differs between the supported databases: the atomic increment of a failure counter, the
 * bounded delete, and how a duplicate key or a retryable conflict is reported. One small
 * subclass per database; everything else is portable SQL in the stores.
 */
abstract sealed class Dialect permits PostgresDialect, MySqlDialect, H2Dialect {

    /**
     * Returns a counter that adds one failure to a key's row, creating the row with one
     * failure, inside the caller's transaction, so that the row stays locked until it commits.
     *
     * @param table the login-attempts table, prefix applied
     * @return the counter, holding its prebuilt statements
     */
    abstract FailureCounter failureCounter(String table);

    /**
     * Returns a {@code DELETE} of at most {@code ?} rows that match a condition. Its parameters
     * are those of {@code condition}, then the batch size.
     *
     * @param table the table, prefix applied
     * @param key the primary-key column
     * @param condition the rows to delete, with {@code ?} parameters
     * @param order a deterministic order of the matching rows, served by an index
     * @return the statement
     */
    abstract String boundedDelete(String table, String key, String condition, String order);

    /**
     * Tells whether a failure is a unique or primary-key violation.
     *
     * @param e the failure
     * @return true for a duplicate key
     */
    abstract boolean isDuplicateKey(SQLException e);

    /**
     * Tells whether a failure is a deadlock or serialisation conflict after which the database
     * has rolled the work back, so that running it again is safe and may well succeed.
     *
     * @param e the failure
     * @return true when a retry is safe
     */
    boolean isRetryable(SQLException e) {
        return "40001".equals(e.getSQLState());
    }

    /** Adds one failure to a key, atomically, inside the caller's transaction. */
    @FunctionalInterface
    interface FailureCounter {

        /**
         * Adds one failure to the key's count (saturating at {@link Integer#MAX_VALUE}) and sets
         * its last failure, or creates the key with one failure. A key locked beyond
         * {@code now} is left as it is: failures during a lock are not counted.
         *
         * @param connection a connection with auto-commit off
         * @param key the throttling key
         * @param now the failure's instant in epoch milliseconds
         * @throws SQLException if the database fails
         */
        void addFailure(Connection connection, String key, long now) throws SQLException;
    }
}
