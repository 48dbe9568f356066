package dev.ward.test.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.spring.ReportsApplication;
import dev.ward.AuthException;
import dev.ward.AuthManager;
import dev.ward.AuthSettings;
import dev.ward.JwtKey;
import dev.ward.KeySet;
import dev.ward.test.TestTokens;
import dev.ward.test.TestUser;
import java.time.Clock;
import java.util.Base64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

@DisplayName("WardTestAutoConfiguration")
class WardTestAutoConfigurationTest {

    /** The key of the tests' application.properties, as ward.keys.* reads it (kid ward-1 by default). */
    private static final String APP_SECRET = "dGhlIHJlcG9ydHMgYXBwJ3Mgb3duIGtleSwgMzIgYnl0ZXMgb3IgbW9yZQ==";
    private static final TestUser ANN = TestUser.of("u-1", "ann@example.com", "admin");

    private static TestTokens appKeyTokens() {
        return TestTokens.forSettings(Base64.getDecoder().decode(APP_SECRET), "ward-1", AuthSettings.builder().build(),
                Clock.systemUTC());
    }

    @Nested
    @DisplayName("in a context without @AutoConfigureWardTest")
    class ProductionContext {

        @Test
        @DisplayName("the application starts with ward-test on its class path, keeps its own key and has no TestTokens")
        void applicationKeepsItsKey() {
            try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ReportsApplication.class)
                    .properties("server.port=0", "server.address=127.0.0.1").run()) {
                assertThat(context.getBeanNamesForType(TestTokens.class)).isEmpty();
                assertThat(context.getBeanNamesForType(WardTestAutoConfiguration.class)).isEmpty();
                AuthManager auth = context.getBean(AuthManager.class);

                assertThat(auth.authenticate(appKeyTokens().accessToken(ANN)).userId()).isEqualTo("u-1");
            }
        }
    }

    @Nested
    @SpringBootTest(classes = ReportsApplication.class)
    @AutoConfigureWardTest
    @DisplayName("in a @SpringBootTest with @AutoConfigureWardTest")
    class TestContext {

        @Autowired
        AuthManager auth;

        @Autowired
        TestTokens tokens;

        @Test
        @DisplayName("the manager accepts the TestTokens bean's tokens, with the user's id and roles")
        void managerAcceptsTestTokens() {
            assertThat(auth.authenticate(tokens.accessToken(ANN)))
                    .satisfies(user -> assertThat(user.userId()).isEqualTo("u-1"))
                    .satisfies(user -> assertThat(user.roles()).containsExactly("admin"));
        }

        @Test
        @DisplayName("the application's own key from ward.keys.hmac-secret no longer verifies")
        void applicationKeyIsReplaced() {
            String token = appKeyTokens().accessToken(ANN);

            assertThatThrownBy(() -> auth.authenticate(token)).isInstanceOf(AuthException.class);
        }
    }

    @Nested
    @SpringBootTest(classes = {ReportsApplication.class, HostKeySetContext.HostKeys.class})
    @AutoConfigureWardTest
    @DisplayName("beside a KeySet bean of the host's")
    class HostKeySetContext {

        @Autowired
        AuthManager auth;

        @Autowired
        TestTokens tokens;

        @TestConfiguration(proxyBeanMethods = false)
        static class HostKeys {
            @Bean
            KeySet hostKeys() {
                return KeySet.of(JwtKey.hmac("host", "a key of the host, 32 bytes or more".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            }
        }

        @Test
        @DisplayName("the test key is primary: the manager accepts the TestTokens bean's tokens")
        void testKeyWins() {
            assertThat(auth.authenticate(tokens.accessToken(ANN)).userId()).isEqualTo("u-1");
        }
    }
}
