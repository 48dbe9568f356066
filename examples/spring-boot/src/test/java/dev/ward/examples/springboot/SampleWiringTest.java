package dev.ward.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ward.AuthManager;
import dev.ward.KeySet;
import dev.ward.store.TokenStore;
import dev.ward.store.UserRepository;
import dev.ward.store.jdbc.JdbcTokenStore;
import dev.ward.store.jdbc.JdbcUserRepository;
import dev.ward.store.memory.InMemoryTokenStore;
import dev.ward.store.memory.InMemoryUserRepository;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

@DisplayName("The sample leaves the wiring to the starter")
class SampleWiringTest {

    @TempDir
    Path outbox;

    private ConfigurableApplicationContext start(String db, String... more) {
        return new SpringApplicationBuilder(WardSpringBootSample.class)
                .properties("PORT=0", "HOST=127.0.0.1", "SALT=4", "DB=" + db, "MAIL_OUTBOX=" + outbox,
                        "ACCESS_TOKEN_PRIVATE_KEY=a raw secret of the example server, 32 bytes or more")
                .properties(more)
                .run();
    }

    @Test
    @DisplayName("DB=memory: the starter's manager, in-memory stores, purge and the sample's chain with the one-liner")
    void inMemory() {
        try (ConfigurableApplicationContext context = start(WardSpringBootSample.MEMORY)) {
            assertThat(context.getBeanNamesForType(AuthManager.class)).containsExactly("authManager");
            assertThat(context.getBean(TokenStore.class)).isInstanceOf(InMemoryTokenStore.class);
            assertThat(context.getBean(UserRepository.class)).isInstanceOf(InMemoryUserRepository.class);
            assertThat(context.getBeanNamesForType(javax.sql.DataSource.class)).isEmpty();
            assertThat(context.containsBean("wardPurge")).isTrue();
            assertThat(context.containsBean("sampleSecurity")).isTrue();
            assertThat(context.containsBean("wardSecurityFilterChain")).as("the default chain steps back").isFalse();
            assertThat(context.getBean(KeySet.class).signingKey().orElseThrow().kid()).isEqualTo("ward-hs256");
        }
    }

    @Test
    @DisplayName("a JDBC URL: the starter's JDBC stores on the sample's pool, the tables created")
    void onADatabase() {
        try (ConfigurableApplicationContext context = start("jdbc:h2:mem:sample-wiring;DB_CLOSE_DELAY=-1",
                "DB_QUERY_TIMEOUT=3s")) {
            assertThat(context.getBean(TokenStore.class)).isInstanceOf(JdbcTokenStore.class);
            assertThat(context.getBean(UserRepository.class)).isInstanceOf(JdbcUserRepository.class);
            assertThat(context.getBean(UserRepository.class).findById("absent")).isEmpty();
        }
    }

    @Test
    @DisplayName("a secret of fewer than 32 bytes stops the start, naming ACCESS_TOKEN_PRIVATE_KEY")
    void shortSecret() {
        assertThatThrownBy(() -> start(WardSpringBootSample.MEMORY, "ACCESS_TOKEN_PRIVATE_KEY=too short").close())
                .hasStackTraceContaining("ACCESS_TOKEN_PRIVATE_KEY must be at least 32 bytes");
    }
}
