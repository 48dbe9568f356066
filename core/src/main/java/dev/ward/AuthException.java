package dev.ward;

import java.io.Serial;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The one exception of Ward's API: an authentication or request failure with a stable
 * {@link AuthError} code.
 *
 * <p>Unchecked. Its message is meant for the client and never contains a password, token,
 * hash or key. It carries no stack trace: these are expected outcomes, thrown often under
 * attack, not bugs. Store failures are not {@code AuthException}s (see
 * {@link dev.ward.store.StoreException}).
 */
public final class AuthException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The stable code. */
    private final AuthError error;
    /** The field violations of an {@link AuthError#INVALID_REQUEST}; empty otherwise. */
    private final List<FieldViolation> violations;
    /** The wait of a {@link AuthError#TOO_MANY_ATTEMPTS}, or null. */
    private final Duration retryAfter;

    /**
     * Creates an exception with a code and a message.
     *
     * @param error the code
     * @param message the client-facing message, without secrets
     * @throws NullPointerException if an argument is null
     */
    public AuthException(AuthError error, String message) {
        this(error, message, List.of(), null);
    }

    private AuthException(AuthError error, String message, List<FieldViolation> violations, Duration retryAfter) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        this.error = Objects.requireNonNull(error, "error");
        this.violations = List.copyOf(violations);
        this.retryAfter = retryAfter;
    }

    /**
     * Creates an {@link AuthError#INVALID_REQUEST} listing every violation.
     *
     * @param violations the violations, at least one
     * @return the exception
     * @throws IllegalArgumentException if {@code violations} is empty
     */
    public static AuthException invalidRequest(List<FieldViolation> violations) {
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an invalid request has at least one violation");
        }
        StringBuilder message = new StringBuilder("invalid request: ");
        for (int i = 0; i < violations.size(); i++) {
            FieldViolation v = violations.get(i);
            message.append(i == 0 ? "" : "; ").append(v.field()).append(' ').append(v.message());
        }
        return new AuthException(AuthError.INVALID_REQUEST, message.toString(), violations, null);
    }

    /**
     * Creates a {@link AuthError#TOO_MANY_ATTEMPTS}.
     *
     * @param retryAfter how long until the lock ends, or null for a lock that only a reset lifts
     * @return the exception
     */
    public static AuthException tooManyAttempts(Duration retryAfter) {
        if (retryAfter != null) {
            long seconds = retryAfter.getSeconds() + (retryAfter.getNano() > 0 ? 1 : 0);
            retryAfter = Duration.ofSeconds(Math.max(1, seconds));
        }
        String message = retryAfter == null
                ? "too many failed log-ins: this account is locked until it is reset"
                : "too many failed log-ins: try again in " + retryAfter.toSeconds() + " s";
        return new AuthException(AuthError.TOO_MANY_ATTEMPTS, message, List.of(), retryAfter);
    }

    /**
     * Returns the stable code.
     *
     * @return the code
     */
    public AuthError error() {
        return error;
    }

    /**
     * Returns the HTTP status that fits the code.
     *
     * @return for example 401
     */
    public int httpStatus() {
        return error.httpStatus();
    }

    /**
     * Returns the field violations of an {@link AuthError#INVALID_REQUEST}.
     *
     * @return the violations; empty for other codes
     */
    public List<FieldViolation> violations() {
        return violations;
    }

    /**
     * Returns how long a client should wait, for {@link AuthError#TOO_MANY_ATTEMPTS}.
     *
     * @return the wait, rounded up to whole seconds; empty for other codes and for a lock that
     *     only a reset lifts
     */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    @Override
    public String toString() {
        return "AuthException[" + error + ": " + getMessage() + "]";
    }
}
