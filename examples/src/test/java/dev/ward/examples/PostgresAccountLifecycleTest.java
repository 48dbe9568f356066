package dev.ward.examples;

import dev.ward.examples.contract.AccountLifecycleContract;
import dev.ward.examples.contract.ServerFactory;
import dev.ward.examples.contract.StoreKind;
import org.junit.jupiter.api.DisplayName;

@DisplayName("The account lifecycle over HTTP and SMTP on embedded PostgreSQL")
class PostgresAccountLifecycleTest extends AccountLifecycleContract {

    @Override
    protected StoreKind kind() {
        return StoreKind.POSTGRESQL;
    }

    @Override
    protected ServerFactory servers() {
        return new JavalinServers();
    }
}
