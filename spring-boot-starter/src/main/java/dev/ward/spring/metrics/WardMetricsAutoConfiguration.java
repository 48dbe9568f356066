package dev.ward.spring.metrics;

import dev.ward.spring.WardAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** Ward's meters ({@link WardMetrics}), when Micrometer is on the class path and a {@link MeterRegistry} bean exists. */
@AutoConfiguration(before = WardAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
public class WardMetricsAutoConfiguration {

    /** Creates the configuration; Spring calls it. */
    public WardMetricsAutoConfiguration() {
    }

    /**
     * The meters, an event listener of the auto-configured manager.
     *
     * @param registry the registry
     * @return the meters
     */
    @Bean
    @ConditionalOnMissingBean
    public WardMetrics wardMetrics(MeterRegistry registry) {
        return new WardMetrics(registry);
    }
}
