package dev.ward;

import java.io.Serial;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * A builder was given a configuration that cannot work. It lists every problem at once, so
 * that one start-up shows everything to fix.
 *
 * <p>Each problem names the option it is about and says what is wrong with it, so that a host
 * that reads its configuration under other names (environment variables, properties) can
 * report each problem under its own name without taking the text apart:
 *
 * <pre>{@code
 * try {
 *     settings = builder.build();
 * } catch (ConfigurationException e) {
 *     for (ConfigurationException.Problem problem : e.optionProblems()) {
 *         log.error(environmentVariableOf(problem.option()) + " " + problem.message());
 *     }
 * }
 * }</pre>
 */
public final class ConfigurationException extends IllegalArgumentException {

    @Serial
    private static final long serialVersionUID = 2L;

    /** The message's start, before the problems. */
    private static final String PREFIX = "invalid Ward configuration: ";

    /** Every problem found, in order. */
    private final List<Problem> problems;

    /**
     * Creates the exception.
     *
     * @param problems every problem found, in order; copied
     * @throws IllegalArgumentException if {@code problems} is empty
     * @throws NullPointerException if {@code problems} or one of them is null
     */
    public ConfigurationException(List<Problem> problems) {
        super(PREFIX + String.join("; ", texts(problems)));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a configuration exception needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    private static List<String> texts(List<Problem> problems) {
        return problems.stream().map(Problem::toString).toList();
    }

    /**
     * Returns every problem as one line of text: the option's name, a space, and the message,
     * for example {@code "bcryptCost must be between 4 and 31, got 40"}.
     *
     * @return the problems' texts, in the order they were found
     */
    public List<String> problems() {
        return texts(problems);
    }

    /**
     * Returns every problem as the option it is about and a message.
     *
     * @return the problems, in the order they were found
     */
    public List<Problem> optionProblems() {
        return problems;
    }

    /**
     * One thing wrong with a configuration. Serializable, like the exception that carries it.
     *
     * <p>The message is meant to follow the option's name ({@code "must be between 4 and 31,
     * got 40"}); it never contains a secret. A rule that ties two options together is reported
     * under the option whose value is refused, and its message names the other option by its
     * builder method's name.
     *
     * @param option the option, as named by its builder method, for example {@code "bcryptCost"};
     *     a host that reads options under other names may report them under those
     * @param message what is wrong, in English, to be read after the option's name
     * @serial exclude
     */
    public record Problem(String option, String message) implements Serializable {

        /**
         * Checks the components.
         *
         * @param option as described for the record
         * @param message as described for the record
         * @throws NullPointerException if a component is null
         */
        public Problem {
            Objects.requireNonNull(option, "option");
            Objects.requireNonNull(message, "message");
        }

        /**
         * Returns the problem as one line: the option's name, a space, and the message.
         *
         * @return for example {@code "bcryptCost must be between 4 and 31, got 40"}
         */
        @Override
        public String toString() {
            return option + " " + message;
        }
    }
}
