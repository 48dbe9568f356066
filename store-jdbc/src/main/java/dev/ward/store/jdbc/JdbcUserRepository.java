package dev.ward.store.jdbc;

import dev.ward.store.DuplicateEmailException;
import dev.ward.store.NewUser;
import dev.ward.store.StoreException;
import dev.ward.store.User;
import dev.ward.store.UserRepository;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * A {@link UserRepository} in a relational database, reached through a {@link DataSource}.
 *
 * <p>For applications that run on one or more nodes and keep their users in PostgreSQL, MySQL,
 * MariaDB or H2: every node sees every user at once. Not a general user directory: it stores
 * what Ward needs and nothing else; it deletes a user only when asked to ({@link #delete}). The table
 * ({@code ward_users} by default) must exist; see {@link JdbcSchema}.
 *
 * <p>Thread-safe; the repository holds only the {@code DataSource} and its statements, so one
 * instance serves the whole application. The e-mail address is unique by a unique index, so of
 * concurrent sign-ups with one address on any number of nodes exactly one succeeds and the
 * others get {@link DuplicateEmailException}. A user is one row, roles included, so a reader
 * sees a role update whole or not at all; a password change sets the hash and the credentials
 * version in one conditional {@code UPDATE}, and so does a change of e-mail address with its
 * verification time, where the unique index decides between users racing for one address.
 * No other table refers to the users table by a foreign key, so {@link #delete} deletes the
 * one row; the user's sessions, devices and one-time tokens are deleted through their stores.
 * Ids are random UUIDs.
 *
 * <p>Limits, in characters: user name 100, e-mail 254, password hash 255. A role is a word
 * without commas or whitespace (such as {@code user}, {@code admin}, {@code super_admin}); all
 * roles of a user, comma-joined, take at most 4000 characters. A value past these limits is
 * refused with a {@link StoreException} that does not repeat it. Every failure of the database
 * comes out as a {@link StoreException} with the cause attached, and the connection goes back to
 * the pool.
 *
 * <p>Every statement carries a query timeout of
 * {@value JdbcTokenStore#DEFAULT_QUERY_TIMEOUT_SECONDS} seconds, so that a stalled database
 * surfaces as a {@link StoreException} rather than as a success long after the fact.
 */
public final class JdbcUserRepository implements UserRepository {

    private static final int MAX_USER_NAME = 100;
    private static final int MAX_EMAIL = 254;
    private static final int MAX_PASSWORD_HASH = 255;
    private static final int MAX_ROLES = 4000;
    private static final String ROLE_SEPARATOR = ",";

    private static final String INSERT = """
            INSERT INTO %TABLE% (id, user_name, email, password_hash, roles, created_at, credentials_version)
            VALUES (?, ?, ?, ?, ?, ?, ?)""";
    private static final String SELECT =
            "SELECT id, user_name, email, password_hash, roles, created_at, credentials_version, email_verified_at,"
            + " disabled FROM %TABLE%";
    private static final String FIND_BY_ID = SELECT + " WHERE id = ?";
    private static final String FIND_BY_EMAIL = SELECT + " WHERE email = ?";
    // Both password statements are compare-and-sets on credentials_version: the row count says
    // whether the user was still at the expected version when the database applied them.
    private static final String UPDATE_PASSWORD_HASH =
            "UPDATE %TABLE% SET password_hash = ? WHERE id = ? AND credentials_version = ?";
    private static final String CHANGE_PASSWORD = """
            UPDATE %TABLE% SET password_hash = ?, credentials_version = credentials_version + 1
            WHERE id = ? AND credentials_version = ?""";
    private static final String UPDATE_ROLES = "UPDATE %TABLE% SET roles = ? WHERE id = ?";
    // Conditional on the address the link was sent to; COALESCE keeps an earlier verification.
    private static final String MARK_EMAIL_VERIFIED = """
            UPDATE %TABLE% SET email_verified_at = COALESCE(email_verified_at, ?)
            WHERE id = ? AND email = ?""";
    // Compare-and-set on the address; the unique index on email decides between racing users.
    private static final String CHANGE_EMAIL =
            "UPDATE %TABLE% SET email = ?, email_verified_at = ? WHERE id = ? AND email = ?";
    private static final String SET_DISABLED = "UPDATE %TABLE% SET disabled = ? WHERE id = ?";
    private static final String DELETE = "DELETE FROM %TABLE% WHERE id = ?";

    private final Jdbc<Void> jdbc;
    private final String table;
    private final String insert;
    private final String findById;
    private final String findByEmail;
    private final String updatePasswordHash;
    private final String changePassword;
    private final String updateRoles;
    private final String markEmailVerified;
    private final String changeEmail;
    private final String setDisabled;
    private final String delete;

    /**
     * Creates a repository over the table {@code ward_users}.
     *
     * @param dataSource the database; ideally a connection pool
     * @throws NullPointerException if {@code dataSource} is null
     */
    public JdbcUserRepository(DataSource dataSource) {
        this(dataSource, JdbcSchema.DEFAULT_TABLE_PREFIX);
    }

    /**
     * Creates a repository over the table {@code <tablePrefix>users}.
     *
     * @param dataSource the database; ideally a connection pool
     * @param tablePrefix letters, digits and underscores, not starting with a digit, at most 32
     *     characters; may be empty
     * @throws IllegalArgumentException if the prefix is not valid
     * @throws NullPointerException if an argument is null
     */
    public JdbcUserRepository(DataSource dataSource, String tablePrefix) {
        this.jdbc = new Jdbc<>(dataSource, dialect -> null);
        this.table = Sql.checkPrefix(tablePrefix) + "users";
        this.insert = Sql.table(INSERT, table);
        this.findById = Sql.table(FIND_BY_ID, table);
        this.findByEmail = Sql.table(FIND_BY_EMAIL, table);
        this.updatePasswordHash = Sql.table(UPDATE_PASSWORD_HASH, table);
        this.changePassword = Sql.table(CHANGE_PASSWORD, table);
        this.updateRoles = Sql.table(UPDATE_ROLES, table);
        this.markEmailVerified = Sql.table(MARK_EMAIL_VERIFIED, table);
        this.changeEmail = Sql.table(CHANGE_EMAIL, table);
        this.setDisabled = Sql.table(SET_DISABLED, table);
        this.delete = Sql.table(DELETE, table);
    }

    @Override
    public User create(NewUser newUser) {
        Objects.requireNonNull(newUser, "newUser");
        Sql.checkLength(newUser.userName(), MAX_USER_NAME, "user name");
        Sql.checkLength(newUser.email(), MAX_EMAIL, "e-mail");
        Sql.checkLength(newUser.passwordHash(), MAX_PASSWORD_HASH, "password hash");
        String roles = encodeRoles(newUser.roles());
        User user = newUser.withId(UUID.randomUUID().toString());
        return jdbc.call("create a user", (connection, dialect, unused) -> {
            try (PreparedStatement statement = jdbc.prepare(connection, insert)) {
                statement.setString(1, user.id());
                statement.setString(2, user.userName());
                statement.setString(3, user.email());
                statement.setString(4, user.passwordHash());
                statement.setString(5, roles);
                statement.setLong(6, Sql.millis(user.createdAt()));
                statement.setLong(7, user.credentialsVersion());
                statement.executeUpdate();
                return user;
            } catch (SQLException e) {
                if (dialect.isDuplicateKey(e)) {
                    // The only other unique key is the id, a fresh random UUID. The vendor's
                    // failure is not attached: PostgreSQL's and H2's messages repeat the e-mail.
                    throw new DuplicateEmailException();
                }
                throw e;
            }
        });
    }

    @Override
    public Optional<User> findById(String id) {
        Objects.requireNonNull(id, "id");
        return find("find a user by id", findById, id);
    }

    @Override
    public Optional<User> findByEmail(String email) {
        Objects.requireNonNull(email, "email");
        return find("find a user by e-mail", findByEmail, email);
    }

    private Optional<User> find(String action, String sql, String value) {
        return jdbc.call(action, (connection, dialect, unused) -> {
            try (PreparedStatement statement = jdbc.prepare(connection, sql)) {
                statement.setString(1, value);
                try (ResultSet row = statement.executeQuery()) {
                    return row.next() ? Optional.of(user(row)) : Optional.empty();
                }
            }
        });
    }

    /** Reads a row of {@link #SELECT}, by position. */
    private static User user(ResultSet row) throws SQLException {
        return new User(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                decodeRoles(row.getString(5)), Instant.ofEpochMilli(row.getLong(6)), row.getLong(7),
                Sql.instant(row, 8), row.getBoolean(9));
    }

    @Override
    public boolean updatePasswordHash(String id, long expectedCredentialsVersion, String passwordHash) {
        return setPasswordHash("update a password hash", updatePasswordHash, id, expectedCredentialsVersion,
                passwordHash);
    }

    @Override
    public boolean changePassword(String id, long expectedCredentialsVersion, String passwordHash) {
        return setPasswordHash("change a password", changePassword, id, expectedCredentialsVersion, passwordHash);
    }

    private boolean setPasswordHash(String action, String sql, String id, long expectedVersion, String passwordHash) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Sql.checkLength(passwordHash, MAX_PASSWORD_HASH, "password hash");
        return jdbc.call(action, (connection, dialect, unused) -> {
            try (PreparedStatement statement = jdbc.prepare(connection, sql)) {
                statement.setString(1, passwordHash);
                statement.setString(2, id);
                statement.setLong(3, expectedVersion);
                return statement.executeUpdate() > 0;
            }
        });
    }

    @Override
    public boolean updateRoles(String id, Set<String> roles) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(roles, "roles");
        return update("update roles", updateRoles, encodeRoles(roles), id);
    }

    private boolean update(String action, String sql, String value, String id) {
        return jdbc.call(action, (connection, dialect, unused) -> {
            try (PreparedStatement statement = jdbc.prepare(connection, sql)) {
                statement.setString(1, value);
                statement.setString(2, id);
                return statement.executeUpdate() > 0;
            }
        });
    }

    @Override
    public boolean markEmailVerified(String id, String email, Instant verifiedAt) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(verifiedAt, "verifiedAt");
        return jdbc.call("mark an e-mail address verified", (connection, dialect, unused) -> {
            try (PreparedStatement statement = jdbc.prepare(connection, markEmailVerified)) {
                statement.setLong(1, Sql.millis(verifiedAt));
                statement.setString(2, id);
                statement.setString(3, email);
                return statement.executeUpdate() > 0;
            }
        });
    }

    @Override
    public boolean changeEmail(String id, String expectedEmail, String newEmail, Instant verifiedAt) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(expectedEmail, "expectedEmail");
        Objects.requireNonNull(newEmail, "newEmail");
        Sql.checkLength(newEmail, MAX_EMAIL, "e-mail");
        return jdbc.call("change an e-mail address", (connection, dialect, unused) -> {
            try (PreparedStatement statement = jdbc.prepare(connection, changeEmail)) {
                statement.setString(1, newEmail);
                if (verifiedAt == null) {
                    statement.setNull(2, Types.BIGINT);
                } else {
                    statement.setLong(2, Sql.millis(verifiedAt));
                }
                statement.setString(3, id);
                statement.setString(4, expectedEmail);
                // One statement: of users racing for one new address, the unique index lets one
                // through and refuses the others, whose rows stay as they were.
                return statement.executeUpdate() > 0;
            } catch (SQLException e) {
                if (dialect.isDuplicateKey(e)) {
                    // As in create: the vendor's failure would repeat the address.
                    throw new DuplicateEmailException();
                }
                throw e;
            }
        });
    }

    @Override
    public boolean setDisabled(String id, boolean disabled) {
        Objects.requireNonNull(id, "id");
        return jdbc.call("disable or enable a user", (connection, dialect, unused) -> {
            try (PreparedStatement statement = jdbc.prepare(connection, setDisabled)) {
                statement.setBoolean(1, disabled);
                statement.setString(2, id);
                // Rows matched, not rows changed (docs/jdbc.md), so an unchanged flag counts too.
                return statement.executeUpdate() > 0;
            }
        });
    }

    @Override
    public boolean delete(String id) {
        Objects.requireNonNull(id, "id");
        return jdbc.call("delete a user", (connection, dialect, unused) -> {
            try (PreparedStatement statement = jdbc.prepare(connection, delete)) {
                statement.setString(1, id);
                return statement.executeUpdate() > 0;
            }
        });
    }

    /** Joins the roles, sorted, with commas; refuses a role that a comma-joined list cannot hold. */
    static String encodeRoles(Set<String> roles) {
        for (String role : roles) {
            Objects.requireNonNull(role, "role");
            if (role.isEmpty() || role.contains(ROLE_SEPARATOR)
                    || role.codePoints().anyMatch(Character::isWhitespace)) {
                throw new StoreException("a role must be a non-empty word without commas or whitespace");
            }
        }
        String joined = String.join(ROLE_SEPARATOR, new TreeSet<>(roles));
        return Sql.checkLength(joined, MAX_ROLES, "the joined roles");
    }

    static Set<String> decodeRoles(String joined) {
        // copyOf, not Set.of: a row edited by hand may repeat a role.
        return joined.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(joined.split(ROLE_SEPARATOR)));
    }

    @Override
    public String toString() {
        return "JdbcUserRepository[table=" + table + "]";
    }
}
