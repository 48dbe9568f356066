package dev.ward.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ward.store.TokenStore;
import dev.ward.store.jdbc.JdbcTokenStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

@DisplayName("The secured host on H2 (spring.datasource.url), over HTTP")
@SpringBootTest(classes = TestApps.SecuredApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.datasource.url=jdbc:h2:mem:ward-starter;DB_CLOSE_DELAY=-1",
                "ward.keys.hmac-secret=" + TestApps.HMAC_SECRET,
                "ward.bcrypt-cost=4"})
class SecuredAppOnH2Test extends SecuredAppContract {

    @Autowired
    TokenStore tokens;

    @Test
    void theStoresAreJdbcOnTheApplicationsDataSourceWithTheSchemaCreated() {
        assertThat(tokens).isInstanceOf(JdbcTokenStore.class);
        assertThat(auth.findUser(account.id())).isPresent();
    }
}
