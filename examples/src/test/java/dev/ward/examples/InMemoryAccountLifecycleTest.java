package dev.ward.examples;

import dev.ward.examples.contract.AccountLifecycleContract;
import dev.ward.examples.contract.ServerFactory;
import dev.ward.examples.contract.StoreKind;
import org.junit.jupiter.api.DisplayName;

@DisplayName("The account lifecycle over HTTP and SMTP on the in-memory stores")
class InMemoryAccountLifecycleTest extends AccountLifecycleContract {

    @Override
    protected StoreKind kind() {
        return StoreKind.MEMORY;
    }

    @Override
    protected ServerFactory servers() {
        return new JavalinServers();
    }
}
