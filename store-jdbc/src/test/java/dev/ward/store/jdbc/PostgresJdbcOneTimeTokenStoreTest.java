package dev.ward.store.jdbc;

import dev.ward.store.OneTimeTokenStore;
import dev.ward.store.tck.OneTimeTokenStoreKit;
import org.junit.jupiter.api.DisplayName;

@DisplayName("JdbcOneTimeTokenStore on PostgreSQL 14 (embedded)")
class PostgresJdbcOneTimeTokenStoreTest extends OneTimeTokenStoreKit {

    @Override
    protected OneTimeTokenStore createOneTimeTokenStore() {
        return new JdbcOneTimeTokenStore(TestDatabase.POSTGRESQL.dataSource());
    }
}
