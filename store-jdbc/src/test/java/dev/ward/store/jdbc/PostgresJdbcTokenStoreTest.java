package dev.ward.store.jdbc;

import dev.ward.store.TokenStore;
import dev.ward.store.tck.TokenStoreKit;
import org.junit.jupiter.api.DisplayName;

@DisplayName("JdbcTokenStore on PostgreSQL 14 (embedded)")
class PostgresJdbcTokenStoreTest extends TokenStoreKit {

    @Override
    protected TokenStore createTokenStore() {
        return new JdbcTokenStore(TestDatabase.POSTGRESQL.dataSource());
    }
}
