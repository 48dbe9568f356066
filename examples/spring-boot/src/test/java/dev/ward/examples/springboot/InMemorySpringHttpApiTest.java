package dev.ward.examples.springboot;

import dev.ward.examples.contract.HttpApiContract;
import dev.ward.examples.contract.ServerFactory;
import dev.ward.examples.contract.StoreKind;
import org.junit.jupiter.api.DisplayName;

@DisplayName("The example server's HTTP API contract on the Spring Boot sample, on the in-memory stores")
class InMemorySpringHttpApiTest extends HttpApiContract {

    @Override
    protected StoreKind kind() {
        return StoreKind.MEMORY;
    }

    @Override
    protected ServerFactory servers() {
        return new SpringServers();
    }
}
