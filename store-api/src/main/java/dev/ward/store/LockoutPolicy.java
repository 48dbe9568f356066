package dev.ward.store;

import java.time.Instant;

/**
 * Decides, from a key's new number of consecutive failures, until when the key is locked.
 *
 * <p>A {@link LoginAttemptStore} calls it inside its atomic
 * {@link LoginAttemptStore#recordFailure(String, Instant, LockoutPolicy) recordFailure}, so it
 * must be a pure, fast function without side effects: it may be called more than once for one
 * failure when a store retries.
 */
@FunctionalInterface
public interface LockoutPolicy {

    /** A policy that never locks. */
    LockoutPolicy NEVER = (failures, now) -> null;

    /**
     * Returns the end of the lock that {@code failures} consecutive failures earn.
     *
     * @param failures the number of consecutive failures, including the one just recorded
     * @param now the instant of that failure
     * @return the end of the lock, {@link LoginAttempts#PERMANENT_LOCK} for a lock that only a
     *     reset lifts, or null for no lock
     */
    Instant lockedUntil(int failures, Instant now);
}
