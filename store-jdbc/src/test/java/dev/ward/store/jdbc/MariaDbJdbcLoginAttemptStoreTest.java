package dev.ward.store.jdbc;

import dev.ward.store.LoginAttemptStore;
import dev.ward.store.tck.LoginAttemptStoreKit;
import org.junit.jupiter.api.DisplayName;

@DisplayName("JdbcLoginAttemptStore on MariaDB 10.11 (embedded)")
class MariaDbJdbcLoginAttemptStoreTest extends LoginAttemptStoreKit {

    @Override
    protected LoginAttemptStore createLoginAttemptStore() {
        return new JdbcLoginAttemptStore(TestDatabase.MARIADB.dataSource());
    }
}
