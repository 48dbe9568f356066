package dev.ward.store.jdbc;

import dev.ward.store.UserRepository;
import dev.ward.store.tck.UserRepositoryKit;
import org.junit.jupiter.api.DisplayName;

@DisplayName("JdbcUserRepository on PostgreSQL 14 (embedded)")
class PostgresJdbcUserRepositoryTest extends UserRepositoryKit {

    @Override
    protected UserRepository createUserRepository() {
        return new JdbcUserRepository(TestDatabase.POSTGRESQL.dataSource());
    }
}
