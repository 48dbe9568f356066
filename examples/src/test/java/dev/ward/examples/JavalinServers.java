package dev.ward.examples;

import dev.ward.examples.contract.ServerFactory;
import java.time.Clock;
import java.util.Map;

/** Starts the example server on Javalin for the shared HTTP contract tests. */
final class JavalinServers implements ServerFactory {

    @Override
    public RunningServer start(Map<String, String> settings, Clock clock) {
        WardServer server = WardServer.create(ServerConfig.of(settings), clock);
        int port = server.start();
        return new RunningServer() {
            @Override
            public int port() {
                return port;
            }

            @Override
            public void stop() {
                server.stop();
            }
        };
    }
}
