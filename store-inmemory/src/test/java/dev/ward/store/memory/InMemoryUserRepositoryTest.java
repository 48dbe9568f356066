package dev.ward.store.memory;

import dev.ward.store.UserRepository;
import dev.ward.store.tck.UserRepositoryKit;

class InMemoryUserRepositoryTest extends UserRepositoryKit {

    @Override
    protected UserRepository createUserRepository() {
        return new InMemoryUserRepository();
    }
}
