package dev.ward.examples;

import org.junit.jupiter.api.DisplayName;

@DisplayName("The example server's HTTP API on the in-memory stores")
class InMemoryHttpApiTest extends HttpApiContract {

    @Override
    StoreKind kind() {
        return StoreKind.MEMORY;
    }
}
