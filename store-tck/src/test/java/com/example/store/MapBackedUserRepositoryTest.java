package com.example.store;

import dev.ward.store.UserRepository;
import dev.ward.store.tck.UserRepositoryKit;
import org.junit.jupiter.api.DisplayName;

@DisplayName("MapBackedUserRepository, the example store of docs/stores.md")
class MapBackedUserRepositoryTest extends UserRepositoryKit {

    @Override
    protected UserRepository createUserRepository() {
        return new MapBackedUserRepository();
    }
}
