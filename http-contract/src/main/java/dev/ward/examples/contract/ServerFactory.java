package dev.ward.examples.contract;

import java.time.Clock;
import java.util.Map;

/**
 * Starts a server of Ward's HTTP API for the contract tests: the example server on Javalin, or
 * the Spring Boot sample. The settings use the example server's environment-variable names
 * ({@code DB}, {@code SALT}, {@code ACCESS_TOKEN_PRIVATE_KEY}, {@code ADMIN_EMAIL},
 * {@code SMTP_HOST}, {@code MAIL_OUTBOX} ...); {@code PORT} is always {@code 0} (a free port)
 * and {@code HOST} {@code 127.0.0.1}.
 */
@FunctionalInterface
public interface ServerFactory {

    /**
     * Starts a server and waits until it listens.
     *
     * @param settings the settings, by the example server's environment-variable names
     * @param clock the clock of every token and expiry; the tests move it
     * @return the running server, which the caller stops
     */
    RunningServer start(Map<String, String> settings, Clock clock);

    /** A server that listens, until {@link #stop()}. */
    interface RunningServer {

        /**
         * Returns the port it listens on, on 127.0.0.1.
         *
         * @return the port
         */
        int port();

        /** Stops it; stopping twice does nothing. */
        void stop();
    }
}
