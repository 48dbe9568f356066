package dev.ward.store.memory;

import dev.ward.store.KnownDevice;
import dev.ward.store.LockoutPolicy;
import dev.ward.store.LoginAttemptStore;
import dev.ward.store.LoginAttempts;
import dev.ward.store.StoreException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Predicate;

/**
 * A {@link LoginAttemptStore} that keeps failure counts in memory, bounded in size.
 *
 * <p>For tests, demos and single-node applications; not for a cluster, where each node would
 * count on its own (use the JDBC store there). Thread-safe: each failure is one atomic
 * {@code compute} of a {@link ConcurrentHashMap}, so no count is lost; a failure while the key is
 * locked is not counted.
 *
 * <p>Log-in requests for random e-mail addresses must not grow memory without limit, so the
 * store holds at most {@link #maxKeys()} keys (100,000 by default). When a new key would pass
 * the limit, one sweep frees a tenth of the room: first the unlocked keys with the oldest last
 * failure, then, only if every key is locked, the locks that end soonest. Permanent locks go
 * last. A flood of random keys can therefore reset the counters of quiet keys, but it cannot
 * lift an active lock while unlocked keys remain.
 *
 * <p>Known devices are kept in a map of their own, outside that bound: one is added only by a
 * log-in with the right password, so no flood of guesses can grow it; {@link #purgeDevices}
 * deletes the expired ones.
 */
public final class InMemoryLoginAttemptStore implements LoginAttemptStore {

    /** The default bound on the number of keys. */
    public static final int DEFAULT_MAX_KEYS = 100_000;

    private final ConcurrentMap<String, LoginAttempts> attempts = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, KnownDevice> devices = new ConcurrentHashMap<>();
    private final int maxKeys;
    private final Object evictionLock = new Object();

    /** Creates a store bounded to {@value #DEFAULT_MAX_KEYS} keys. */
    public InMemoryLoginAttemptStore() {
        this(DEFAULT_MAX_KEYS);
    }

    /**
     * Creates a store bounded to {@code maxKeys} keys.
     *
     * @param maxKeys the most keys kept at once, at least 10
     * @throws IllegalArgumentException if {@code maxKeys} is less than 10
     */
    public InMemoryLoginAttemptStore(int maxKeys) {
        if (maxKeys < 10) {
            throw new IllegalArgumentException("maxKeys must be at least 10, got " + maxKeys);
        }
        this.maxKeys = maxKeys;
    }

    /**
     * Returns the most keys this store keeps at once.
     *
     * @return the bound
     */
    public int maxKeys() {
        return maxKeys;
    }

    /**
     * Returns how many keys are stored now.
     *
     * @return the number of keys
     */
    public int size() {
        return attempts.size();
    }

    @Override
    public LoginAttempts recordFailure(String key, Instant now, LockoutPolicy policy) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(policy, "policy");
        if (attempts.size() >= maxKeys && !attempts.containsKey(key)) {
            makeRoom(now);
        }
        return attempts.compute(key, (k, old) -> {
            if (old != null && old.isLockedAt(now)) {
                return old; // failures during a lock do not count
            }
            int failures = old == null ? 1 : saturatingIncrement(old.failures());
            Instant lock = later(old == null ? null : old.lockedUntil(), policy.lockedUntil(failures, now));
            return new LoginAttempts(k, failures, now, lock);
        });
    }

    private static int saturatingIncrement(int n) {
        return n == Integer.MAX_VALUE ? n : n + 1;
    }

    private static Instant later(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return b.isAfter(a) ? b : a;
    }

    private void makeRoom(Instant now) {
        synchronized (evictionLock) {
            if (attempts.size() < maxKeys) {
                return;
            }
            int target = maxKeys - Math.max(1, maxKeys / 10);
            List<LoginAttempts> candidates = new ArrayList<>(attempts.values());
            candidates.sort(Comparator
                    .comparing((LoginAttempts a) -> a.isLockedAt(now))
                    .thenComparing(a -> LoginAttempts.PERMANENT_LOCK.equals(a.lockedUntil()))
                    .thenComparing(a -> a.isLockedAt(now) ? a.lockedUntil() : a.lastFailureAt()));
            for (LoginAttempts candidate : candidates) {
                if (attempts.size() <= target) {
                    break;
                }
                attempts.remove(candidate.key(), candidate);
            }
        }
    }

    @Override
    public Optional<LoginAttempts> find(String key) {
        Objects.requireNonNull(key, "key");
        return Optional.ofNullable(attempts.get(key));
    }

    @Override
    public void reset(String key) {
        Objects.requireNonNull(key, "key");
        attempts.remove(key);
    }

    @Override
    public int purge(Instant staleBefore, Instant now, int batchSize) {
        Objects.requireNonNull(staleBefore, "staleBefore");
        Objects.requireNonNull(now, "now");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
        return removeBatch(attempts, a -> a.lastFailureAt().isBefore(staleBefore) && !a.isLockedAt(now), batchSize);
    }

    /** Removes at most {@code batchSize} entries that match, each only if it is still unchanged. */
    private static <V> int removeBatch(ConcurrentMap<String, V> map, Predicate<V> remove, int batchSize) {
        int deleted = 0;
        for (Map.Entry<String, V> entry : map.entrySet()) {
            if (deleted >= batchSize) {
                break;
            }
            if (remove.test(entry.getValue()) && map.remove(entry.getKey(), entry.getValue())) {
                deleted++;
            }
        }
        return deleted;
    }

    @Override
    public void saveDevice(KnownDevice device) {
        Objects.requireNonNull(device, "device");
        if (devices.putIfAbsent(device.id(), device) != null) {
            throw new StoreException("a device with this id already exists");
        }
    }

    @Override
    public Optional<KnownDevice> findDevice(String id) {
        return Optional.ofNullable(devices.get(Objects.requireNonNull(id, "id")));
    }

    @Override
    public int purgeDevices(Instant now, int batchSize) {
        Objects.requireNonNull(now, "now");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
        return removeBatch(devices, device -> !device.isValidAt(now), batchSize);
    }

    @Override
    public int deleteDevicesForUser(String userId) {
        Objects.requireNonNull(userId, "userId");
        return removeBatch(devices, device -> device.userId().equals(userId), Integer.MAX_VALUE);
    }

    @Override
    public String toString() {
        return "InMemoryLoginAttemptStore[keys=" + attempts.size() + ", maxKeys=" + maxKeys + ", devices="
                + devices.size() + "]";
    }
}
