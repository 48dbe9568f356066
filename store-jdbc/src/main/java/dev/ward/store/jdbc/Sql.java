package dev.ward.store.jdbc;

import dev.ward.store.StoreException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/** Table names, column limits and instant conversion shared by the stores and the schema. */
final class Sql {

    /** Letters, digits and underscores, not starting with a digit, at most 32 characters. */
    private static final Pattern PREFIX = Pattern.compile("([A-Za-z_][A-Za-z0-9_]{0,31})?");

    private static final String TABLE_PLACEHOLDER = "%TABLE%";

    private Sql() {
    }

    /**
     * Checks a table prefix. Only letters, digits and underscores can pass, so that a prefix
     * can never carry SQL into a statement; the length leaves room within every database's
     * identifier limit for the longest index name.
     *
     * @throws NullPointerException if {@code prefix} is null
     * @throws IllegalArgumentException if it has another character, starts with a digit or is
     *     longer than 32 characters
     */
    static String checkPrefix(String prefix) {
        Objects.requireNonNull(prefix, "tablePrefix");
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("a table prefix has at most 32 ASCII letters, digits and "
                    + "underscores and does not start with a digit; got '" + prefix + "'");
        }
        return prefix;
    }

    /** Puts a table name in the place of {@code %TABLE%}. */
    static String table(String template, String table) {
        return template.replace(TABLE_PLACEHOLDER, table);
    }

    /**
     * Refuses a value longer than its column, before it reaches the database: so that every
     * database refuses the same values (H2 counts UTF-16 units, the others code points; MySQL
     * outside strict mode would truncate), and so that no driver message can repeat the value.
     *
     * @throws StoreException naming the field and the limit, never the value
     */
    static String checkLength(String value, int maxCharacters, String field) {
        if (value != null && value.length() > maxCharacters
                && value.codePointCount(0, value.length()) > maxCharacters) {
            throw new StoreException(field + " is longer than " + maxCharacters + " characters");
        }
        return value;
    }

    /** The instant in epoch milliseconds, the unit of every instant column. */
    static long millis(Instant instant) {
        return instant.toEpochMilli();
    }

    /** Reads a nullable epoch-millisecond column. */
    static Instant instant(ResultSet row, int column) throws SQLException {
        long millis = row.getLong(column);
        return row.wasNull() ? null : Instant.ofEpochMilli(millis);
    }
}
