package dev.ward.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ward.AuthManager;
import dev.ward.AuthSettings;
import dev.ward.JwtKey;
import dev.ward.spring.metrics.WardMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import dev.ward.store.memory.InMemoryLoginAttemptStore;
import dev.ward.store.memory.InMemoryOneTimeTokenStore;
import dev.ward.store.memory.InMemoryTokenStore;
import dev.ward.store.memory.InMemoryUserRepository;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@DisplayName("Ward's REST API as Spring MVC endpoints")
class WardWebEndpointsAutoConfigurationTest {

    static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    static final String PASSWORD = "correct horse battery staple";

    /** What STARTER's auto-configuration gives a host: an AuthManager, here on the in-memory stores. */
    @Configuration(proxyBeanMethods = false)
    static class Ward {

        @Bean
        Clock clock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }

        @Bean
        AuthManager authManager(Clock clock) {
            return AuthManager.builder()
                    .userRepository(new InMemoryUserRepository())
                    .tokenStore(new InMemoryTokenStore())
                    .loginAttemptStore(new InMemoryLoginAttemptStore())
                    .oneTimeTokenStore(new InMemoryOneTimeTokenStore())
                    .signingKey(JwtKey.hmac("test", "an-HS256-secret-for-the-tests-only-0123456789"
                            .getBytes(StandardCharsets.UTF_8)))
                    .settings(AuthSettings.builder().bcryptCost(4).build())
                    .clock(clock)
                    .build();
        }
    }

    @Nested
    @DisplayName("the auto-configuration")
    class Conditions {

        private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(WardWebEndpointsAutoConfiguration.class))
                .withUserConfiguration(Ward.class);

        @Test
        @DisplayName("serves nothing unless ward.web.endpoints.enabled=true")
        void offByDefault() {
            runner.run(context -> assertThat(context).doesNotHaveBean("wardWebEndpoints"));
            runner.withPropertyValues("ward.web.endpoints.enabled=false")
                    .run(context -> assertThat(context).doesNotHaveBean("wardWebEndpoints"));
        }

        @Test
        @DisplayName("adds the router function with ward.web.endpoints.enabled=true, timing nothing without metrics")
        void onWhenEnabled() {
            runner.withPropertyValues("ward.web.endpoints.enabled=true").run(context -> {
                assertThat(context).hasBean("wardWebEndpoints");
                assertThat(context).doesNotHaveBean(CallTimer.class);
            });
        }

        @Test
        @DisplayName("times log-ins and refreshes with WardMetrics when its bean exists")
        void timedByWardMetrics() {
            runner.withPropertyValues("ward.web.endpoints.enabled=true")
                    .withBean(WardMetrics.class, () -> new WardMetrics(new SimpleMeterRegistry()))
                    .run(context -> assertThat(context).getBean(CallTimer.class).isInstanceOf(MeteredCallTimer.class));
        }

        @Test
        @DisplayName("refuses a base path that a cookie cannot be scoped to, at start-up")
        void badBasePath() {
            runner.withPropertyValues("ward.web.endpoints.enabled=true", "ward.web.base-path=auth/")
                    .run(context -> assertThat(context).hasFailed());
        }
    }

    /** A real server on a free port, found through the imports file like any host's. */
    @EnableAutoConfiguration
    @Configuration(proxyBeanMethods = false)
    static class Host {
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @DisplayName("with ward.web.base-path=/auth and ward.web.problem-details=true")
    class ProblemDetails {

        private ConfigurableApplicationContext context;
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        private URI base;

        @BeforeAll
        void start() {
            context = new SpringApplicationBuilder(Host.class, Ward.class)
                    .properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off",
                            "ward.web.endpoints.enabled=true", "ward.web.base-path=/auth",
                            "ward.web.problem-details=true", "ward.web.cookie-secure=false")
                    .run();
            base = URI.create("http://127.0.0.1:" + context.getEnvironment().getRequiredProperty("local.server.port"));
        }

        @AfterAll
        void stop() {
            if (context != null) {
                context.close();
            }
        }

        private HttpResponse<String> send(String method, String path, String json, String... headers)
                throws IOException, InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).method(method,
                    json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
            if (json != null) {
                request.header("Content-Type", "application/json");
            }
            for (int i = 0; i < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        private static JsonNode json(HttpResponse<String> response) {
            return JsonMapper.builder().build().readTree(response.body());
        }

        @Test
        @DisplayName("answers invalid input with an RFC 9457 problem: type, title, status, detail, code and errors")
        void invalidInput() throws Exception {
            HttpResponse<String> response = send("POST", "/auth/signUp", "{\"email\": \"not-an-address\"}");

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
            JsonNode problem = json(response);
            assertThat(problem.path("type").asString()).isEqualTo("about:blank");
            assertThat(problem.path("title").asString()).isEqualTo("Bad Request");
            assertThat(problem.path("status").asInt()).isEqualTo(400);
            assertThat(problem.path("detail").asString()).isNotBlank();
            assertThat(problem.path("code").asString()).isEqualTo("INVALID_REQUEST");
            assertThat(problem.path("errors").findValuesAsString("field"))
                    .containsExactlyInAnyOrder("userName", "email", "password");
            assertThat(problem.has("error")).isFalse();
        }

        @Test
        @DisplayName("answers a 401 of a bearer route with the challenge, and an unknown path with a 404 problem")
        void challengeAndNotFound() throws Exception {
            HttpResponse<String> me = send("GET", "/auth/me", null);
            HttpResponse<String> unknown = send("GET", "/auth/nothing-here", null);
            HttpResponse<String> wrongMethod = send("PUT", "/auth/logIn", null);

            assertThat(me.statusCode()).isEqualTo(401);
            assertThat(me.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"ward\"");
            assertThat(json(me).path("code").asString()).isEqualTo("INVALID_TOKEN");
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(json(unknown).path("code").asString()).isEqualTo("NOT_FOUND");
            assertThat(json(unknown).path("errors").isArray()).isTrue();
            assertThat(wrongMethod.statusCode()).isEqualTo(405);
            assertThat(json(wrongMethod).path("title").asString()).isEqualTo("Method Not Allowed");
        }

        @Test
        @DisplayName("scopes the cookies to the base path, without Secure when ward.web.cookie-secure=false, "
                + "their lifetime from the host's clock")
        void cookiesUnderTheBasePath() throws Exception {
            assertThat(send("POST", "/auth/signUp", "{\"userName\": \"ada\", \"email\": \"ada@example.com\", "
                    + "\"password\": \"" + PASSWORD + "\"}").statusCode()).isEqualTo(201);

            HttpResponse<String> logIn = send("POST", "/auth/logIn",
                    "{\"email\": \"ada@example.com\", \"password\": \"" + PASSWORD + "\"}");

            assertThat(logIn.statusCode()).isEqualTo(200);
            List<String> cookies = logIn.headers().allValues("Set-Cookie");
            assertThat(cookies).anySatisfy(c -> assertThat(c).startsWith("refreshToken=")
                    .contains("; Max-Age=2592000; Path=/auth/refreshToken; HttpOnly; SameSite=Strict")
                    .doesNotContain("Secure"));
            assertThat(cookies).anySatisfy(c -> assertThat(c).startsWith("wardDevice=").contains("Path=/auth/logIn"));
            assertThat(json(logIn).path("accessTokenExpiresAt").asString()).isEqualTo(NOW.plusSeconds(14 * 60).toString());
            assertThat(logIn.headers().firstValue("Cache-Control")).hasValue("no-store");
            // Spring Security's default chain (on the class path) permits only the endpoints' paths.
            HttpResponse<String> defaultPath = send("GET", "/api/me", null);
            assertThat(defaultPath.statusCode()).as("nothing under the default path").isEqualTo(401);
            assertThat(defaultPath.headers().firstValue("Content-Security-Policy")).as("not answered by the endpoints")
                    .isEmpty();
        }

        @Test
        @DisplayName("serves the JWKS at the well-known path, cacheable, without the HMAC key")
        void jwks() throws Exception {
            HttpResponse<String> response = send("GET", "/.well-known/jwks.json", null);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("{\"keys\":[]}");
            assertThat(response.headers().firstValue("Cache-Control")).hasValue("public, max-age=300");
            assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        }
    }
}
