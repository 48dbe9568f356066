package dev.ward.examples.springboot;

import dev.ward.examples.contract.AccountLifecycleContract;
import dev.ward.examples.contract.ServerFactory;
import dev.ward.examples.contract.StoreKind;
import org.junit.jupiter.api.DisplayName;

@DisplayName("The account lifecycle contract over HTTP and SMTP on the Spring Boot sample, on H2")
class H2SpringAccountLifecycleTest extends AccountLifecycleContract {

    @Override
    protected StoreKind kind() {
        return StoreKind.H2;
    }

    @Override
    protected ServerFactory servers() {
        return new SpringServers();
    }
}
