package dev.ward.examples;

import org.junit.jupiter.api.DisplayName;

@DisplayName("The example server's HTTP API on H2 through the JDBC stores")
class H2HttpApiTest extends HttpApiContract {

    @Override
    StoreKind kind() {
        return StoreKind.H2;
    }
}
