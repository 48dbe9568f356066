package dev.ward.examples;

import org.junit.jupiter.api.DisplayName;

@DisplayName("The account lifecycle over HTTP and SMTP on embedded PostgreSQL")
class PostgresAccountLifecycleTest extends AccountLifecycleContract {

    @Override
    StoreKind kind() {
        return StoreKind.POSTGRESQL;
    }
}
