package dev.ward.examples;

import org.junit.jupiter.api.DisplayName;

@DisplayName("The account lifecycle over HTTP and SMTP on H2")
class H2AccountLifecycleTest extends AccountLifecycleContract {

    @Override
    StoreKind kind() {
        return StoreKind.H2;
    }
}
