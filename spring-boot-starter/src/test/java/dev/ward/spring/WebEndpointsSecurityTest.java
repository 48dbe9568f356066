package dev.ward.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ward.servlet.CsrfRule;
import dev.ward.spring.metrics.WardMetrics;
import dev.ward.spring.security.WardSecurity;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

@DisplayName("Ward's REST API under Spring Security, at a custom base path")
class WebEndpointsSecurityTest {

    static final String PASSWORD = "correct horse battery staple";
    static final String[] PROPERTIES = {"server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off",
        "ward.keys.hmac-secret=" + TestApps.HMAC_SECRET, "ward.bcrypt-cost=4", "ward.web.endpoints.enabled=true",
        "ward.web.base-path=/auth", "ward.web.cookie-secure=false"};

    /** Ward's default chain, and meters. */
    @SpringBootConfiguration
    @EnableAutoConfiguration(exclude = DataSourceAutoConfiguration.class)
    @Import(TestApps.ProtectedController.class)
    static class DefaultChainApp {

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    /** The host's own chain with the one-liner, CSRF left on (the host's default). */
    @SpringBootConfiguration
    @EnableAutoConfiguration(exclude = DataSourceAutoConfiguration.class)
    @Import(TestApps.ProtectedController.class)
    static class HostChainApp {

        @Bean
        SecurityFilterChain hostChain(HttpSecurity http) throws Exception {
            http.authorizeHttpRequests(requests -> requests
                            .requestMatchers("/public/**").permitAll()
                            .anyRequest().authenticated())
                    .with(WardSecurity.ward(), Customizer.withDefaults());
            return http.build();
        }
    }

    /** One application per nested class, started once, and a client that keeps no cookies. */
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class Running {

        final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ConfigurableApplicationContext context;
        URI base;

        abstract Class<?> app();

        @BeforeAll
        void start() {
            context = new SpringApplicationBuilder(app()).properties(PROPERTIES).run();
            base = URI.create("http://127.0.0.1:" + context.getEnvironment().getRequiredProperty("local.server.port"));
        }

        @AfterAll
        void stop() {
            if (context != null) {
                context.close();
            }
        }

        HttpResponse<String> send(String method, String path, String json, String... headers) {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).method(method,
                    json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
            if (json != null) {
                request.header("Content-Type", "application/json");
            }
            for (int i = 0; i < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
            }
            try {
                return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** Signs up and logs in through the endpoints, without any CSRF token; returns the log-in's answer. */
        HttpResponse<String> signUpAndLogIn() {
            String email = "web-" + UUID.randomUUID() + "@example.com";
            HttpResponse<String> signUp = send("POST", "/auth/signUp",
                    "{\"userName\": \"web\", \"email\": \"" + email + "\", \"password\": \"" + PASSWORD + "\"}");
            assertThat(signUp.statusCode()).as(signUp.body()).isEqualTo(201);
            return send("POST", "/auth/logIn", "{\"email\": \"" + email + "\", \"password\": \"" + PASSWORD + "\"}");
        }

        static String refreshCookie(HttpResponse<String> logIn) {
            return logIn.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("refreshToken="))
                    .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
        }

        /** The endpoints answer with their own headers (Spring Security's answers have no CSP). */
        static void answeredByTheEndpoints(HttpResponse<String> response) {
            assertThat(response.headers().firstValue("Content-Security-Policy")).isPresent();
            assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        }

        @Test
        @DisplayName("sign-up, log-in and refresh under the custom base path need no CSRF token")
        void noCsrfTokenUnderTheBasePath() {
            HttpResponse<String> logIn = signUpAndLogIn();
            assertThat(logIn.statusCode()).as(logIn.body()).isEqualTo(200);

            HttpResponse<String> refresh = send("POST", "/auth/refreshToken", "{}", "Cookie", refreshCookie(logIn));

            assertThat(refresh.statusCode()).as(refresh.body()).isEqualTo(200);
            answeredByTheEndpoints(refresh);
        }

        @Test
        @DisplayName("a refresh by cookie without a JSON content type meets Ward's own CSRF rule")
        void wardsCsrfRuleStillApplies() {
            HttpResponse<String> logIn = signUpAndLogIn();

            HttpResponse<String> refresh = send("POST", "/auth/refreshToken", null, "Cookie", refreshCookie(logIn),
                    "Content-Type", "text/plain");

            assertThat(refresh.statusCode()).isEqualTo(403);
            assertThat(refresh.body()).contains(CsrfRule.FAILURE_CODE);
            answeredByTheEndpoints(refresh);
        }

        @Test
        @DisplayName("a bearer route without a token gets the endpoints' own 401, and the JWKS is open")
        void theEndpointsAnswerTheirOwn401() {
            HttpResponse<String> me = send("GET", "/auth/me", null);

            assertThat(me.statusCode()).isEqualTo(401);
            assertThat(me.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"ward\"");
            answeredByTheEndpoints(me);
            assertThat(send("GET", "/.well-known/jwks.json", null).statusCode()).isEqualTo(200);
        }

        @Test
        @DisplayName("outside the base path the chain's rules apply: the default path is not open")
        void outsideTheBasePathTheChainDecides() {
            HttpResponse<String> defaultPath = send("GET", "/api/me", null);

            assertThat(defaultPath.statusCode()).isEqualTo(401);
            assertThat(defaultPath.headers().firstValue("Content-Security-Policy")).isEmpty();
            assertThat(send("GET", "/me", null).statusCode()).isEqualTo(401);
        }
    }

    @Nested
    @DisplayName("with Ward's default chain")
    class DefaultChain extends Running {

        @Override
        Class<?> app() {
            return DefaultChainApp.class;
        }

        @Test
        @DisplayName("the endpoints' log-ins are timed by Ward's meters")
        void logInsAreTimed() {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            long before = registry.find(WardMetrics.LOG_IN_TIMER).tag("outcome", "success").timers().stream()
                    .mapToLong(timer -> timer.count()).sum();

            assertThat(signUpAndLogIn().statusCode()).isEqualTo(200);

            assertThat(registry.get(WardMetrics.LOG_IN_TIMER).tag("outcome", "success").timer().count())
                    .isEqualTo(before + 1);
        }
    }

    @Nested
    @DisplayName("with the host's chain and the one-liner, CSRF on")
    class HostChain extends Running {

        @Override
        Class<?> app() {
            return HostChainApp.class;
        }

        @Test
        @DisplayName("the host's own routes keep its CSRF protection and its rules")
        void theHostsRoutesKeepTheirRules() {
            HttpResponse<String> post = send("POST", "/me", null);

            assertThat(post.statusCode()).isEqualTo(403);
            assertThat(post.body()).contains("CSRF token");
            assertThat(send("GET", "/public/hello", null).body()).isEqualTo("hello");
        }
    }
}
