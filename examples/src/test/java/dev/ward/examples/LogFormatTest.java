package dev.ward.examples;

import dev.ward.examples.contract.Api;
import dev.ward.examples.contract.HttpApiContract;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The server's log: Ward's own lines (through {@link System.Logger}) come out in the server's
 * slf4j-simple format, and requests are logged only at debug level.
 */
@DisplayName("The server's log format")
class LogFormatTest {

    /** slf4j-simple's line start as simplelogger.properties sets it: date and time, thread, level. */
    private static final String LINE_START = "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3} \\[[^\\]]+\\] ";

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @BeforeEach
    void capture() {
        originalErr = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setErr(originalErr);
    }

    private String log() {
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("a line Ward logs through System.Logger appears in the server's format, at the server's levels")
    void wardLinesInServerFormat() {
        assertThat(System.LoggerFinder.getLoggerFinder()).isInstanceOf(Slf4jLoggerFinder.class);
        System.Logger ward = System.getLogger("dev.ward");

        ward.log(System.Logger.Level.WARNING, "probe {0} of the log format", 42);
        ward.log(System.Logger.Level.DEBUG, "a debug line that the server's level hides");

        assertThat(ward.isLoggable(System.Logger.Level.DEBUG)).isFalse();
        assertThat(log()).containsPattern(LINE_START + "WARN ward - probe 42 of the log format")
                .doesNotContain("a debug line");
    }

    @Test
    @DisplayName("requests are not logged at the default level (info): one line each only at debug")
    void requestsOnlyAtDebug() {
        try (WardServer server = WardServer.create(ServerConfig.of(Map.of("DB", "memory", "SALT", "4", "PORT", "0",
                "HOST", "127.0.0.1", "ACCESS_TOKEN_PRIVATE_KEY", HttpApiContract.KEY, "MAIL_OUTBOX",
                HttpApiContract.OUTBOX)))) {
            Api api = new Api(server.start());

            assertThat(api.get("/api/me").status()).isEqualTo(401);
            assertThat(api.get("/.well-known/jwks.json").status()).isEqualTo(200);
        }

        assertThat(log()).doesNotContain("/api/me", "jwks.json");
    }
}
