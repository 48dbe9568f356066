package dev.ward.store.memory;

import dev.ward.store.SecondFactorStore;
import dev.ward.store.tck.SecondFactorStoreKit;

class InMemorySecondFactorStoreTest extends SecondFactorStoreKit {

    @Override
    protected SecondFactorStore createSecondFactorStore() {
        return new InMemorySecondFactorStore();
    }
}
