package dev.ward.spring;

import dev.ward.ConfigurationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a start-up failure on bad {@code ward.*} properties into Spring Boot's failure report:
 * every bad property on its own line, and what to do.
 */
public final class WardConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<ConfigurationException> {

    /** Creates the analyzer; Spring Boot calls it. */
    public WardConfigurationFailureAnalyzer() {
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ConfigurationException cause) {
        StringBuilder description = new StringBuilder("Ward's configuration is invalid:");
        for (ConfigurationException.Problem problem : cause.optionProblems()) {
            description.append(System.lineSeparator()).append("    ").append(problem);
        }
        return new FailureAnalysis(description.toString(),
                "Fix the ward.* properties listed above (see docs/spring-boot.md for each property).", cause);
    }
}
