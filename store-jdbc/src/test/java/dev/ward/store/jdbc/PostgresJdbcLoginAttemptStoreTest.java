package dev.ward.store.jdbc;

import dev.ward.store.LoginAttemptStore;
import dev.ward.store.tck.LoginAttemptStoreKit;
import org.junit.jupiter.api.DisplayName;

@DisplayName("JdbcLoginAttemptStore on PostgreSQL 14 (embedded)")
class PostgresJdbcLoginAttemptStoreTest extends LoginAttemptStoreKit {

    @Override
    protected LoginAttemptStore createLoginAttemptStore() {
        return new JdbcLoginAttemptStore(TestDatabase.POSTGRESQL.dataSource());
    }
}
