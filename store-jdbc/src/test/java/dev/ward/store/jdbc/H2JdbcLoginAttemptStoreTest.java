package dev.ward.store.jdbc;

import dev.ward.store.LoginAttemptStore;
import dev.ward.store.tck.LoginAttemptStoreKit;
import org.junit.jupiter.api.DisplayName;

@DisplayName("JdbcLoginAttemptStore on H2 2.x in memory")
class H2JdbcLoginAttemptStoreTest extends LoginAttemptStoreKit {

    @Override
    protected LoginAttemptStore createLoginAttemptStore() {
        return new JdbcLoginAttemptStore(TestDatabase.H2.dataSource());
    }
}
