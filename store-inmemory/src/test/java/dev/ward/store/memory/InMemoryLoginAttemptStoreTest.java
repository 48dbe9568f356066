package dev.ward.store.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ward.store.LockoutPolicy;
import dev.ward.store.LoginAttemptStore;
import dev.ward.store.LoginAttempts;
import dev.ward.store.tck.LoginAttemptStoreKit;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class InMemoryLoginAttemptStoreTest extends LoginAttemptStoreKit {

    @Override
    protected LoginAttemptStore createLoginAttemptStore() {
        return new InMemoryLoginAttemptStore();
    }

    @Nested
    @DisplayName("the bound on the number of keys")
    class Bound {

        private final Instant now = Instant.parse("2030-01-01T00:00:00Z");

        @Test
        @DisplayName("a flood of random keys never grows the store past its bound")
        void floodStaysWithinBound() {
            InMemoryLoginAttemptStore store = new InMemoryLoginAttemptStore(1_000);

            for (int i = 0; i < 50_000; i++) {
                store.recordFailure("flood-" + i + "@example.test", now.plusMillis(i), LockoutPolicy.NEVER);
                assertThat(store.size()).isLessThanOrEqualTo(1_000);
            }
        }

        @Test
        @DisplayName("a flood evicts unlocked keys before it lifts any active lock")
        void floodKeepsActiveLocks() {
            InMemoryLoginAttemptStore store = new InMemoryLoginAttemptStore(100);
            store.recordFailure("victim@example.test", now, (f, t) -> t.plusSeconds(900));
            store.recordFailure("forever@example.test", now, (f, t) -> LoginAttempts.PERMANENT_LOCK);

            for (int i = 0; i < 10_000; i++) {
                store.recordFailure("flood-" + i, now.plusMillis(i), LockoutPolicy.NEVER);
            }

            assertThat(store.find("victim@example.test").orElseThrow().isLockedAt(now.plusSeconds(60))).isTrue();
            assertThat(store.find("forever@example.test")).isPresent();
        }

        @Test
        @DisplayName("when every key is locked, the locks that end soonest go first and permanent ones last")
        void allLockedEvictsSoonestEndingFirst() {
            InMemoryLoginAttemptStore store = new InMemoryLoginAttemptStore(10);
            store.recordFailure("permanent", now, (f, t) -> LoginAttempts.PERMANENT_LOCK);
            for (int i = 0; i < 9; i++) {
                int minutes = i + 1;
                store.recordFailure("locked-" + i, now, (f, t) -> t.plusSeconds(60L * minutes));
            }

            store.recordFailure("newcomer", now, LockoutPolicy.NEVER);

            assertThat(store.size()).isLessThanOrEqualTo(10);
            assertThat(store.find("locked-0")).isEmpty();
            assertThat(store.find("locked-8")).isPresent();
            assertThat(store.find("permanent")).isPresent();
            assertThat(store.find("newcomer")).isPresent();
        }

        @Test
        @DisplayName("a bound below 10 is refused")
        void tinyBoundIsRefused() {
            assertThatThrownBy(() -> new InMemoryLoginAttemptStore(9)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
