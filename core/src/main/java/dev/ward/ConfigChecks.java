package dev.ward;

import dev.ward.ConfigurationException.Problem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects what is wrong with a configuration while a builder's {@code build()} checks it,
 * each problem under its option's name, and throws them together in one
 * {@link ConfigurationException}. One instance per {@code build()} call.
 */
final class ConfigChecks {

    private final List<Problem> problems = new ArrayList<>();

    /** Records a problem: {@code message} is read after the option's name. */
    void add(String option, String message) {
        problems.add(new Problem(option, message));
    }

    /** Records that a required option is missing, unless {@code value} is present. */
    void required(String option, Object value, String message) {
        if (value == null) {
            add(option, message);
        }
    }

    void range(String option, Duration value, Duration min, Duration max) {
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            add(option, "must be between " + min + " and " + max + ", got " + value);
        }
    }

    void range(String option, long value, long min, long max) {
        if (value < min || value > max) {
            add(option, "must be between " + min + " and " + max + ", got " + value);
        }
    }

    void text(String option, String value, int maxLength) {
        if (value.isBlank() || value.length() > maxLength) {
            add(option, "must be 1 to " + maxLength + " characters and not blank");
        }
    }

    /** Throws every recorded problem, if there is one. */
    void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
    }
}
