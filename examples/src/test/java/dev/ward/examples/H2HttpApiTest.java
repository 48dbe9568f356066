package dev.ward.examples;

import dev.ward.examples.contract.HttpApiContract;
import dev.ward.examples.contract.ServerFactory;
import dev.ward.examples.contract.StoreKind;
import org.junit.jupiter.api.DisplayName;

@DisplayName("The example server's HTTP API on H2 through the JDBC stores")
class H2HttpApiTest extends HttpApiContract {

    @Override
    protected StoreKind kind() {
        return StoreKind.H2;
    }

    @Override
    protected ServerFactory servers() {
        return new JavalinServers();
    }
}
