package dev.ward.store.jdbc;

import dev.ward.store.OneTimeTokenStore;
import dev.ward.store.tck.OneTimeTokenStoreKit;
import org.junit.jupiter.api.DisplayName;

@DisplayName("JdbcOneTimeTokenStore on MariaDB 10.11 (embedded)")
class MariaDbJdbcOneTimeTokenStoreTest extends OneTimeTokenStoreKit {

    @Override
    protected OneTimeTokenStore createOneTimeTokenStore() {
        return new JdbcOneTimeTokenStore(TestDatabase.MARIADB.dataSource());
    }
}
