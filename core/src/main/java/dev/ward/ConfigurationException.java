package dev.ward;

import java.io.Serial;
import java.util.List;

/**
 * A builder was given a configuration that cannot work. It lists every problem at once, so
 * that one start-up shows everything to fix.
 */
public final class ConfigurationException extends IllegalArgumentException {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Every problem found, in order. */
    private final List<String> problems;

    /**
     * Creates the exception.
     *
     * @param problems every problem found, at least one
     */
    public ConfigurationException(List<String> problems) {
        super("invalid Ward configuration: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /**
     * Returns every problem found.
     *
     * @return the problems, in the order they were found
     */
    public List<String> problems() {
        return problems;
    }
}
