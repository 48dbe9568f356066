package dev.ward.examples.springboot;

import dev.ward.examples.contract.AccountLifecycleContract;
import dev.ward.examples.contract.ServerFactory;
import dev.ward.examples.contract.StoreKind;
import org.junit.jupiter.api.DisplayName;

@DisplayName("The account lifecycle contract over HTTP and SMTP on the Spring Boot sample, on embedded PostgreSQL")
class PostgresSpringAccountLifecycleTest extends AccountLifecycleContract {

    @Override
    protected StoreKind kind() {
        return StoreKind.POSTGRESQL;
    }

    @Override
    protected ServerFactory servers() {
        return new SpringServers();
    }
}
