package dev.ward.store;

import java.time.Instant;
import java.util.Objects;

/**
 * The failed log-in record of one throttling key (a normalised e-mail address, or a client
 * address with a prefix that the host chooses).
 *
 * @param key the throttling key
 * @param failures consecutive failures since the last reset; at least 1 for a stored record
 * @param lastFailureAt when the latest failure was recorded
 * @param lockedUntil until when the key is locked, or null when it is not locked; a lock that
 *     only a reset lifts is {@link #PERMANENT_LOCK}
 */
public record LoginAttempts(String key, int failures, Instant lastFailureAt, Instant lockedUntil) {

    /**
     * The {@code lockedUntil} of a key that stays locked until it is reset. A fixed instant
     * rather than {@link Instant#MAX}, so that every store can keep it as epoch milliseconds.
     */
    public static final Instant PERMANENT_LOCK = Instant.parse("9999-12-31T23:59:59Z");

    /**
     * Checks the components.
     *
     * @param key as described for the record
     * @param failures as described for the record
     * @param lastFailureAt as described for the record
     * @param lockedUntil as described for the record
     * @throws NullPointerException if {@code key} or {@code lastFailureAt} is null
     * @throws IllegalArgumentException if {@code failures} is negative
     */
    public LoginAttempts {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(lastFailureAt, "lastFailureAt");
        if (failures < 0) {
            throw new IllegalArgumentException("failures must not be negative");
        }
    }

    /**
     * Tells whether the key is locked at {@code now}.
     *
     * @param now the instant to test
     * @return true when {@code lockedUntil} is set and after {@code now}
     */
    public boolean isLockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }
}
