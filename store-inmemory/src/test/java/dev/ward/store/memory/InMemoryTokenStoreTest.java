package dev.ward.store.memory;

import dev.ward.store.TokenStore;
import dev.ward.store.tck.TokenStoreKit;

class InMemoryTokenStoreTest extends TokenStoreKit {

    @Override
    protected TokenStore createTokenStore() {
        return new InMemoryTokenStore();
    }
}
