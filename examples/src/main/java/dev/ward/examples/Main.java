package dev.ward.examples;

import dev.ward.ConfigurationException;

/**
 * Starts the example server from the command line: {@code java -jar examples/target/ward-server.jar}.
 *
 * <p>Settings come from environment variables or {@code -D} system properties (see
 * {@link ServerConfig}); all of them are printed at start-up, secrets masked. A bad setting
 * or a failed start ends the process with status 2 or 1 and a message that says what to fix.
 */
public final class Main {

    private Main() {
    }

    /**
     * Reads the settings, starts the server and keeps it running until the process is stopped.
     *
     * @param args ignored; settings come from the environment
     */
    public static void main(String[] args) {
        if (System.getProperty("org.jboss.logging.provider") == null) {
            // Hibernate Validator (inside Ward) logs through jboss-logging: send it to slf4j too.
            System.setProperty("org.jboss.logging.provider", "slf4j");
        }
        ServerConfig config;
        try {
            config = ServerConfig.fromEnvironment();
        } catch (ConfigurationException e) {
            System.err.println("Ward cannot start: fix these settings (environment variables or -D properties):");
            e.problems().forEach(problem -> System.err.println("  - " + problem));
            System.exit(2);
            return;
        }
        System.out.println("Ward example server, settings (-D property, else environment variable, else default):");
        System.out.print(config.describe());
        WardServer server;
        int port;
        try {
            server = WardServer.create(config);
            port = server.start();
        } catch (RuntimeException e) {
            System.err.println("Ward cannot start: " + messages(e));
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "ward-stop"));
        String host = "0.0.0.0".equals(config.host()) ? "localhost" : config.host();
        System.out.println("Ward is listening on http://" + host + ":" + port + "/ (the page) and /api/... (the API)");
    }

    /** The messages of an exception and its causes, for an operator; Ward's never hold secrets. */
    private static String messages(Throwable e) {
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c.getMessage() != null && !text.toString().contains(c.getMessage())) {
                text.append(": ").append(c.getMessage());
            }
        }
        return text.toString();
    }
}
