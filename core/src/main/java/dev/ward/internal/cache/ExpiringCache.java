package dev.ward.internal.cache;

import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A bounded map whose entries each expire at a time given with them, safe for use from many
 * threads. It holds what is cheaper to remember than to work out again (a verified token, a
 * session known to be active) and forgets freely: a caller must treat a miss as "not known",
 * never as "known to be absent".
 *
 * <p>Time is never read here: every call that needs it is given the current time in epoch
 * milliseconds, so that a test moves a clock instead of sleeping. An entry is alive while
 * {@code nowMillis < expiresAtMillis}.
 *
 * <p>When a new key arrives at the size limit, the cache first drops every expired entry, then
 * arbitrary entries until an eighth of the limit is free. The scan over all entries is then
 * paid once per {@code maxSize / 8} insertions, not at each one, and the cache never forgets
 * everything at once. Which entries count as expired there is judged by the latest time given
 * to {@link #get}, since {@link #put} is not given one.
 *
 * <p>The bound is exact for one thread. Threads that insert at the same moment may each add
 * their entry after the room was made (and read a count that lags behind inserts still in
 * flight), so the size may pass {@code maxSize} by about the number of threads inserting at
 * once, until the next insertion makes room again.
 *
 * @param <K> the key type; keys are compared with {@code equals}
 * @param <V> the value type
 */
public final class ExpiringCache<K, V> {

    /** The most buckets allocated up front, whatever the limit: a large cache grows as it fills. */
    private static final int INITIAL_CAPACITY_LIMIT = 1 << 16;

    private final int maxSize;
    private final ConcurrentHashMap<K, Entry<V>> entries;
    /** Serialises eviction, so that threads arriving at a full cache scan it once, not each. */
    private final Object evictionLock = new Object();
    /**
     * The latest time given to {@link #get}. Written only when it moves forward, at most once per
     * millisecond, so that reading it on every look-up costs no contention between threads.
     */
    private volatile long latestNow = Long.MIN_VALUE;

    private record Entry<V>(V value, long expiresAt) {
    }

    /**
     * Creates an empty cache.
     *
     * @param maxSize the most entries kept; 0 disables the cache (nothing is stored, nothing found)
     * @throws IllegalArgumentException if {@code maxSize} is negative
     */
    public ExpiringCache(int maxSize) {
        if (maxSize < 0) {
            throw new IllegalArgumentException("maxSize must not be negative, got " + maxSize);
        }
        this.maxSize = maxSize;
        this.entries = new ConcurrentHashMap<>(Math.min(maxSize, INITIAL_CAPACITY_LIMIT));
    }

    /**
     * Returns the value stored for a key, if it is still alive.
     *
     * @param key the key
     * @param nowMillis the current time, in epoch milliseconds
     * @return the value, or null when the key is absent or its entry has expired; an expired
     *     entry is removed
     * @throws NullPointerException if {@code key} is null
     */
    public V get(K key, long nowMillis) {
        if (nowMillis > latestNow) {
            latestNow = nowMillis;
        }
        Entry<V> entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (nowMillis >= entry.expiresAt()) {
            // Conditional, so that a fresh entry another thread just stored is kept.
            entries.remove(key, entry);
            return null;
        }
        return entry.value();
    }

    /**
     * Stores a value until a given time, replacing any value stored for the key. At the size
     * limit a new key first makes room, as the class comment says. Does nothing when the cache
     * is disabled.
     *
     * @param key the key
     * @param value the value
     * @param expiresAtMillis the first instant, in epoch milliseconds, at which the entry is dead
     * @throws NullPointerException if {@code key} or {@code value} is null
     */
    public void put(K key, V value, long expiresAtMillis) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (maxSize == 0) {
            return;
        }
        if (entries.size() >= maxSize && !entries.containsKey(key)) {
            makeRoom();
        }
        entries.put(key, new Entry<>(value, expiresAtMillis));
    }

    /**
     * Stores a value until a given time unless the key has a live entry already, in one atomic
     * step: a value learnt from a slow read then never overwrites what another thread stored
     * meanwhile (for example a mark that the session was revoked).
     *
     * @param key the key
     * @param value the value
     * @param expiresAtMillis the first instant, in epoch milliseconds, at which the entry is dead
     * @param nowMillis the current time, in epoch milliseconds, which decides whether an entry is live
     * @return true when this call stored the value; false when a live entry was kept, or the
     *     cache is disabled
     * @throws NullPointerException if {@code key} or {@code value} is null
     */
    public boolean putIfAbsent(K key, V value, long expiresAtMillis, long nowMillis) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (maxSize == 0) {
            return false;
        }
        if (entries.size() >= maxSize && !entries.containsKey(key)) {
            makeRoom();
        }
        Entry<V> fresh = new Entry<>(value, expiresAtMillis);
        return entries.compute(key, (k, old) -> old != null && nowMillis < old.expiresAt() ? old : fresh) == fresh;
    }

    /**
     * Removes a key's entry.
     *
     * @param key the key
     * @return true when an entry (alive or expired) was removed, false when there was none
     * @throws NullPointerException if {@code key} is null
     */
    public boolean remove(K key) {
        return entries.remove(key) != null;
    }

    /**
     * Returns how many entries are stored now, expired ones that were not yet removed included.
     *
     * @return the number of entries
     */
    public int size() {
        return entries.size();
    }

    /**
     * Tells whether no entry is stored.
     *
     * @return true when {@link #size()} is 0
     */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /**
     * Frees an eighth of the limit (at least one entry): expired entries first, then entries in
     * the map's iteration order, which follows hashes and so favours no one.
     */
    private void makeRoom() {
        synchronized (evictionLock) {
            if (entries.size() < maxSize) {
                return; // another thread made room while this one waited
            }
            long now = latestNow;
            int target = maxSize - Math.max(1, maxSize / 8);
            entries.values().removeIf(entry -> now >= entry.expiresAt());
            for (Iterator<Entry<V>> it = entries.values().iterator(); it.hasNext() && entries.size() > target; ) {
                it.next();
                it.remove();
            }
        }
    }
}
