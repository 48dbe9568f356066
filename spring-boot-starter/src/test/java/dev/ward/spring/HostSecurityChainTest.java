package dev.ward.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ward.AuthManager;
import dev.ward.LogInRequest;
import dev.ward.SignUpRequest;
import dev.ward.UserAccount;
import dev.ward.spring.security.WardSecurity;
import dev.ward.store.TokenStore;
import dev.ward.store.UserRepository;
import dev.ward.store.memory.InMemoryTokenStore;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

@DisplayName("A host's own SecurityFilterChain with Ward's one-liner, in-memory stores, over HTTP")
@SpringBootTest(classes = HostSecurityChainTest.HostApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ward.keys.hmac-secret=" + TestApps.HMAC_SECRET, "ward.bcrypt-cost=4"})
class HostSecurityChainTest {

    /** The host: its own chain, roles by URL, CSRF left on (the host's default). */
    @SpringBootConfiguration
    @EnableAutoConfiguration(exclude = DataSourceAutoConfiguration.class)
    @EnableMethodSecurity
    @Import(TestApps.ProtectedController.class)
    static class HostApp {

        @Bean
        SecurityFilterChain hostChain(HttpSecurity http) throws Exception {
            http.authorizeHttpRequests(requests -> requests
                            .requestMatchers("/public/**").permitAll()
                            .requestMatchers("/admin/**").hasRole("admin")
                            .anyRequest().authenticated())
                    .with(WardSecurity.ward(), Customizer.withDefaults());
            return http.build();
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    AuthManager auth;
    @Autowired
    UserRepository users;
    @Autowired
    TokenStore tokens;
    @Autowired
    ApplicationContext context;

    Http http;
    UserAccount account;
    String email;

    @BeforeEach
    void signUp() {
        http = new Http(port);
        email = "host-" + UUID.randomUUID() + "@example.com";
        account = auth.signUp(new SignUpRequest("host", email, SecuredAppContract.PASSWORD));
    }

    private String logIn() {
        return auth.logIn(new LogInRequest(email, SecuredAppContract.PASSWORD)).accessToken();
    }

    @Test
    void wardsDefaultChainStepsBackAndTheStoresAreInMemory() {
        assertThat(context.containsBean("wardSecurityFilterChain")).isFalse();
        assertThat(tokens).isInstanceOf(InMemoryTokenStore.class);
    }

    @Test
    void theHostsPublicRouteNeedsNoToken() {
        assertThat(http.get("/public/hello", null).body()).isEqualTo("hello");
    }

    @Test
    void hasRoleAdminInTheHostsChainRefusesAUserWith403() {
        HttpResponse<String> response = http.get("/admin/report", logIn());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValue("Bearer realm=\"ward\", error=\"insufficient_scope\"");
    }

    @Test
    void hasRoleAdminInTheHostsChainLetsAnAdminIn() {
        users.updateRoles(account.id(), Set.of("admin"));

        HttpResponse<String> response = http.get("/admin/report", logIn());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("report for " + account.id());
    }

    @Test
    void aPostWithABearerTokenIsExemptFromTheHostsCsrfProtection() {
        HttpResponse<String> response = http.post("/me", logIn());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("posted " + account.id());
    }

    @Test
    void aPostWithoutATokenMeetsTheHostsCsrfProtection() {
        HttpResponse<String> response = http.post("/me", null);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(response.body()).contains("CSRF token");
    }

    @Test
    void anUnauthenticatedRequestGetsWardsChallengeFromTheHostsChain() {
        HttpResponse<String> response = http.get("/me", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"ward\"");
    }
}
