package dev.ward.store.jdbc;

import dev.ward.store.UserRepository;
import dev.ward.store.tck.UserRepositoryKit;
import org.junit.jupiter.api.DisplayName;

@DisplayName("JdbcUserRepository on H2 2.x in memory")
class H2JdbcUserRepositoryTest extends UserRepositoryKit {

    @Override
    protected UserRepository createUserRepository() {
        return new JdbcUserRepository(TestDatabase.H2.dataSource());
    }
}
