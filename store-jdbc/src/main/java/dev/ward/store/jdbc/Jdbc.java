package dev.ward.store.jdbc;

import dev.ward.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Borrows connections, runs work on them, and turns every {@link SQLException} into a
 * {@link StoreException} with the cause attached. The connection always goes back to the pool,
 * also when the work fails, and auto-commit is left as it was found.
 *
 * <p>The dialect is detected from the first connection, and the statements that depend on it
 * are prepared once, then kept. Work that fails on a deadlock or serialisation conflict, which
 * the database has rolled back, runs again a few times; every other failure, above all a lost
 * connection, whose outcome is unknown, is never retried.
 *
 * <p>Every statement prepared through {@link #prepare} carries a query timeout, so that a
 * stalled database surfaces as a {@link StoreException} within a bounded time instead of a
 * success that arrives long after the caller read its clock.
 *
 * @param <S> the dialect-dependent statements of one store
 */
final class Jdbc<S> {

    private static final int ATTEMPTS = 5;

    /** The query timeout of the stores that take none. */
    static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(JdbcTokenStore.DEFAULT_QUERY_TIMEOUT_SECONDS);

    private final DataSource dataSource;
    private final Function<Dialect, S> prepare;
    private final int queryTimeoutSeconds;
    private volatile Prepared<S> prepared;

    Jdbc(DataSource dataSource, Function<Dialect, S> prepare) {
        this(dataSource, prepare, DEFAULT_QUERY_TIMEOUT);
    }

    Jdbc(DataSource dataSource, Function<Dialect, S> prepare, Duration queryTimeout) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.prepare = prepare;
        this.queryTimeoutSeconds = queryTimeoutSeconds(queryTimeout);
    }

    /**
     * Checks a query timeout and converts it to JDBC's whole seconds.
     *
     * @throws IllegalArgumentException if it is negative, zero, or not whole seconds
     */
    static int queryTimeoutSeconds(Duration queryTimeout) {
        Objects.requireNonNull(queryTimeout, "queryTimeout");
        if (queryTimeout.isNegative() || queryTimeout.isZero() || queryTimeout.toNanos() % 1_000_000_000L != 0
                || queryTimeout.toSeconds() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("queryTimeout must be a positive whole number of seconds, got "
                    + queryTimeout);
        }
        return (int) queryTimeout.toSeconds();
    }

    /** Prepares a statement with this store's query timeout. */
    PreparedStatement prepare(Connection connection, String sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        // Only when it differs: H2 keeps the timeout per connection and runs a SET QUERY_TIMEOUT
        // command at every call, which cost its refresh most of its speed; reading it is free.
        if (statement.getQueryTimeout() != queryTimeoutSeconds) {
            statement.setQueryTimeout(queryTimeoutSeconds);
        }
        return statement;
    }

    /** Work on a borrowed connection. */
    @FunctionalInterface
    interface Work<S, T> {
        T run(Connection connection, Dialect dialect, S statements) throws SQLException;
    }

    private record Prepared<S>(Dialect dialect, S statements) {
    }

    /**
     * Runs work that is a single statement, in auto-commit mode (or committed at once when the
     * pool hands out connections with auto-commit off).
     *
     * @param action what the work does, for the message of a failure ("rotate a session")
     */
    <T> T call(String action, Work<S, T> work) {
        return run(action, false, work);
    }

    /** Runs work in one transaction: committed when it returns, rolled back when it throws. */
    <T> T transaction(String action, Work<S, T> work) {
        return run(action, true, work);
    }

    private <T> T run(String action, boolean transaction, Work<S, T> work) {
        for (int attempt = 1; ; attempt++) {
            Dialect dialect = null;
            try (Connection connection = dataSource.getConnection()) {
                Prepared<S> p = prepared(connection);
                dialect = p.dialect();
                if (!transaction && connection.getAutoCommit()) {
                    return work.run(connection, dialect, p.statements());
                }
                return inTransaction(connection, dialect, p.statements(), work);
            } catch (SQLException e) {
                if (dialect == null || !dialect.isRetryable(e) || attempt == ATTEMPTS) {
                    throw new StoreException("could not " + action, e);
                }
            }
        }
    }

    private Prepared<S> prepared(Connection connection) throws SQLException {
        Prepared<S> p = prepared;
        if (p == null) {
            // Two threads may both detect; they find the same dialect, so either result is fine.
            Dialect dialect = JdbcDatabase.detect(connection).dialect();
            p = new Prepared<>(dialect, prepare.apply(dialect));
            prepared = p;
        }
        return p;
    }

    private static <S, T> T inTransaction(Connection connection, Dialect dialect, S statements, Work<S, T> work)
            throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        if (autoCommit) {
            connection.setAutoCommit(false);
        }
        T result;
        try {
            result = work.run(connection, dialect, statements);
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
                if (autoCommit) {
                    connection.setAutoCommit(true);
                }
            } catch (SQLException cleanup) {
                // The connection is most likely gone; the pool discards it on close.
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        if (autoCommit) {
            connection.setAutoCommit(true);
        }
        return result;
    }
}
