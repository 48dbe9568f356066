package dev.ward.examples.springboot;

import dev.ward.examples.contract.ServerFactory;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts the Spring Boot sample for the shared HTTP contract tests: the settings, by the example
 * server's environment-variable names, become the first property source (as environment
 * variables would be read), and the test's clock becomes the {@link Clock} bean that Ward uses.
 */
final class SpringServers implements ServerFactory {

    @Override
    public RunningServer start(Map<String, String> settings, Clock clock) {
        Map<String, Object> source = new HashMap<>(settings);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(WardSpringBootSample.class)
                .initializers(c -> {
                    c.getEnvironment().getPropertySources().addFirst(new MapPropertySource("contract-settings", source));
                    c.getBeanFactory().registerSingleton("clock", clock);
                })
                .run();
        int port = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
        return new RunningServer() {
            @Override
            public int port() {
                return port;
            }

            @Override
            public void stop() {
                context.close();
            }
        };
    }
}
