package dev.ward.store.jdbc;

import dev.ward.store.TokenStore;
import dev.ward.store.tck.TokenStoreKit;
import org.junit.jupiter.api.DisplayName;

@DisplayName("JdbcTokenStore on H2 2.x in memory")
class H2JdbcTokenStoreTest extends TokenStoreKit {

    @Override
    protected TokenStore createTokenStore() {
        return new JdbcTokenStore(TestDatabase.H2.dataSource());
    }
}
