package dev.ward;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** Checks shared by the builders: set-once options and range checks that collect problems. */
final class Settings {

    private Settings() {
    }

    static void requireUnset(Object current, String option) {
        if (current != null) {
            throw new IllegalStateException(option + " was already set");
        }
    }

    /** Returns {@code value} for an option that may be set once, refusing null and a second set. */
    static <T> T once(T current, T value, String option) {
        Objects.requireNonNull(value, option);
        requireUnset(current, option);
        return value;
    }

    static void checkRange(List<String> problems, String name, Duration value, Duration min, Duration max) {
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            problems.add(name + " must be between " + min + " and " + max + ", got " + value);
        }
    }

    static void checkRange(List<String> problems, String name, int value, int min, int max) {
        if (value < min || value > max) {
            problems.add(name + " must be between " + min + " and " + max + ", got " + value);
        }
    }

    static void checkText(List<String> problems, String name, String value) {
        if (value.isBlank() || value.length() > 256) {
            problems.add(name + " must be 1 to 256 characters and not blank");
        }
    }
}
