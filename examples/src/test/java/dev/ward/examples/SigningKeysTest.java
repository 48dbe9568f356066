package dev.ward.examples;

import dev.ward.examples.contract.Api;
import dev.ward.store.tck.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("The server's signing key when ACCESS_TOKEN_PRIVATE_KEY is unset")
class SigningKeysTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "jdbc:h2:file:./data/ward, ./data/ward.key",
            "jdbc:h2:./data/ward;MODE=PostgreSQL, ./data/ward.key",
            "jdbc:h2:file:/var/lib/ward/db;AUTO_SERVER=TRUE, /var/lib/ward/db.key",
            "jdbc:h2:mem:ward, ",
            "jdbc:h2:tcp://localhost/~/ward, ",
            "jdbc:postgresql://localhost/ward, ",
            "memory, "})
    @DisplayName("is kept next to an H2 database file, and nowhere for other databases")
    void keyFileLocation(String db, String expected) {
        assertThat(SigningKeys.keyFileOf(db))
                .isEqualTo(expected == null ? java.util.Optional.empty()
                        : java.util.Optional.of(Path.of(expected).toAbsolutePath().normalize()));
    }

    @Test
    @DisplayName("is generated once, stored owner-only, and reused after a restart, so tokens survive it")
    void reusedAfterRestart() throws Exception {
        Map<String, String> settings = new HashMap<>();
        settings.put("DB", "jdbc:h2:file:" + dir.resolve("ward"));
        settings.put("PORT", "0");
        settings.put("HOST", "127.0.0.1");
        settings.put("SALT", "4");
        settings.put("ADMIN_EMAIL", "admin@example.com");
        settings.put("ADMIN_PASSWORD", Api.PASSWORD);
        settings.put("MAIL_OUTBOX", dir.resolve("outbox").toString());
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
        Path keyFile = dir.resolve("ward.key");

        String accessToken;
        String refreshToken;
        try (WardServer first = WardServer.create(ServerConfig.of(settings), clock)) {
            Api api = new Api(first.start());
            assertThat(api.signUp("grace", "grace@example.com", Api.PASSWORD).status()).isEqualTo(201);
            JsonNode login = api.logIn("grace@example.com", Api.PASSWORD).json();
            accessToken = login.path("accessToken").asText();
            refreshToken = login.path("refreshToken").asText();
        }
        assertThat(keyFile).exists();
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        }
        String stored = Files.readString(keyFile);

        try (WardServer second = WardServer.create(ServerConfig.of(settings), clock)) {
            Api api = new Api(second.start());
            assertThat(api.getWithToken("/api/me", accessToken).json().path("email").asText())
                    .isEqualTo("grace@example.com");
            assertThat(api.refresh(refreshToken).status()).isEqualTo(200);
            assertThat(api.logIn("admin@example.com", Api.PASSWORD).status())
                    .as("the admin made at the first start is still there").isEqualTo(200);
        }
        assertThat(Files.readString(keyFile)).isEqualTo(stored);
    }

    @Test
    @DisplayName("refuses to start on a key file that holds too short a key, saying what to do")
    void shortKeyFile() throws Exception {
        Files.writeString(dir.resolve("ward.key"), "c2hvcnQ");
        Map<String, String> settings = Map.of("DB", "jdbc:h2:file:" + dir.resolve("ward"), "SALT", "4", "PORT", "0",
                "MAIL_OUTBOX", dir.resolve("outbox").toString());

        assertThatThrownBy(() -> WardServer.create(ServerConfig.of(settings)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("shorter than 32 bytes").hasMessageContaining("delete the file");
    }

    @Test
    @DisplayName("is random for every process on other databases: a token of one server fails on the next")
    void ephemeral() {
        Map<String, String> settings = Map.of("DB", "memory", "SALT", "4", "PORT", "0", "HOST", "127.0.0.1",
                "ADMIN_EMAIL", "admin@example.com", "ADMIN_PASSWORD", Api.PASSWORD,
                "MAIL_OUTBOX", dir.resolve("outbox").toString());
        String accessToken;
        try (WardServer first = WardServer.create(ServerConfig.of(settings))) {
            accessToken = new Api(first.start()).logIn("admin@example.com", Api.PASSWORD).json()
                    .path("accessToken").asText();
        }
        try (WardServer second = WardServer.create(ServerConfig.of(settings))) {
            assertThat(new Api(second.start()).getWithToken("/api/me", accessToken).status()).isEqualTo(401);
        }
    }
}
