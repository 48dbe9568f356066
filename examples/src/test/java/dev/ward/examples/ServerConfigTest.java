package dev.ward.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ward.AuthSettings;
import dev.ward.ConfigurationException;
import dev.ward.ConfigurationException.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("ServerConfig")
class ServerConfigTest {

    @Test
    @DisplayName("has the documented defaults")
    void defaults() {
        ServerConfig config = ServerConfig.of(Map.of());

        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.db()).isEqualTo("jdbc:h2:file:./data/ward");
        assertThat(config.inMemory()).isFalse();
        assertThat(config.dbUser()).isNull();
        assertThat(config.accessTokenSecret()).isEmpty();
        assertThat(config.cookieSecure()).isTrue();
        assertThat(config.adminEmail()).isEmpty();
        assertThat(config.authSettings().bcryptCost()).isEqualTo(12);
        assertThat(config.authSettings().accessTokenTtl()).isEqualTo(Duration.ofMinutes(14));
        assertThat(config.authSettings().refreshTokenIdleTtl()).isEqualTo(Duration.ofDays(30));
        assertThat(config.authSettings().sessionMaxLifetime()).isEqualTo(Duration.ofDays(90));
        assertThat(config.authSettings().refreshReuseGrace()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.authSettings().strictSessions()).isFalse();
        assertThat(config.dbPoolTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.dbQueryTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    @DisplayName("a query timeout at or past the grace window, or a zero pool timeout, is refused")
    void databaseTimeouts() {
        assertThat(ServerConfig.of(Map.of("DB_POOL_TIMEOUT", "1s", "DB_QUERY_TIMEOUT", "5s")).dbPoolTimeout())
                .isEqualTo(Duration.ofSeconds(1));
        assertThat(ServerConfig.of(Map.of("REFRESH_REUSE_GRACE", "0s", "DB_QUERY_TIMEOUT", "1m")).dbQueryTimeout())
                .isEqualTo(Duration.ofMinutes(1));
        assertThatThrownBy(() -> ServerConfig.of(Map.of("DB_QUERY_TIMEOUT", "30s", "DB_POOL_TIMEOUT", "0s")))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p).startsWith("DB_QUERY_TIMEOUT must be shorter than"))
                        .anySatisfy(p -> assertThat(p).startsWith("DB_POOL_TIMEOUT must be at least 1s")));
    }

    @Test
    @DisplayName("reads every setting, and a -D property wins over the environment variable")
    void readsSettings() {
        Properties properties = new Properties();
        properties.setProperty("PORT", "9090");
        properties.setProperty("SALT", "5");
        Map<String, String> environment = Map.ofEntries(
                Map.entry("PORT", "7070"),
                Map.entry("DB", "memory"),
                Map.entry("SALT", "10"),
                Map.entry("ACCESS_TOKEN_TTL", "5m"),
                Map.entry("REFRESH_TOKEN_TTL", "12h"),
                Map.entry("SESSION_MAX_LIFETIME", "7d"),
                Map.entry("REFRESH_REUSE_GRACE", "0s"),
                Map.entry("COOKIE_SECURE", "false"),
                Map.entry("STRICT_SESSIONS", "true"),
                Map.entry("ADMIN_EMAIL", "admin@example.com"),
                Map.entry("ADMIN_PASSWORD", "a long enough password"),
                Map.entry("UNRELATED", "ignored in the environment"));

        ServerConfig config = ServerConfig.from(environment, properties);

        assertThat(config.port()).isEqualTo(9090);
        assertThat(config.inMemory()).isTrue();
        assertThat(config.authSettings().bcryptCost()).isEqualTo(5);
        assertThat(config.authSettings().accessTokenTtl()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.authSettings().refreshTokenIdleTtl()).isEqualTo(Duration.ofHours(12));
        assertThat(config.authSettings().sessionMaxLifetime()).isEqualTo(Duration.ofDays(7));
        assertThat(config.authSettings().refreshReuseGrace()).isZero();
        assertThat(config.authSettings().strictSessions()).isTrue();
        assertThat(config.cookieSecure()).isFalse();
        assertThat(config.adminEmail()).hasValue("admin@example.com");
        assertThat(config.adminUserName()).isEqualTo("admin");
        assertThat(config.describe()).contains("9090", "-D").containsPattern("DB\\s+memory\\s+env");
    }

    @ParameterizedTest(name = "{0} is {1} seconds")
    @CsvSource({"30s, 30", "14m, 840", "12h, 43200", "30d, 2592000", "0s, 0", " 2M , 120"})
    @DisplayName("parses the tutorial's duration forms")
    void durations(String text, long seconds) {
        assertThat(ServerConfig.parseDuration(text)).isEqualTo(Duration.ofSeconds(seconds));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "14", "m", "1.5h", "-3s", "PT14M", "3w", "10000000000s"})
    @DisplayName("refuses other duration forms")
    void badDurations(String text) {
        assertThatThrownBy(() -> ServerConfig.parseDuration(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("30s, 14m, 12h or 30d");
    }

    @Test
    @DisplayName("reports every bad setting at once, under its own name")
    void everyProblemAtOnce() {
        Map<String, String> bad = Map.of(
                "PORT", "http",
                "DB", "postgres://localhost/ward",
                "SALT", "40",
                "ACCESS_TOKEN_TTL", "forever",
                "REFRESH_TOKEN_TTL", "366d",
                "SESSION_MAX_LIFETIME", "400d",
                "COOKIE_SECURE", "maybe",
                "ACCESS_TOKEN_PRIVATE_KEY", "too-short",
                "ADMIN_EMAIL", "admin@example.com");

        assertThatThrownBy(() -> ServerConfig.of(bad))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems()).satisfiesExactlyInAnyOrder(
                        p -> assertThat(p).startsWith("PORT must be a whole number"),
                        p -> assertThat(p).startsWith("DB must be a JDBC URL"),
                        p -> assertThat(p).startsWith("SALT must be between 4 and 31"),
                        p -> assertThat(p).startsWith("ACCESS_TOKEN_PRIVATE_KEY must be at least 32 bytes, got 9")
                                .doesNotContain("too-short"),
                        p -> assertThat(p).startsWith("ACCESS_TOKEN_TTL must be a duration such as 30s"),
                        p -> assertThat(p).startsWith("REFRESH_TOKEN_TTL must be between"),
                        p -> assertThat(p).startsWith("COOKIE_SECURE must be true or false"),
                        p -> assertThat(p).isEqualTo("ADMIN_EMAIL and ADMIN_PASSWORD must be set together")));
    }

    @Test
    @DisplayName("reports Ward's range checks under the setting's name")
    void rangeChecks() {
        assertThatThrownBy(() -> ServerConfig.of(Map.of("REFRESH_TOKEN_TTL", "400d", "REFRESH_REUSE_GRACE", "10m")))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p).startsWith("REFRESH_TOKEN_TTL must be between"))
                        .anySatisfy(p -> assertThat(p).startsWith("REFRESH_REUSE_GRACE must be between")));
    }

    @Test
    @DisplayName("refuses names it does not know in a map, to catch typos")
    void unknownName() {
        assertThatThrownBy(() -> ServerConfig.of(Map.of("ACCES_TOKEN_TTL", "5m")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("ACCES_TOKEN_TTL is not a known setting");
    }

    @Nested
    @DisplayName("Ward's settings")
    class WardSettings {

        @Test
        @DisplayName("the defaults are Ward's defaults")
        void defaultsAreWards() {
            assertThat(ServerConfig.of(Map.of()).authSettings()).isEqualTo(AuthSettings.defaults());
        }

        @Test
        @DisplayName("each problem Ward reports is reported under the variable that sets its option, with Ward's message")
        void problemsUnderTheVariable() {
            Map<String, String> bad = Map.of(
                    "SALT", "3",
                    "ACCESS_TOKEN_TTL", "2d",
                    "REFRESH_TOKEN_TTL", "30d",
                    "SESSION_MAX_LIFETIME", "1d",
                    "REFRESH_REUSE_GRACE", "6m");

            assertThatThrownBy(() -> ServerConfig.of(bad)).isInstanceOfSatisfying(ConfigurationException.class,
                    e -> assertThat(e.optionProblems()).containsExactlyInAnyOrder(
                            new Problem("SALT", "must be between 4 and 31, got 3"),
                            new Problem("ACCESS_TOKEN_TTL", "must be between PT1S and PT24H, got PT48H"),
                            new Problem("SESSION_MAX_LIFETIME", "(PT24H) must be at least refreshTokenIdleTtl (PT720H)"),
                            new Problem("REFRESH_REUSE_GRACE", "must be between PT0S and PT5M, got PT6M")));
        }

        @Test
        @DisplayName("every setting that sets a Ward option maps that option back to its own name")
        void everyOptionMapsBack() {
            for (ServerConfig.Setting setting : ServerConfig.Setting.values()) {
                if (setting.wardOption != null) {
                    assertThat(ServerConfig.Setting.nameOf(setting.wardOption)).isEqualTo(setting.name());
                }
            }
            assertThat(ServerConfig.Setting.nameOf("lockoutThreshold")).as("not a setting here: Ward's name")
                    .isEqualTo("lockoutThreshold");
        }

        @Test
        @DisplayName("examples/README.md quotes every default as it is")
        void readmeQuotesTheDefaults() throws IOException {
            List<String> rows = Files.readAllLines(Path.of("README.md"));

            for (ServerConfig.Setting setting : ServerConfig.Setting.values()) {
                if (setting.defaultValue != null && !setting.defaultValue.isEmpty()) {
                    assertThat(rows).as(setting.name())
                            .anyMatch(row -> row.startsWith("| `" + setting.name() + "` | `" + setting.defaultValue + "` |"));
                }
            }
        }
    }

    @Nested
    @DisplayName("describe()")
    class Describe {

        @Test
        @DisplayName("lists every setting and masks the secrets, including a password in the JDBC URL")
        void masksSecrets() {
            ServerConfig config = ServerConfig.of(Map.of(
                    "DB", "jdbc:postgresql://db.internal/ward?user=ward&password=db-url-secret&ssl=true",
                    "DB_PASSWORD", "db-secret-password",
                    "ACCESS_TOKEN_PRIVATE_KEY", "0123456789abcdef0123456789abcdef-key",
                    "ADMIN_EMAIL", "admin@example.com",
                    "ADMIN_PASSWORD", "admin-secret-password"));

            String table = config.describe();

            assertThat(table).doesNotContain("db-url-secret", "db-secret-password", "0123456789abcdef",
                    "admin-secret-password");
            assertThat(table).contains("password=******&ssl=true", "admin@example.com", "****** (set)");
            for (ServerConfig.Setting setting : ServerConfig.Setting.values()) {
                assertThat(table).contains(setting.name());
            }
            assertThat(config.toString()).isEqualTo("ServerConfig[\n" + table + "]");
        }

        @Test
        @DisplayName("masks a password in the user-info part of a URL")
        void masksUserInfo() {
            assertThat(ServerConfig.maskUrl("jdbc:mysql://ward:s3cret@localhost:3306/ward"))
                    .isEqualTo("jdbc:mysql://ward:******@localhost:3306/ward");
        }
    }
}
