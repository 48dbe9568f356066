package dev.ward.store;

import java.time.Instant;
import java.util.Optional;

/**
 * Counts consecutive failed log-ins per key, for throttling, and keeps the {@link KnownDevice
 * known devices} whose attempts are counted apart from those of unknown clients.
 *
 * <p>Every method is safe to call from many threads and, for a store shared through a
 * database, from many processes at once: no failure recorded by any node is lost. Failures of
 * the store itself come out as {@link StoreException}.
 *
 * <p>Keys are compared exactly (a trailing space makes another key) and kept whole up to 320
 * characters; a store may refuse longer keys with a {@link StoreException}.
 */
public interface LoginAttemptStore {

    /**
     * Records one failure for a key and returns the new state.
     *
     * <p>Atomic: the count goes up by exactly one per call, even when calls for one key run
     * at once on several nodes. A key without a record starts at one failure. In the same
     * atomic step the store sets {@code lastFailureAt = now} and
     * {@code lockedUntil = policy.lockedUntil(failures, now)} when that is later than the lock
     * already stored (a lock is never shortened here).
     *
     * <p>A key that is locked at {@code now} is not changed at all, and the policy is not
     * called: failures during a lock do not count. Otherwise a burst of guesses that all passed
     * the lock check before the lock was set would each add to the count, and could drive the
     * key to a long or permanent lock far faster than the schedule intends.
     *
     * @param key the throttling key
     * @param now the instant of the failure
     * @param policy decides the lock that the new count earns
     * @return the state after this failure; for a locked key, its unchanged state
     * @throws StoreException if the store fails
     * @throws NullPointerException if an argument is null
     */
    LoginAttempts recordFailure(String key, Instant now, LockoutPolicy policy);

    /**
     * Reads the state of a key.
     *
     * @param key the throttling key
     * @return the state, or empty when the key has no failures recorded
     * @throws StoreException if the store fails
     * @throws NullPointerException if {@code key} is null
     */
    Optional<LoginAttempts> find(String key);

    /**
     * Forgets a key: its count and any lock, permanent ones included. Deleting an absent key
     * does nothing.
     *
     * @param key the throttling key
     * @throws StoreException if the store fails
     * @throws NullPointerException if {@code key} is null
     */
    void reset(String key);

    /**
     * Deletes, in one bounded batch, keys whose last failure is before {@code staleBefore} and
     * that are not locked at {@code now}.
     *
     * <p>A single call never deletes more than {@code batchSize} keys; call it again while it
     * returns {@code batchSize}. Safe to run on several nodes at once.
     *
     * @param staleBefore keys whose last failure is before this instant are candidates
     * @param now keys locked beyond this instant are kept
     * @param batchSize the most keys to delete, at least 1
     * @return how many keys were deleted, at most {@code batchSize}
     * @throws StoreException if the store fails
     * @throws IllegalArgumentException if {@code batchSize} is less than 1
     * @throws NullPointerException if an instant is null
     */
    int purge(Instant staleBefore, Instant now, int batchSize);

    /**
     * Stores a newly issued device token.
     *
     * <p>Ids are random and never reused; saving an id that is already stored is an error of
     * the caller, and the store may refuse it with a {@link StoreException}.
     *
     * @param device the device, with the hash of its secret only
     * @throws StoreException if the store fails
     * @throws NullPointerException if {@code device} is null
     */
    void saveDevice(KnownDevice device);

    /**
     * Reads a device by id, expired or not: the caller checks the user, the secret and the
     * expiry.
     *
     * @param id the device id
     * @return the device, or empty when no device has this id (or it was purged)
     * @throws StoreException if the store fails
     * @throws NullPointerException if {@code id} is null
     */
    Optional<KnownDevice> findDevice(String id);

    /**
     * Deletes, in one bounded batch, devices that expired at or before {@code now}.
     *
     * <p>A single call never deletes more than {@code batchSize} devices; call it again while
     * it returns {@code batchSize}. Safe to run on several nodes at once.
     *
     * @param now devices whose {@code expiresAt} is not after this instant are deleted
     * @param batchSize the most devices to delete, at least 1
     * @return how many devices were deleted, at most {@code batchSize}
     * @throws StoreException if the store fails
     * @throws IllegalArgumentException if {@code batchSize} is less than 1
     * @throws NullPointerException if {@code now} is null
     */
    int purgeDevices(Instant now, int batchSize);

    /**
     * Deletes every {@link KnownDevice known device} of a user, expired or not; for deleting an
     * account. Deleting for a user without devices does nothing. Counts of failed log-ins are
     * kept per key, not per user, and stay.
     *
     * @param userId the user's id
     * @return how many devices were deleted; 0 when the user has none
     * @throws StoreException if the store fails
     * @throws NullPointerException if {@code userId} is null
     */
    int deleteDevicesForUser(String userId);
}
