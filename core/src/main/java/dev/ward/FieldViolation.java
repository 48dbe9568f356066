package dev.ward;

import java.io.Serializable;
import java.util.Objects;

// "@serial exclude" only keeps the record off Javadoc's Serialized Form page: javadoc 17 asks
// there for a comment on each component's field and does not see the @param tags.
/**
 * One broken rule of a request, as reported by {@link AuthError#INVALID_REQUEST}.
 * Serializable, like the {@link AuthException} that carries it.
 *
 * @param field the request field, for example {@code "password"}
 * @param message what is wrong, in English, without the value itself
 * @serial exclude
 */
public record FieldViolation(String field, String message) implements Serializable {

    /**
     * Checks the components.
     *
     * @param field as described for the record
     * @param message as described for the record
     * @throws NullPointerException if a component is null
     */
    public FieldViolation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }
}
