package dev.ward.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ward.store.RecoveryCode;
import dev.ward.store.SecondFactorStore;
import dev.ward.store.StoreException;
import dev.ward.store.TotpCredential;
import dev.ward.store.tck.SecondFactorStoreKit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("JdbcSecondFactorStore on H2 2.x in memory")
class H2JdbcSecondFactorStoreTest extends SecondFactorStoreKit {

    @Override
    protected SecondFactorStore createSecondFactorStore() {
        return new JdbcSecondFactorStore(TestDatabase.H2.dataSource());
    }

    @Nested
    @DisplayName("column limits")
    class ColumnLimits {

        private final SecondFactorStore store = createSecondFactorStore();

        @Test
        @DisplayName("a value over its column limit is refused with a StoreException that does not repeat it")
        void overLongValuesAreRefused() {
            String user = "user-" + UUID.randomUUID();
            String longUser = "u".repeat(65);
            String longKey = "k".repeat(65);
            String longSecret = "s".repeat(513);
            String longId = "i".repeat(65);
            String longHash = "h".repeat(256);

            assertThatThrownBy(() -> store.savePendingTotp(TotpCredential.pending(longUser, "s", "k", T0)))
                    .isInstanceOf(StoreException.class).hasMessageNotContaining(longUser);
            assertThatThrownBy(() -> store.savePendingTotp(TotpCredential.pending(user, "s", longKey, T0)))
                    .isInstanceOf(StoreException.class).hasMessageNotContaining(longKey);
            assertThatThrownBy(() -> store.savePendingTotp(TotpCredential.pending(user, longSecret, "k", T0)))
                    .isInstanceOf(StoreException.class).hasMessageNotContaining(longSecret);
            assertThatThrownBy(() -> store.replaceRecoveryCodes(user,
                    List.of(new RecoveryCode(longId, user, "h", T0, null))))
                    .isInstanceOf(StoreException.class).hasMessageNotContaining(longId);
            assertThatThrownBy(() -> store.replaceRecoveryCodes(user,
                    List.of(new RecoveryCode("c1", user, longHash, T0, null))))
                    .isInstanceOf(StoreException.class).hasMessageNotContaining(longHash);
            assertThat(store.findTotp(user, false)).isEmpty();
            assertThat(store.findUnusedRecoveryCodes(user)).isEmpty();
        }
    }

    @Test
    @DisplayName("the description names the tables")
    void toStringNamesTables() {
        assertThat(new JdbcSecondFactorStore(TestDatabase.H2.dataSource(), "x_").toString())
                .contains("x_totp_credentials", "x_recovery_codes", "x_recovery_code_sets");
    }
}
