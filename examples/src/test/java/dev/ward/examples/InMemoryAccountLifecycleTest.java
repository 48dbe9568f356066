package dev.ward.examples;

import org.junit.jupiter.api.DisplayName;

@DisplayName("The account lifecycle over HTTP and SMTP on the in-memory stores")
class InMemoryAccountLifecycleTest extends AccountLifecycleContract {

    @Override
    StoreKind kind() {
        return StoreKind.MEMORY;
    }
}
