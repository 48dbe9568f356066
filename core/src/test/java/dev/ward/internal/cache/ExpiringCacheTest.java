package dev.ward.internal.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("the bounded expiring cache")
class ExpiringCacheTest {

    private static final long NOW = 1_000_000L;

    /** A cache of the given size holding the keys 0 to count - 1, each its own value, alive long after NOW. */
    private static ExpiringCache<Integer, Integer> holding(int maxSize, int count) {
        ExpiringCache<Integer, Integer> cache = new ExpiringCache<>(maxSize);
        for (int i = 0; i < count; i++) {
            cache.put(i, i, NOW + 1_000);
        }
        return cache;
    }

    @Nested
    @DisplayName("putIfAbsent")
    class PutIfAbsent {

        @Test
        @DisplayName("keeps a live entry, and replaces an expired one")
        void keepsLiveEntry() {
            ExpiringCache<String, String> cache = new ExpiringCache<>(8);
            cache.put("k", "revoked", NOW + 100);

            assertThat(cache.putIfAbsent("k", "active", NOW + 500, NOW + 99)).isFalse();
            assertThat(cache.get("k", NOW + 99)).isEqualTo("revoked");
            assertThat(cache.putIfAbsent("k", "active", NOW + 500, NOW + 100)).isTrue();
            assertThat(cache.get("k", NOW + 100)).isEqualTo("active");
            assertThat(cache.putIfAbsent("other", "active", NOW + 500, NOW)).isTrue();
        }

        @Test
        @DisplayName("stores nothing when the cache is disabled, and stays within its bound")
        void disabledAndBounded() {
            assertThat(new ExpiringCache<String, String>(0).putIfAbsent("k", "v", NOW + 1, NOW)).isFalse();
            ExpiringCache<Integer, Integer> cache = holding(8, 8);
            assertThat(cache.putIfAbsent(99, 99, NOW + 1_000, NOW)).isTrue();
            assertThat(cache.size()).isLessThanOrEqualTo(8);
        }
    }

    @Nested
    @DisplayName("expiry")
    class Expiry {

        @Test
        @DisplayName("an entry is found until the instant before its expiry, and not from then on")
        void aliveUntilExpiry() {
            ExpiringCache<String, String> cache = new ExpiringCache<>(8);
            cache.put("k", "v", NOW + 100);

            assertThat(cache.get("k", NOW)).isEqualTo("v");
            assertThat(cache.get("k", NOW + 99)).isEqualTo("v");
            assertThat(cache.get("k", NOW + 100)).isNull();
        }

        @Test
        @DisplayName("looking up an expired entry removes it")
        void expiredEntryIsRemovedOnLookUp() {
            ExpiringCache<String, String> cache = new ExpiringCache<>(8);
            cache.put("k", "v", NOW);

            assertThat(cache.get("k", NOW)).isNull();

            assertThat(cache.size()).isZero();
            assertThat(cache.isEmpty()).isTrue();
        }

        @Test
        @DisplayName("a put replaces the value and the expiry of its key")
        void putReplaces() {
            ExpiringCache<String, String> cache = new ExpiringCache<>(8);
            cache.put("k", "old", NOW + 10);
            cache.put("k", "new", NOW + 1_000);

            assertThat(cache.get("k", NOW + 500)).isEqualTo("new");
            assertThat(cache.size()).isEqualTo(1);
        }

        @Test
        @DisplayName("remove tells whether there was an entry, and an absent key is simply not found")
        void removeAndAbsent() {
            ExpiringCache<String, String> cache = new ExpiringCache<>(8);
            cache.put("k", "v", NOW + 10);

            assertThat(cache.remove("k")).isTrue();
            assertThat(cache.remove("k")).isFalse();
            assertThat(cache.get("k", NOW)).isNull();
            assertThat(cache.get("never", NOW)).isNull();
        }
    }

    @Nested
    @DisplayName("bounds")
    class Bounds {

        @Test
        @DisplayName("it never holds more entries than its size, whatever is put")
        void bounded() {
            ExpiringCache<Integer, Integer> cache = new ExpiringCache<>(16);
            for (int i = 0; i < 1_000; i++) {
                cache.put(i, i, NOW + 1_000);
                assertThat(cache.size()).isLessThanOrEqualTo(16);
            }
            assertThat(cache.get(999, NOW)).as("the newest entry").isEqualTo(999);
        }

