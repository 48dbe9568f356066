package dev.ward.store;

import java.io.Serial;

/**
 * A store could not do what was asked: the database is down, a statement timed out, a
 * constraint the store did not expect was violated, and so on.
 *
 * <p>It is unchecked, and Ward never turns it into an authentication failure: it reaches the
 * host as "service unavailable", so that a database outage never logs anyone out. The cause,
 * when there is one, is attached. Messages never contain a password, hash or token.
 */
public class StoreException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message and no cause.
     *
     * @param message what went wrong, without secrets
     */
    public StoreException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and the failure that caused it.
     *
     * @param message what went wrong, without secrets
     * @param cause the underlying failure, for example an {@code SQLException}
     */
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
