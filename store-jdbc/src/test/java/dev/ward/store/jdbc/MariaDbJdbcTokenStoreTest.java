package dev.ward.store.jdbc;

import dev.ward.store.TokenStore;
import dev.ward.store.tck.TokenStoreKit;
import org.junit.jupiter.api.DisplayName;

@DisplayName("JdbcTokenStore on MariaDB 10.11 (embedded)")
class MariaDbJdbcTokenStoreTest extends TokenStoreKit {

    @Override
    protected TokenStore createTokenStore() {
        return new JdbcTokenStore(TestDatabase.MARIADB.dataSource());
    }
}
