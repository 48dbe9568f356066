package dev.ward.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ward.AuthManager;
import dev.ward.AuthSettings;
import dev.ward.JwtAlgorithm;
import dev.ward.JwtKey;
import dev.ward.SignUpRequest;
import dev.ward.TokenPair;
import dev.ward.UserAccount;
import dev.ward.store.StoreException;
import dev.ward.store.TokenStore;
import dev.ward.store.memory.InMemoryLoginAttemptStore;
import dev.ward.store.memory.InMemoryTokenStore;
import dev.ward.store.memory.InMemoryUserRepository;
import dev.ward.store.tck.MutableClock;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The filter on a real embedded Jetty 12 (ee10), over real HTTP: {@code /api/*} needs a signed-in
 * user, {@code /admin/*} the role admin, {@code /open/*} lets anonymous requests through.
 */
class WardAuthenticationFilterJettyTest {

    private static final String PASSWORD = "correct horse battery staple";
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final MutableClock clock = MutableClock.at("2026-11-29T12:00:00Z");
    private final AtomicBoolean storeDown = new AtomicBoolean();
    private final InMemoryUserRepository users = new InMemoryUserRepository();
    private AuthManager auth;
    private Server server;
    private URI base;

    @BeforeEach
    void start() throws Exception {
        auth = AuthManager.builder()
                .userRepository(users)
                .tokenStore(failingWhenDown(new InMemoryTokenStore()))
                .loginAttemptStore(new InMemoryLoginAttemptStore())
                .signingKey(JwtKey.generate(JwtAlgorithm.HS256))
                .settings(AuthSettings.builder().bcryptCost(4).strictSessions(true).build())
                .clock(clock)
                .build();
        ServletContextHandler context = new ServletContextHandler();
        context.addFilter(new FilterHolder(WardAuthenticationFilter.builder(auth).build()), "/api/*",
                EnumSet.of(DispatcherType.REQUEST));
        context.addFilter(new FilterHolder(WardAuthenticationFilter.builder(auth).requireAnyRole("admin").build()),
                "/admin/*", EnumSet.of(DispatcherType.REQUEST));
        context.addFilter(new FilterHolder(WardAuthenticationFilter.builder(auth).requireAuthentication(false).build()),
                "/open/*", EnumSet.of(DispatcherType.REQUEST));
        ServletHolder who = new ServletHolder(new WhoAmI());
        context.addServlet(who, "/api/*");
        context.addServlet(who, "/admin/*");
        context.addServlet(who, "/open/*");
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(context);
        server.start();
        base = URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    /** Says who the container thinks the user is. */
    static final class WhoAmI extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            String who = request.getUserPrincipal() == null ? "anonymous"
                    : request.getUserPrincipal().getClass().getSimpleName() + " " + request.getUserPrincipal().getName()
                    + " type=" + request.getAuthType() + " remote=" + request.getRemoteUser()
                    + " user=" + request.isUserInRole("user") + " admin=" + request.isUserInRole("admin")
                    + " attribute=" + WardAuthenticationFilter.user(request).map(u -> u.userId() + u.roles()).orElse("none");
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().print(who);
        }
    }

    private TokenStore failingWhenDown(TokenStore store) {
        return (TokenStore) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {TokenStore.class},
                (proxy, method, args) -> {
                    if (storeDown.get()) {
                        throw new StoreException("the token store is down", new java.sql.SQLException("secret row"));
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private UserAccount signUp(String email) {
        return auth.signUp(new SignUpRequest(email.substring(0, email.indexOf('@')), email, PASSWORD));
    }

    private TokenPair logIn(String email) {
        return auth.logIn(email, PASSWORD);
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertRefused(HttpResponse<String> response, int status, String code, String challenge) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.body()).startsWith("{\"error\":true,\"code\":\"" + code + "\",\"message\":\"");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(response.headers().firstValue("WWW-Authenticate")).isEqualTo(java.util.Optional.ofNullable(challenge));
    }

    @Nested
    class Authenticated {

        @Test
        void validTokenReachesTheServletAsTheContainersUser() throws Exception {
            UserAccount alice = signUp("alice@example.com");
            HttpResponse<String> response = get("/api/me", "Bearer " + logIn("alice@example.com").accessToken());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("WardPrincipal " + alice.id() + " type=Bearer remote=" + alice.id()
                    + " user=true admin=false attribute=" + alice.id() + "[user]");
        }

        @Test
        void schemeInAnyCaseIsAccepted() throws Exception {
            signUp("alice@example.com");
            assertThat(get("/api/me", "bearer " + logIn("alice@example.com").accessToken()).statusCode()).isEqualTo(200);
        }

        @Test
        void concurrentRequestsOfTwoUsersEachSeeTheirOwnPrincipal() throws Exception {
            UserAccount alice = signUp("alice@example.com");
            UserAccount bob = signUp("bob@example.com");
            String aliceToken = logIn("alice@example.com").accessToken();
            String bobToken = logIn("bob@example.com").accessToken();
            java.util.List<java.util.concurrent.CompletableFuture<String>> answers = new java.util.ArrayList<>();
            java.util.List<String> expected = new java.util.ArrayList<>();
            for (int i = 0; i < 200; i++) {
                boolean isAlice = i % 2 == 0;
                HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/me"))
                        .header("Authorization", "Bearer " + (isAlice ? aliceToken : bobToken)).build();
                answers.add(CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(HttpResponse::body));
                expected.add("WardPrincipal " + (isAlice ? alice.id() : bob.id()) + " ");
            }
            for (int i = 0; i < answers.size(); i++) {
                assertThat(answers.get(i).get(30, java.util.concurrent.TimeUnit.SECONDS)).startsWith(expected.get(i));
            }
        }

        @Test
        void userWithTheRequiredRoleIsLetIn() throws Exception {
            UserAccount admin = signUp("admin@example.com");
            users.updateRoles(admin.id(), Set.of("user", "admin"));
            HttpResponse<String> response = get("/admin/users", "Bearer " + logIn("admin@example.com").accessToken());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains(" admin=true ");
        }
    }

    @Nested
    class Refused {

        @Test
        void requestWithoutHeaderGetsTheChallengeWithoutAnError() throws Exception {
            HttpResponse<String> response = get("/api/me", null);
            assertRefused(response, 401, "INVALID_TOKEN", "Bearer realm=\"ward\"");
            assertThat(response.body()).contains("needs an Authorization: Bearer");
        }

        @Test
        void garbageTokenIsInvalidToken() throws Exception {
            HttpResponse<String> response = get("/api/me", "Bearer not.a.jwt");
            assertRefused(response, 401, "INVALID_TOKEN", "Bearer realm=\"ward\", error=\"invalid_token\"");
            assertThat(response.body()).doesNotContain("not.a.jwt");
        }

        @Test
        void headerOfAnotherSchemeIsInvalidToken() throws Exception {
            assertRefused(get("/api/me", "Basic YWxpY2U6cHc="), 401, "INVALID_TOKEN",
                    "Bearer realm=\"ward\", error=\"invalid_token\"");
        }

        @Test
        void expiredTokenIsInvalidTokenOnceTheClockHasMoved() throws Exception {
            signUp("alice@example.com");
            String token = logIn("alice@example.com").accessToken();
            assertThat(get("/api/me", "Bearer " + token).statusCode()).isEqualTo(200);
            clock.advance(AuthSettings.builder().build().accessTokenTtl().plus(Duration.ofMinutes(5)));
            assertRefused(get("/api/me", "Bearer " + token), 401, "TOKEN_EXPIRED",
                    "Bearer realm=\"ward\", error=\"invalid_token\"");
        }

        @Test
        void tokenOfARevokedSessionIsInvalidTokenUnderStrictSessions() throws Exception {
            signUp("alice@example.com");
            TokenPair pair = logIn("alice@example.com");
            assertThat(get("/api/me", "Bearer " + pair.accessToken()).statusCode()).isEqualTo(200);
            auth.logOut(pair.refreshToken());
            assertRefused(get("/api/me", "Bearer " + pair.accessToken()), 401, "INVALID_TOKEN",
                    "Bearer realm=\"ward\", error=\"invalid_token\"");
        }

        @Test
        void userWithoutTheRequiredRoleIsForbiddenWithInsufficientScope() throws Exception {
            signUp("alice@example.com");
            HttpResponse<String> response = get("/admin/users", "Bearer " + logIn("alice@example.com").accessToken());
            assertRefused(response, 403, "FORBIDDEN", "Bearer realm=\"ward\", error=\"insufficient_scope\"");
        }

        @Test
        void storeOutageIsServiceUnavailableWithRetryAfter() throws Exception {
            signUp("alice@example.com");
            String token = logIn("alice@example.com").accessToken();
            storeDown.set(true);
            HttpResponse<String> response = get("/api/me", "Bearer " + token);
            assertRefused(response, 503, "SERVICE_UNAVAILABLE", null);
            assertThat(response.headers().firstValue("Retry-After")).contains("5");
            assertThat(response.body()).doesNotContain("secret row");
        }
    }

    @Nested
    class Optional {

        @Test
        void requestWithoutTokenPassesThroughAnonymous() throws Exception {
            HttpResponse<String> response = get("/open/feed", null);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("anonymous");
        }

        @Test
        void headerOfAnotherSchemePassesThroughAnonymous() throws Exception {
            assertThat(get("/open/feed", "Basic YWxpY2U6cHc=").body()).isEqualTo("anonymous");
        }

        @Test
        void validTokenIsStillAuthenticated() throws Exception {
            UserAccount alice = signUp("alice@example.com");
            HttpResponse<String> response = get("/open/feed", "Bearer " + logIn("alice@example.com").accessToken());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).startsWith("WardPrincipal " + alice.id());
        }

        @Test
        void invalidTokenIsStillRefused() throws Exception {
            assertRefused(get("/open/feed", "Bearer garbage"), 401, "INVALID_TOKEN",
                    "Bearer realm=\"ward\", error=\"invalid_token\"");
        }
    }
}
