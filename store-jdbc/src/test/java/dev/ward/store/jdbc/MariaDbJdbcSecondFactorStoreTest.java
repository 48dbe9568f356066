package dev.ward.store.jdbc;

import dev.ward.store.SecondFactorStore;
import dev.ward.store.tck.SecondFactorStoreKit;
import org.junit.jupiter.api.DisplayName;

@DisplayName("JdbcSecondFactorStore on MariaDB 10.11 (embedded)")
class MariaDbJdbcSecondFactorStoreTest extends SecondFactorStoreKit {

    @Override
    protected SecondFactorStore createSecondFactorStore() {
        return new JdbcSecondFactorStore(TestDatabase.MARIADB.dataSource());
    }
}
