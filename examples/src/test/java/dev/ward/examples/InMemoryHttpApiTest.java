package dev.ward.examples;

import dev.ward.examples.contract.HttpApiContract;
import dev.ward.examples.contract.ServerFactory;
import dev.ward.examples.contract.StoreKind;
import org.junit.jupiter.api.DisplayName;

@DisplayName("The example server's HTTP API on the in-memory stores")
class InMemoryHttpApiTest extends HttpApiContract {

    @Override
    protected StoreKind kind() {
        return StoreKind.MEMORY;
    }

    @Override
    protected ServerFactory servers() {
        return new JavalinServers();
    }
}
