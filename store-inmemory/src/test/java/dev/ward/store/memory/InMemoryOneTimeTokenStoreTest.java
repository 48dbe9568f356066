package dev.ward.store.memory;

import dev.ward.store.OneTimeTokenStore;
import dev.ward.store.tck.OneTimeTokenStoreKit;

class InMemoryOneTimeTokenStoreTest extends OneTimeTokenStoreKit {

    @Override
    protected OneTimeTokenStore createOneTimeTokenStore() {
        return new InMemoryOneTimeTokenStore();
    }
}
