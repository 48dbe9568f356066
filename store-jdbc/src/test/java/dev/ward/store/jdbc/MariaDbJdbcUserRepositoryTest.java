package dev.ward.store.jdbc;

import dev.ward.store.UserRepository;
import dev.ward.store.tck.UserRepositoryKit;
import org.junit.jupiter.api.DisplayName;

@DisplayName("JdbcUserRepository on MariaDB 10.11 (embedded)")
class MariaDbJdbcUserRepositoryTest extends UserRepositoryKit {

    @Override
    protected UserRepository createUserRepository() {
        return new JdbcUserRepository(TestDatabase.MARIADB.dataSource());
    }
}
