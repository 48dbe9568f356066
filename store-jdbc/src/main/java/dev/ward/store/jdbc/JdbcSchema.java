package dev.ward.store.jdbc;

import dev.ward.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Creates and drops the tables of the JDBC stores, with the script that fits the database.
 *
 * <p>For development, tests and hosts without a migration tool. Hosts that use Flyway or
 * Liquibase can put the scripts into a migration as they are (see
 * {@link JdbcDatabase#schemaResource()}), or take {@link #createScript(JdbcDatabase, String)}
 * for another prefix.
 *
 * <pre>{@code
 * HikariDataSource dataSource = new HikariDataSource(config);
 * JdbcSchema.create(dataSource);           // ward_users, ward_sessions, ward_login_attempts,
 *                                          // ward_login_devices, ward_one_time_tokens,
 *                                          // ward_totp_credentials, ward_recovery_codes,
 *                                          // ward_recovery_code_sets
 * TokenStore sessions = new JdbcTokenStore(dataSource);
 * }</pre>
 *
 * <p>Creating is idempotent: every table and index is created only if it does not exist, so it
 * is safe to run at every start. It does not migrate: a table that exists with other columns is
 * left as it is. Run it from one node at a time; two nodes creating the same tables at the same
 * moment may see a conflict on PostgreSQL.
 */
public final class JdbcSchema {

    /** The table prefix of the scripts and of the stores' one-argument constructors. */
    public static final String DEFAULT_TABLE_PREFIX = "ward_";

    private static final Pattern DEFAULT_PREFIX = Pattern.compile("\\b" + DEFAULT_TABLE_PREFIX);
    private static final Pattern STATEMENT_END = Pattern.compile(";[ \\t]*(\\R|$)");

    private JdbcSchema() {
    }

    /**
     * Creates the tables with the default prefix {@value #DEFAULT_TABLE_PREFIX}, unless they
     * exist.
     *
     * @param dataSource the database
     * @throws StoreException if the database fails or is not supported
     * @throws NullPointerException if {@code dataSource} is null
     */
    public static void create(DataSource dataSource) {
        create(dataSource, DEFAULT_TABLE_PREFIX);
    }

    /**
     * Creates the tables with a prefix, unless they exist.
     *
     * @param dataSource the database
     * @param tablePrefix letters, digits and underscores, not starting with a digit, at most 32
     *     characters; may be empty
     * @throws StoreException if the database fails or is not supported
     * @throws IllegalArgumentException if the prefix is not valid
     * @throws NullPointerException if an argument is null
     */
    public static void create(DataSource dataSource, String tablePrefix) {
        apply(dataSource, tablePrefix, true);
    }

    /**
     * Drops the tables with the default prefix, with all their data. Dropping tables that do
     * not exist does nothing.
     *
     * @param dataSource the database
     * @throws StoreException if the database fails or is not supported
     * @throws NullPointerException if {@code dataSource} is null
     */
    public static void drop(DataSource dataSource) {
        drop(dataSource, DEFAULT_TABLE_PREFIX);
    }

    /**
     * Drops the tables with a prefix, with all their data. Dropping tables that do not exist
     * does nothing.
     *
     * @param dataSource the database
     * @param tablePrefix the prefix they were created with
     * @throws StoreException if the database fails or is not supported
     * @throws IllegalArgumentException if the prefix is not valid
     * @throws NullPointerException if an argument is null
     */
    public static void drop(DataSource dataSource, String tablePrefix) {
        apply(dataSource, tablePrefix, false);
    }

    /**
     * Returns the script that creates the tables for a database, with a prefix in the place of
     * {@value #DEFAULT_TABLE_PREFIX}, for a migration tool.
     *
     * @param database the database
     * @param tablePrefix the prefix, as for {@link #create(DataSource, String)}
     * @return the script: statements that end with a semicolon at the end of a line
     * @throws IllegalArgumentException if the prefix is not valid
     * @throws NullPointerException if an argument is null
     */
    public static String createScript(JdbcDatabase database, String tablePrefix) {
        return script(database.schemaResource(), tablePrefix);
    }

    /**
     * Returns the script that drops the tables for a database, with a prefix in the place of
     * {@value #DEFAULT_TABLE_PREFIX}.
     *
     * @param database the database
     * @param tablePrefix the prefix, as for {@link #create(DataSource, String)}
     * @return the script
     * @throws IllegalArgumentException if the prefix is not valid
     * @throws NullPointerException if an argument is null
     */
    public static String dropScript(JdbcDatabase database, String tablePrefix) {
        return script(database.dropResource(), tablePrefix);
    }

    private static void apply(DataSource dataSource, String tablePrefix, boolean create) {
        Objects.requireNonNull(dataSource, "dataSource");
        Sql.checkPrefix(tablePrefix);
        String action = create ? "create" : "drop";
        try (Connection connection = dataSource.getConnection()) {
            JdbcDatabase database = JdbcDatabase.detect(connection);
            String script = create ? createScript(database, tablePrefix) : dropScript(database, tablePrefix);
            try (Statement statement = connection.createStatement()) {
                for (String sql : statements(script)) {
                    statement.execute(sql);
                }
            }
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        } catch (SQLException e) {
            throw new StoreException("could not " + action + " the Ward tables", e);
        }
    }

    private static String script(String resource, String tablePrefix) {
        String prefix = Sql.checkPrefix(tablePrefix);
        String name = resource.substring(resource.lastIndexOf('/') + 1);
        try (InputStream in = JdbcSchema.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return DEFAULT_PREFIX.matcher(text).replaceAll(Matcher.quoteReplacement(prefix));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + resource, e);
        }
    }

    /** Splits a script at semicolons that end a line, leaving out comment lines. */
    static List<String> statements(String script) {
        StringBuilder withoutComments = new StringBuilder();
        for (String line : script.split("\\R")) {
            if (!line.strip().startsWith("--")) {
                withoutComments.append(line).append('\n');
            }
        }
        List<String> statements = new ArrayList<>();
        for (String part : STATEMENT_END.split(withoutComments)) {
            if (!part.isBlank()) {
                statements.add(part.strip());
            }
        }
        return statements;
    }
}
