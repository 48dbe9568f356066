package dev.ward.store.jdbc;

import dev.ward.store.SecondFactorStore;
import dev.ward.store.tck.SecondFactorStoreKit;
import org.junit.jupiter.api.DisplayName;

@DisplayName("JdbcSecondFactorStore on PostgreSQL 14 (embedded)")
class PostgresJdbcSecondFactorStoreTest extends SecondFactorStoreKit {

    @Override
    protected SecondFactorStore createSecondFactorStore() {
        return new JdbcSecondFactorStore(TestDatabase.POSTGRESQL.dataSource());
    }
}
