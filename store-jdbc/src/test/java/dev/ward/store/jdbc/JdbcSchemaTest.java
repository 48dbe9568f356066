package dev.ward.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ward.store.KnownDevice;
import dev.ward.store.LockoutPolicy;
import dev.ward.store.NewUser;
import dev.ward.store.OneTimeToken;
import dev.ward.store.OneTimeTokenPurpose;
import dev.ward.store.RecoveryCode;
import dev.ward.store.Session;
import dev.ward.store.StoreException;
import dev.ward.store.TotpCredential;
import dev.ward.store.User;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("JdbcSchema")
class JdbcSchemaTest {

    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00.123Z");

    @Nested
    @DisplayName("on each database")
    class OnEachDatabase {

        @ParameterizedTest(name = "{0}")
        @EnumSource(TestDatabase.class)
        @DisplayName("creating the default tables again, twice, changes nothing")
        void createIsIdempotent(TestDatabase database) {
            DataSource dataSource = database.dataSource();
            JdbcUserRepository users = new JdbcUserRepository(dataSource);
            User user = users.create(new NewUser("n", "schema-" + UUID.randomUUID() + "@example.test", "h",
                    Set.of("user"), T0));

            JdbcSchema.create(dataSource);
            JdbcSchema.create(dataSource);

            assertThat(users.findById(user.id())).contains(user);
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(TestDatabase.class)
        @DisplayName("a custom prefix works end to end, with its indexes, and drop removes the tables")
        void customPrefixWorksEndToEnd(TestDatabase database) throws SQLException {
            DataSource dataSource = database.dataSource();
            String prefix = "it_schema_";
            JdbcSchema.drop(dataSource, prefix);
            JdbcSchema.create(dataSource, prefix);
            JdbcSchema.create(dataSource, prefix);

            JdbcUserRepository users = new JdbcUserRepository(dataSource, prefix);
            JdbcTokenStore sessions = new JdbcTokenStore(dataSource, prefix);
            JdbcLoginAttemptStore attempts = new JdbcLoginAttemptStore(dataSource, prefix);
            User user = users.create(new NewUser("n", "prefix@example.test", "h", Set.of("user"), T0));
            Session session = Session.start("s1", user.id(), "f", "c", T0, T0.plusSeconds(60), T0.plusSeconds(30),
                    null, null);
            sessions.create(session);
            attempts.recordFailure("prefix@example.test", T0, LockoutPolicy.NEVER);
            KnownDevice device = new KnownDevice("d1", user.id(), "h", T0, T0.plusSeconds(60));
            attempts.saveDevice(device);
            JdbcOneTimeTokenStore oneTime = new JdbcOneTimeTokenStore(dataSource, prefix);
            OneTimeToken token = new OneTimeToken("t1", OneTimeTokenPurpose.PASSWORD_RESET, user.id(), null, T0,
                    T0.plusSeconds(60), null);
            oneTime.create(token);
            JdbcSecondFactorStore secondFactor = new JdbcSecondFactorStore(dataSource, prefix);
            secondFactor.savePendingTotp(TotpCredential.pending(user.id(), "sealed", "k1", T0));
            RecoveryCode code = new RecoveryCode("c1", user.id(), "$2b$12$h", T0, null);
            secondFactor.replaceRecoveryCodes(user.id(), List.of(code));

            assertThat(users.findByEmail("prefix@example.test")).contains(user);
            assertThat(sessions.findById("s1")).contains(session);
            assertThat(attempts.find("prefix@example.test")).isPresent();
            assertThat(attempts.findDevice("d1")).contains(device);
            assertThat(oneTime.findByHash("t1")).contains(token);
            assertThat(new JdbcOneTimeTokenStore(dataSource).findByHash("t1")).isEmpty();
            assertThat(secondFactor.findTotp(user.id(), false)).isPresent();
            assertThat(secondFactor.findUnusedRecoveryCodes(user.id())).containsExactly(code);
            assertThat(new JdbcSecondFactorStore(dataSource).findTotp(user.id(), false)).isEmpty();
            assertThat(new JdbcLoginAttemptStore(dataSource).findDevice("d1")).isEmpty();
            assertThat(new JdbcUserRepository(dataSource).findByEmail("prefix@example.test")).isEmpty();
            assertThat(indexedColumns(dataSource, prefix + "users")).contains("email");
            assertThat(indexedColumns(dataSource, prefix + "sessions")).contains("id", "user_id", "ended_at");
            assertThat(indexedColumns(dataSource, prefix + "login_attempts"))
                    .contains("attempt_key", "last_failure_at");
            assertThat(indexedColumns(dataSource, prefix + "login_devices")).contains("id", "expires_at", "user_id");
            assertThat(indexedColumns(dataSource, prefix + "one_time_tokens"))
                    .contains("token_hash", "user_id", "purpose", "ended_at");
            assertThat(indexedColumns(dataSource, prefix + "totp_credentials")).contains("user_id", "confirmed");
            assertThat(indexedColumns(dataSource, prefix + "recovery_codes")).contains("id", "user_id");
            assertThat(indexedColumns(dataSource, prefix + "recovery_code_sets")).contains("user_id");

            JdbcSchema.drop(dataSource, prefix);
            JdbcSchema.drop(dataSource, prefix);

            assertThatThrownBy(() -> users.findById(user.id()))
                    .isInstanceOf(StoreException.class)
                    .hasCauseInstanceOf(SQLException.class);
            assertThat(new JdbcUserRepository(dataSource).findById(UUID.randomUUID().toString())).isEmpty();
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(TestDatabase.class)
        @DisplayName("the e-mail address is unique by an index of the database")
        void emailIsUniqueInTheDatabase(TestDatabase database) throws SQLException {
            try (Connection connection = database.dataSource().getConnection();
                 ResultSet index = connection.getMetaData().getIndexInfo(null, null,
                         tableName(connection.getMetaData(), "ward_users"), true, false)) {
                Set<String> unique = new HashSet<>();
                while (index.next()) {
                    if (index.getString("COLUMN_NAME") != null) {
                        unique.add(index.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                    }
                }
                assertThat(unique).contains("id", "email");
            }
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(TestDatabase.class)
        @DisplayName("the database is detected from the connection")
        void databaseIsDetected(TestDatabase database) {
            JdbcDatabase expected = switch (database) {
                case H2 -> JdbcDatabase.H2;
                case POSTGRESQL -> JdbcDatabase.POSTGRESQL;
                case MARIADB -> JdbcDatabase.MYSQL;
            };

            assertThat(JdbcDatabase.detect(database.dataSource())).isEqualTo(expected);
        }

        private Set<String> indexedColumns(DataSource dataSource, String table) throws SQLException {
            Set<String> columns = new HashSet<>();
            try (Connection connection = dataSource.getConnection();
                 ResultSet index = connection.getMetaData().getIndexInfo(null, null,
                         tableName(connection.getMetaData(), table), false, false)) {
                while (index.next()) {
                    if (index.getString("COLUMN_NAME") != null) {
                        columns.add(index.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                    }
                }
            }
            return columns;
        }

        private String tableName(DatabaseMetaData metaData, String table) throws SQLException {
            return metaData.storesUpperCaseIdentifiers() ? table.toUpperCase(Locale.ROOT) : table;
        }
    }

    @Nested
    @DisplayName("prefixes and scripts")
    class PrefixesAndScripts {

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {"ward-", "x; DROP TABLE ward_users; --", "1abc", "tab le", "prefix\"", "é_",
                "abcdefghijklmnopqrstuvwxyz_1234567"})
        @DisplayName("a prefix with other characters than letters, digits and underscores is refused everywhere")
        void badPrefixIsRefused(String prefix) {
            DataSource unused = TestDatabase.H2.dataSource();

            assertThatThrownBy(() -> JdbcSchema.create(unused, prefix)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> JdbcSchema.drop(unused, prefix)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> JdbcSchema.createScript(JdbcDatabase.H2, prefix))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new JdbcUserRepository(unused, prefix))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new JdbcTokenStore(unused, prefix)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new JdbcLoginAttemptStore(unused, prefix))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new JdbcSecondFactorStore(unused, prefix))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        @DisplayName("null arguments are refused")
        void nullsAreRefused() {
            DataSource dataSource = TestDatabase.H2.dataSource();

            assertThatThrownBy(() -> JdbcSchema.create(null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> JdbcSchema.create(dataSource, null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> new JdbcUserRepository(null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> new JdbcTokenStore(null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> new JdbcLoginAttemptStore(null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> new JdbcTokenStore(dataSource, null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> new JdbcSecondFactorStore(null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> new JdbcSecondFactorStore(dataSource, null))
                    .isInstanceOf(NullPointerException.class);
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(JdbcDatabase.class)
        @DisplayName("the scripts exist, and a prefix replaces every ward_ in them")
        void prefixReplacesEveryDefaultPrefix(JdbcDatabase database) {
            String create = JdbcSchema.createScript(database, "app1_");
            String drop = JdbcSchema.dropScript(database, "app1_");

            assertThat(create).doesNotContain("ward_").contains("CREATE TABLE IF NOT EXISTS app1_users",
                    "app1_sessions", "app1_login_attempts", "app1_login_devices", "app1_users_email_uk",
                    "app1_totp_credentials", "app1_recovery_codes", "app1_recovery_code_sets");
            assertThat(drop).doesNotContain("ward_").contains("DROP TABLE IF EXISTS app1_sessions");
            assertThat(JdbcSchema.createScript(database, JdbcSchema.DEFAULT_TABLE_PREFIX))
                    .contains("ward_users", "ward_sessions", "ward_login_attempts");
            assertThat(JdbcSchema.class.getClassLoader().getResource(database.schemaResource())).isNotNull();
            assertThat(JdbcSchema.class.getClassLoader().getResource(database.dropResource())).isNotNull();
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(JdbcDatabase.class)
        @DisplayName("the scripts split into their CREATE and DROP statements, without comments")
        void scriptsSplitIntoStatements(JdbcDatabase database) {
            var create = JdbcSchema.statements(JdbcSchema.createScript(database, "ward_"));
            var drop = JdbcSchema.statements(JdbcSchema.dropScript(database, "ward_"));

            assertThat(create).allMatch(sql -> sql.startsWith("CREATE ") && !sql.contains("--") && !sql.contains(";"));
            assertThat(create).filteredOn(sql -> sql.startsWith("CREATE TABLE")).hasSize(8);
            assertThat(drop).hasSize(8).allMatch(sql -> sql.startsWith("DROP TABLE IF EXISTS "));
        }

        @Test
        @DisplayName("product names map to databases; others are not supported")
        void productNamesMapToDatabases() {
            assertThat(JdbcDatabase.fromProductName("PostgreSQL")).contains(JdbcDatabase.POSTGRESQL);
            assertThat(JdbcDatabase.fromProductName("MySQL")).contains(JdbcDatabase.MYSQL);
            assertThat(JdbcDatabase.fromProductName("MariaDB")).contains(JdbcDatabase.MYSQL);
            assertThat(JdbcDatabase.fromProductName("H2")).contains(JdbcDatabase.H2);
            assertThat(JdbcDatabase.fromProductName("Oracle")).isEmpty();
            assertThat(JdbcDatabase.fromProductName("Microsoft SQL Server")).isEmpty();
        }
    }
}
