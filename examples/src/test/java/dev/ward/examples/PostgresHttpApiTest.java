package dev.ward.examples;

import dev.ward.examples.contract.HttpApiContract;
import dev.ward.examples.contract.ServerFactory;
import dev.ward.examples.contract.StoreKind;
import org.junit.jupiter.api.DisplayName;

@DisplayName("The example server's HTTP API on embedded PostgreSQL through the JDBC stores")
class PostgresHttpApiTest extends HttpApiContract {

    @Override
    protected StoreKind kind() {
        return StoreKind.POSTGRESQL;
    }

    @Override
    protected ServerFactory servers() {
        return new JavalinServers();
    }
}
