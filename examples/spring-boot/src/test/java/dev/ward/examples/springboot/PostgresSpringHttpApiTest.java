package dev.ward.examples.springboot;

import dev.ward.examples.contract.HttpApiContract;
import dev.ward.examples.contract.ServerFactory;
import dev.ward.examples.contract.StoreKind;
import org.junit.jupiter.api.DisplayName;

@DisplayName("The example server's HTTP API contract on the Spring Boot sample, on embedded PostgreSQL")
class PostgresSpringHttpApiTest extends HttpApiContract {

    @Override
    protected StoreKind kind() {
        return StoreKind.POSTGRESQL;
    }

    @Override
    protected ServerFactory servers() {
        return new SpringServers();
    }
}
