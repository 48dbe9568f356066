package dev.ward.examples;

import org.junit.jupiter.api.DisplayName;

@DisplayName("The example server's HTTP API on embedded PostgreSQL through the JDBC stores")
class PostgresHttpApiTest extends HttpApiContract {

    @Override
    StoreKind kind() {
        return StoreKind.POSTGRESQL;
    }
}
