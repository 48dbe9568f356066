package dev.ward.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ward.store.OneTimeToken;
import dev.ward.store.OneTimeTokenPurpose;
import dev.ward.store.OneTimeTokenStore;
import dev.ward.store.StoreException;
import dev.ward.store.tck.OneTimeTokenStoreKit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("JdbcOneTimeTokenStore on H2 2.x in memory")
class H2JdbcOneTimeTokenStoreTest extends OneTimeTokenStoreKit {

    @Override
    protected OneTimeTokenStore createOneTimeTokenStore() {
        return new JdbcOneTimeTokenStore(TestDatabase.H2.dataSource());
    }

    @Nested
    @DisplayName("column limits")
    class ColumnLimits {

        private final OneTimeTokenStore store = createOneTimeTokenStore();

        @Test
        @DisplayName("a value over its column limit is refused with a StoreException that does not repeat it")
        void overLongValuesAreRefused() {
            String longHash = "h".repeat(65);
            String longUser = "u".repeat(65);
            String longBound = "b".repeat(255);

            assertThatThrownBy(() -> store.create(token(longHash, "user", null)))
                    .isInstanceOf(StoreException.class).hasMessageNotContaining(longHash);
            assertThatThrownBy(() -> store.create(token("short-hash-1", longUser, null)))
                    .isInstanceOf(StoreException.class).hasMessageNotContaining(longUser);
            assertThatThrownBy(() -> store.create(token("short-hash-2", "user", longBound)))
                    .isInstanceOf(StoreException.class).hasMessageNotContaining(longBound);
            assertThat(store.findByHash("short-hash-1")).isEmpty();
        }

        private OneTimeToken token(String hash, String userId, String boundValue) {
            return new OneTimeToken(hash, OneTimeTokenPurpose.EMAIL_CHANGE, userId, boundValue, T0,
                    T0.plusSeconds(60), null);
        }
    }

    @Test
    @DisplayName("the description names the table")
    void toStringNamesTable() {
        assertThat(new JdbcOneTimeTokenStore(TestDatabase.H2.dataSource(), "x_").toString()).contains("x_one_time_tokens");
    }
}
