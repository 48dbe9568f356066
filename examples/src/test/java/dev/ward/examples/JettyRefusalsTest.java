package dev.ward.examples;

import static dev.ward.examples.contract.HttpApiContract.assertError;

import dev.ward.examples.contract.Api;
import dev.ward.examples.contract.HttpApiContract;
import dev.ward.store.tck.MutableClock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What the example server's Jetty answers that the shared contract ({@link HttpApiContract})
 * leaves to each server: Tomcat, under the Spring Boot sample, answers headers too large with a
 * 400, Jetty with RFC 6585's 431.
 */
@DisplayName("The example server's Jetty-specific refusals")
class JettyRefusalsTest {

    @Test
    @DisplayName("headers too large get a 431 in the JSON error shape")
    void headersTooLarge() {
        WardServer server = WardServer.create(ServerConfig.of(Map.of("DB", ServerConfig.MEMORY, "PORT", "0",
                "HOST", "127.0.0.1", "SALT", "4", "ACCESS_TOKEN_PRIVATE_KEY", HttpApiContract.KEY,
                "MAIL_OUTBOX", HttpApiContract.OUTBOX)), new MutableClock(Instant.parse("2026-01-05T09:00:00Z")));
        try {
            Api api = new Api(server.start());

            assertError(api.raw("GET /api/me HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "a".repeat(64 * 1024)
                    + "\r\n\r\n"), 431, "HEADERS_TOO_LARGE");
        } finally {
            server.stop();
        }
    }
}
