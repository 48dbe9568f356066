package dev.ward.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ward.store.TokenStore;
import dev.ward.store.jdbc.JdbcTokenStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

@DisplayName("The secured host on embedded PostgreSQL (a DataSource bean), over HTTP")
@SpringBootTest(classes = {TestApps.SecuredApp.class, SecuredAppOnPostgresTest.Postgres.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "ward.keys.hmac-secret=" + TestApps.HMAC_SECRET,
                "ward.bcrypt-cost=4",
                "ward.jdbc.initialize-schema=always"})
class SecuredAppOnPostgresTest extends SecuredAppContract {

    /** One PostgreSQL for the test class's context, closed with it. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Postgres {

        @Bean(destroyMethod = "close")
        EmbeddedPostgres embeddedPostgres() throws IOException {
            return EmbeddedPostgres.start();
        }

        @Bean
        DataSource dataSource(EmbeddedPostgres postgres) {
            return postgres.getPostgresDatabase();
        }
    }

    @Autowired
    TokenStore tokens;

    @Test
    void theStoresAreJdbcOnThePostgresDataSource() {
        assertThat(tokens).isInstanceOf(JdbcTokenStore.class);
        assertThat(auth.findUser(account.id())).isPresent();
    }
}