        @Test
        @DisplayName("a full cache of live entries makes room for an eighth: N + 1 keys leave 7N/8 + 1")
        void evictionFreesAnEighth() {
            for (int n : new int[] {8, 16, 64, 1_000}) {
                ExpiringCache<Integer, Integer> cache = holding(n, n + 1);

                assertThat(cache.size()).as("size %d", n).isEqualTo(n - n / 8 + 1);
                assertThat(cache.get(n, NOW)).as("the key that made room").isEqualTo(n);
            }
        }

        @Test
        @DisplayName("expired entries go first: with enough of them, every live entry stays")
        void expiredGoFirst() {
            ExpiringCache<Integer, Integer> cache = new ExpiringCache<>(16);
            for (int i = 0; i < 16; i++) {
                cache.put(i, i, i % 2 == 0 ? NOW + 10 : NOW + 1_000);
            }
            cache.get(-1, NOW + 10); // tells the cache the time

            cache.put(16, 16, NOW + 1_000);

            assertThat(cache.size()).isEqualTo(9);
            for (int i = 1; i <= 16; i += 2) {
                assertThat(cache.get(i, NOW + 10)).as("live entry %d", i).isEqualTo(i);
            }
            assertThat(cache.get(16, NOW + 10)).isEqualTo(16);
        }

        @Test
        @DisplayName("replacing a key's value in a full cache evicts nothing")
        void replacingInFullCacheEvictsNothing() {
            ExpiringCache<Integer, Integer> cache = holding(8, 8);

            cache.put(3, 33, NOW + 2_000);

            assertThat(cache.size()).isEqualTo(8);
            assertThat(cache.get(3, NOW)).isEqualTo(33);
        }

        @Test
        @DisplayName("size 0 disables it: put keeps nothing, get finds nothing")
        void sizeZeroDisables() {
            ExpiringCache<String, String> cache = new ExpiringCache<>(0);
            cache.put("k", "v", NOW + 1_000);

            assertThat(cache.get("k", NOW)).isNull();
            assertThat(cache.size()).isZero();
            assertThat(cache.remove("k")).isFalse();
        }

        @Test
        @DisplayName("a negative size, a null key or a null value is refused")
        void refusesNonsense() {
            assertThatThrownBy(() -> new ExpiringCache<String, String>(-1))
                    .isInstanceOf(IllegalArgumentException.class);
            ExpiringCache<String, String> cache = new ExpiringCache<>(4);
            assertThatThrownBy(() -> cache.put(null, "v", NOW)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> cache.put("k", null, NOW)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> cache.get(null, NOW)).isInstanceOf(NullPointerException.class);
        }
    }

    @Test
    @DisplayName("threads putting, getting and removing at once find only what was put, and the bound holds")
    void concurrentSmokeTest() throws InterruptedException {
        int threads = 4;
        int maxSize = 256;
        ExpiringCache<String, String> cache = new ExpiringCache<>(maxSize);
        CountDownLatch start = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < 20_000; i++) {
                        String key = id + ":" + (i % 1_000);
                        long now = NOW + i;
                        cache.put(key, key.toUpperCase(), now + 50);
                        String found = cache.get(key, now);
                        if (found != null && !found.equals(key.toUpperCase())) {
                            throw new AssertionError("found " + found + " for " + key);
                        }
                        if (i % 7 == 0) {
                            cache.remove(key);
                        }
                        // Mid-run only runaway growth is a failure: ConcurrentHashMap's size is a
                        // sum of counters that may lag behind inserts still in flight, so the exact
                        // bound is checked once the threads are done.
                        if (cache.size() > 2 * maxSize) {
                            throw new AssertionError("size " + cache.size());
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
            workers.add(worker);
            worker.start();
        }
        start.countDown();
        for (Thread worker : workers) {
            worker.join();
        }

        assertThat(failure.get()).isNull();
        assertThat(cache.size()).isLessThanOrEqualTo(maxSize + threads);
        cache.put("after", "AFTER", NOW + 1_000_000);
        assertThat(cache.size()).as("one insertion alone makes room again").isLessThanOrEqualTo(maxSize);
    }
}
