package dev.ward.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ward.store.KnownDevice;
import dev.ward.store.LockoutPolicy;
import dev.ward.store.LoginAttemptStore;
import dev.ward.store.LoginAttempts;
import dev.ward.store.StoreException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The conformance kit for {@link LoginAttemptStore}: the promises of the SPI's Javadoc as tests,
 * which every implementation runs from a subclass that only implements
 * {@link #createLoginAttemptStore()}:
 *
 * <pre>{@code
 * class MyLoginAttemptStoreTest extends LoginAttemptStoreKit {
 *     @Override
 *     protected LoginAttemptStore createLoginAttemptStore() {
 *         return new MyLoginAttemptStore(dataSource);
 *     }
 * }
 * }</pre>
 *
 * <p>The tests come in {@link Nested @Nested} groups (counting failures, locks, keys, purge,
 * known devices, arguments) that JUnit Jupiter runs for every subclass; a subclass may add tests and groups of
 * its own. They use fresh random keys, so a store backed by a shared database need not be
 * emptied between tests; the purge test only asserts on its own keys. Races run on 16 threads,
 * and every test times out after two minutes.
 */
@Timeout(120)
public abstract class LoginAttemptStoreKit {

    /** A fixed instant with millisecond precision, the precision every store keeps. */
    protected static final Instant T0 = Instant.parse("2030-01-01T00:00:00.123Z");

    /** Locks for one minute from the third failure on. */
    private static final LockoutPolicy THIRD_LOCKS = (failures, now) -> failures >= 3 ? now.plusSeconds(60) : null;

    private LoginAttemptStore store;

    /** For subclasses, which JUnit Jupiter instantiates once per test. */
    protected LoginAttemptStoreKit() {
    }

    /**
     * Returns the store under test. Called before each test; it may return a new instance over
     * the same backing storage each time.
     *
     * @return the store
     */
    protected abstract LoginAttemptStore createLoginAttemptStore();

    @BeforeEach
    void setUpLoginAttemptStore() {
        store = createLoginAttemptStore();
    }

    private static String key() {
        return "kit:" + UUID.randomUUID() + "@example.test";
    }

    /** Counting failures per key, from any number of threads. */
    @Nested
    @DisplayName("counting failures")
    class Counting {

        @Test
        @DisplayName("the first failure of a key starts its count at one")
        void firstFailureStartsAtOne() {
            String key = key();

            LoginAttempts attempts = store.recordFailure(key, T0, LockoutPolicy.NEVER);

            assertThat(attempts).isEqualTo(new LoginAttempts(key, 1, T0, null));
            assertThat(store.find(key)).contains(attempts);
        }

        @Test
        @DisplayName("each failure adds one and moves the last failure; the policy's lock is stored")
        void failuresCountUpAndLock() {
            String key = key();
            store.recordFailure(key, T0, THIRD_LOCKS);
            LoginAttempts second = store.recordFailure(key, T0.plusSeconds(1), THIRD_LOCKS);
            assertThat(second.failures()).isEqualTo(2);
            assertThat(second.lockedUntil()).isNull();

            LoginAttempts third = store.recordFailure(key, T0.plusSeconds(2), THIRD_LOCKS);

            assertThat(third).isEqualTo(new LoginAttempts(key, 3, T0.plusSeconds(2), T0.plusSeconds(62)));
            assertThat(third.isLockedAt(T0.plusSeconds(61))).isTrue();
            assertThat(third.isLockedAt(T0.plusSeconds(62))).isFalse();
            assertThat(store.find(key)).contains(third);
        }

        @Test
        @DisplayName("the policy sees the new count")
        void policySeesNewCount() {
            String key = key();
            store.recordFailure(key, T0, LockoutPolicy.NEVER);
            int[] seen = new int[1];

            store.recordFailure(key, T0.plusSeconds(1), (failures, now) -> {
                seen[0] = failures;
                return null;
            });

            assertThat(seen[0]).isEqualTo(2);
        }

        @Test
        @DisplayName("16 threads recording 10 failures each for one key lose no count")
        void concurrentFailuresLoseNoCount() {
            String key = key();

            List<Concurrently.Outcome<Integer>> outcomes = Concurrently.run(16, i -> () -> {
                int last = 0;
                for (int n = 0; n < 10; n++) {
                    last = store.recordFailure(key, T0.plusMillis(n), LockoutPolicy.NEVER).failures();
                }
                return last;
            });

            assertThat(outcomes).allMatch(Concurrently.Outcome::succeeded);
            assertThat(store.find(key).orElseThrow().failures()).isEqualTo(160);
            assertThat(outcomes.stream().map(Concurrently.Outcome::value)).contains(160);
        }
    }

    /** What the lockout policy's lock does to further failures. */
    @Nested
    @DisplayName("locks")
    class Locks {

        @Test
        @DisplayName("a failure while the key is locked changes nothing and does not ask the policy")
        void failureWhileLockedIsNotCounted() {
            String key = key();
            for (int i = 0; i < 3; i++) {
                store.recordFailure(key, T0, THIRD_LOCKS);
            }
            LockoutPolicy mustNotBeAsked = (f, now) -> {
                throw new AssertionError("the policy was asked while the key is locked");
            };

            LoginAttempts during = store.recordFailure(key, T0.plusSeconds(30), mustNotBeAsked);

            LoginAttempts locked = new LoginAttempts(key, 3, T0, T0.plusSeconds(60));
            assertThat(during).isEqualTo(locked);
            assertThat(store.find(key)).contains(locked);
            LoginAttempts after = store.recordFailure(key, T0.plusSeconds(60), THIRD_LOCKS);
            assertThat(after).isEqualTo(new LoginAttempts(key, 4, T0.plusSeconds(60), T0.plusSeconds(120)));
        }

        @Test
        @DisplayName("after a lock has ended, a policy without a lock keeps the old lock instant")
        void endedLockIsKeptWithoutNewLock() {
            String key = key();
            store.recordFailure(key, T0, (f, now) -> now.plusSeconds(10));

            LoginAttempts later = store.recordFailure(key, T0.plusSeconds(20), LockoutPolicy.NEVER);

            assertThat(later).isEqualTo(new LoginAttempts(key, 2, T0.plusSeconds(20), T0.plusSeconds(10)));
        }

        @Test
        @DisplayName("16 threads failing at once on a key about to lock: the count stops at the lock")
        void burstStopsCountingAtTheLock() {
            String key = key();

            Concurrently.run(16, i -> () -> store.recordFailure(key, T0, THIRD_LOCKS));

            LoginAttempts state = store.find(key).orElseThrow();
            assertThat(state.failures()).isEqualTo(3);
            assertThat(state.lockedUntil()).isEqualTo(T0.plusSeconds(60));
        }

        @Test
        @DisplayName("a permanent lock is kept as such, and further failures do not count")
        void permanentLockIsKept() {
            String key = key();

            LoginAttempts locked = store.recordFailure(key, T0, (f, now) -> LoginAttempts.PERMANENT_LOCK);
            store.recordFailure(key, T0.plusSeconds(86_400L * 365), LockoutPolicy.NEVER);

            assertThat(locked.lockedUntil()).isEqualTo(LoginAttempts.PERMANENT_LOCK);
            assertThat(store.find(key)).contains(locked);
        }
    }

    /** Finding and resetting keys, which are compared exactly. */
    @Nested
    @DisplayName("keys")
    class Keys {

        @Test
        @DisplayName("find of an unknown key is empty")
        void findUnknownIsEmpty() {
            assertThat(store.find(key())).isEmpty();
        }

        @Test
        @DisplayName("reset forgets the count and every lock, and resetting an unknown key does nothing")
        void resetForgetsKey() {
            String key = key();
            store.recordFailure(key, T0, (f, now) -> LoginAttempts.PERMANENT_LOCK);

            store.reset(key);
            store.reset(key);
            store.reset(key());

            assertThat(store.find(key)).isEmpty();
            assertThat(store.recordFailure(key, T0.plusSeconds(1), LockoutPolicy.NEVER).failures()).isEqualTo(1);
        }

        @Test
        @DisplayName("keys of 320 characters are kept whole and apart")
        void longKeysAreKeptApart() {
            String base = key();
            String a = (base + "a".repeat(320)).substring(0, 319) + "a";
            String b = (base + "a".repeat(320)).substring(0, 319) + "b";

            store.recordFailure(a, T0, LockoutPolicy.NEVER);
            store.recordFailure(a, T0, LockoutPolicy.NEVER);
            store.recordFailure(b, T0, LockoutPolicy.NEVER);

            assertThat(store.find(a).orElseThrow().failures()).isEqualTo(2);
            assertThat(store.find(b).orElseThrow().failures()).isEqualTo(1);
        }

        @Test
        @DisplayName("keys that differ only by a trailing space are different keys")
        void trailingSpaceMakesAnotherKey() {
            String key = key();

            store.recordFailure(key, T0, LockoutPolicy.NEVER);
            store.recordFailure(key + " ", T0, LockoutPolicy.NEVER);

            assertThat(store.find(key).orElseThrow().failures()).isEqualTo(1);
            assertThat(store.find(key + " ").orElseThrow().failures()).isEqualTo(1);
        }
    }

    /** Deleting stale keys in bounded batches. */
    @Nested
    @DisplayName("purge")
    class Purge {

        @Test
        @DisplayName("purge deletes stale unlocked keys in bounded batches and keeps locked and fresh ones")
        void purgeDeletesStaleUnlockedKeys() {
            List<String> stale = List.of(key(), key(), key(), key(), key());
            for (String key : stale) {
                store.recordFailure(key, T0, LockoutPolicy.NEVER);
            }
            String expiredLock = key();
            store.recordFailure(expiredLock, T0, (f, now) -> now.plusSeconds(10));
            String lockedLong = key();
            store.recordFailure(lockedLong, T0, (f, now) -> now.plusSeconds(7200));
            String permanent = key();
            store.recordFailure(permanent, T0, (f, now) -> LoginAttempts.PERMANENT_LOCK);
            String fresh = key();
            store.recordFailure(fresh, T0.plusSeconds(3000), LockoutPolicy.NEVER);
            Instant now = T0.plusSeconds(3600);

            int rounds = 0;
            int deleted;
            do {
                deleted = store.purge(T0.plusSeconds(1800), now, 2);
                assertThat(deleted).isBetween(0, 2);
                rounds++;
            } while (deleted == 2 && rounds < 10_000);

            for (String key : stale) {
                assertThat(store.find(key)).isEmpty();
            }
            assertThat(store.find(expiredLock)).isEmpty();
            assertThat(store.find(lockedLong)).isPresent();
            assertThat(store.find(permanent)).isPresent();
            assertThat(store.find(fresh)).isPresent();
        }
    }

    /** Known devices: saved, found by id, purged once expired. */
    @Nested
    @DisplayName("known devices")
    class Devices {

        private KnownDevice device(Instant expiresAt) {
            String id = UUID.randomUUID().toString().replace("-", "");
            return new KnownDevice(id, "user-" + id, "h".repeat(43), T0, expiresAt);
        }

        @Test
        @DisplayName("a saved device is found by its id with every field, and an unknown id finds nothing")
        void savedDeviceIsFound() {
            KnownDevice saved = device(T0.plusSeconds(86_400));

            store.saveDevice(saved);

            assertThat(store.findDevice(saved.id())).contains(saved);
            assertThat(store.findDevice(device(T0).id())).isEmpty();
            assertThat(store.findDevice("x".repeat(200))).as("an id longer than any stored one").isEmpty();
        }

        @Test
        @DisplayName("saving a second device with the same id is refused, and the first one stays")
        void duplicateIdIsRefused() {
            KnownDevice first = device(T0.plusSeconds(60));
            store.saveDevice(first);
            KnownDevice other = new KnownDevice(first.id(), "someone-else", "g".repeat(43), T0, T0.plusSeconds(99));

            assertThatThrownBy(() -> store.saveDevice(other)).isInstanceOf(StoreException.class);
            assertThat(store.findDevice(first.id())).contains(first);
        }

        @Test
        @DisplayName("purgeDevices deletes devices expired at or before now, in bounded batches, and keeps the rest")
        void purgeDeletesExpiredDevices() {
            List<KnownDevice> expired = List.of(device(T0), device(T0.plusSeconds(10)), device(T0.plusSeconds(20)));
            KnownDevice valid = device(T0.plusSeconds(21));
            expired.forEach(store::saveDevice);
            store.saveDevice(valid);
            Instant now = T0.plusSeconds(20);

            int deleted = store.purgeDevices(now, 1);
            assertThat(deleted).isEqualTo(1);
            for (int rounds = 0; deleted == 1 && rounds < 10_000; rounds++) {
                deleted = store.purgeDevices(now, 1);
            }

            assertThat(expired).allSatisfy(d -> assertThat(store.findDevice(d.id())).isEmpty());
            assertThat(store.findDevice(valid.id())).contains(valid);
            assertThat(store.find(valid.id())).as("devices are not throttling keys").isEmpty();
        }

        @Test
        @DisplayName("deleteDevicesForUser deletes every device of the user, expired or not, and no other user's")
        void deleteDevicesForUserDeletesOnlyThatUsersDevices() {
            String userId = "user-" + UUID.randomUUID();
            List<KnownDevice> mine = List.of(
                    new KnownDevice(UUID.randomUUID().toString().replace("-", ""), userId, "a".repeat(43), T0,
                            T0.plusSeconds(60)),
                    new KnownDevice(UUID.randomUUID().toString().replace("-", ""), userId, "b".repeat(43), T0, T0),
                    new KnownDevice(UUID.randomUUID().toString().replace("-", ""), userId, "c".repeat(43), T0,
                            T0.plusSeconds(86_400)));
            KnownDevice someoneElses = device(T0.plusSeconds(60));
            mine.forEach(store::saveDevice);
            store.saveDevice(someoneElses);

            assertThat(store.deleteDevicesForUser(userId)).isEqualTo(3);

            assertThat(mine).allSatisfy(d -> assertThat(store.findDevice(d.id())).isEmpty());
            assertThat(store.findDevice(someoneElses.id())).contains(someoneElses);
            assertThat(store.deleteDevicesForUser(userId)).isZero();
            assertThat(store.deleteDevicesForUser("user-" + UUID.randomUUID())).isZero();
        }

        @Test
        @DisplayName("bad arguments are refused")
        void badArgumentsAreRefused() {
            assertThatThrownBy(() -> store.saveDevice(null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> store.findDevice(null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> store.purgeDevices(null, 1)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> store.deleteDevicesForUser(null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> store.purgeDevices(T0, 0)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    /** What every method refuses. */
    @Nested
    @DisplayName("arguments")
    class Arguments {

        @Test
        @DisplayName("bad arguments are refused")
        void badArgumentsAreRefused() {
            assertThatThrownBy(() -> store.recordFailure(null, T0, LockoutPolicy.NEVER))
                    .isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> store.recordFailure("k", null, LockoutPolicy.NEVER))
                    .isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> store.recordFailure("k", T0, null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> store.find(null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> store.reset(null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> store.purge(T0, T0, 0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.purge(null, T0, 1)).isInstanceOf(NullPointerException.class);
        }
    }
}
