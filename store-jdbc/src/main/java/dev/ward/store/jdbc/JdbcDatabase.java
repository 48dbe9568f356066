package dev.ward.store.jdbc;

import dev.ward.store.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The databases that the JDBC stores support, each with its schema scripts.
 *
 * <p>The stores and {@link JdbcSchema} detect the database themselves from
 * {@link java.sql.DatabaseMetaData#getDatabaseProductName()}; this type is public so that a host
 * can find the script resources for a migration tool, or check a {@code DataSource} at
 * start-up.
 */
public enum JdbcDatabase {

    /** PostgreSQL 14 or later. */
    POSTGRESQL("postgresql", new PostgresDialect(), "postgresql"),

    /**
     * MySQL 8 or MariaDB 10.11 or later; they share one dialect and one script. Tested on
     * MariaDB.
     */
    MYSQL("mysql", new MySqlDialect(), "mysql", "mariadb"),

    /** H2 2.x, in its regular mode. */
    H2("h2", new H2Dialect(), "h2");

    private final String scriptName;
    private final Dialect dialect;
    private final Set<String> productNames;

    JdbcDatabase(String scriptName, Dialect dialect, String... productNames) {
        this.scriptName = scriptName;
        this.dialect = dialect;
        this.productNames = Set.of(productNames);
    }

    /**
     * Returns the classpath resource of the script that creates the tables with the default
     * prefix {@value JdbcSchema#DEFAULT_TABLE_PREFIX}, for example
     * {@code dev/ward/store/jdbc/schema-postgresql.sql}.
     *
     * @return the resource name, without a leading slash
     */
    public String schemaResource() {
        return "dev/ward/store/jdbc/schema-" + scriptName + ".sql";
    }

    /**
     * Returns the classpath resource of the script that drops the tables with the default
     * prefix, for example {@code dev/ward/store/jdbc/schema-drop-postgresql.sql}.
     *
     * @return the resource name, without a leading slash
     */
    public String dropResource() {
        return "dev/ward/store/jdbc/schema-drop-" + scriptName + ".sql";
    }

    Dialect dialect() {
        return dialect;
    }

    /**
     * Maps a JDBC product name to the database it names. MariaDB's driver reports
     * {@code MariaDB} and MySQL's driver reports {@code MySQL}, for either server; both map to
     * {@link #MYSQL}.
     *
     * @param productName what {@link java.sql.DatabaseMetaData#getDatabaseProductName()} returned
     * @return the database, or empty when it is not supported
     * @throws NullPointerException if {@code productName} is null
     */
    public static Optional<JdbcDatabase> fromProductName(String productName) {
        Objects.requireNonNull(productName, "productName");
        String name = productName.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(database -> database.productNames.contains(name)).findFirst();
    }

    /**
     * Detects the database behind a {@code DataSource} from its connection's metadata.
     *
     * @param dataSource where to borrow one connection, which is returned at once
     * @return the database
     * @throws StoreException if no connection can be had, or the database is not supported
     * @throws NullPointerException if {@code dataSource} is null
     */
    public static JdbcDatabase detect(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        try (Connection connection = dataSource.getConnection()) {
            return detect(connection);
        } catch (SQLException e) {
            throw new StoreException("could not read the database product name", e);
        }
    }

    static JdbcDatabase detect(Connection connection) throws SQLException {
        String productName = connection.getMetaData().getDatabaseProductName();
        return fromProductName(productName).orElseThrow(() -> new StoreException(
                "unsupported database '" + productName + "'; supported: PostgreSQL, MySQL, MariaDB, H2"));
    }
}
