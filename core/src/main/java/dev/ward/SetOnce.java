package dev.ward;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Remembers which options a builder was given, so that each may be set once, and refuses
 * null at once. Values a builder starts with (defaults, or a copy's values from
 * {@code toBuilder()}) do not count as set. Not thread-safe, like the builders.
 */
final class SetOnce {

    private final Set<String> given = new HashSet<>();

    /**
     * Returns {@code value} for {@code option}, the first time it is set.
     *
     * @throws NullPointerException naming the option, if {@code value} is null
     * @throws IllegalStateException naming the option, if it was set already
     */
    <T> T set(String option, T value) {
        Objects.requireNonNull(value, option);
        if (!given.add(option)) {
            throw new IllegalStateException(option + " was already set");
        }
        return value;
    }
}
