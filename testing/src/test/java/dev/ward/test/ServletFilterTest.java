package dev.ward.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ward.AuthManager;
import dev.ward.servlet.WardAuthenticationFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** ward-test's tokens against ward-servlet's filter on a real embedded Jetty, over real HTTP. */
@ExtendWith(WardExtension.class)
class ServletFilterTest {

    private static final TestUser ANN = TestUser.of("user-1", "ann@example.com", "user", "admin");
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private static Server server;
    private static URI base;

    @BeforeAll
    static void start(AuthManager auth) throws Exception {
        ServletContextHandler context = new ServletContextHandler();
        context.addFilter(new FilterHolder(WardAuthenticationFilter.builder(auth).build()), "/api/*",
                EnumSet.of(DispatcherType.REQUEST));
        context.addFilter(new FilterHolder(WardAuthenticationFilter.builder(auth).requireAnyRole("owner").build()),
                "/owners/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(WhoAmI.class, "/api/*");
        context.addServlet(WhoAmI.class, "/owners/*");
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(context);
        server.start();
        base = URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    /** Says who the container thinks the user is. */
    public static final class WhoAmI extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().print(request.getUserPrincipal().getName() + " admin=" + request.isUserInRole("admin")
                    + " owner=" + request.isUserInRole("owner"));
        }
    }

    private static HttpResponse<String> get(String token) throws Exception {
        return get("/api/me", token);
    }

    private static HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", "Bearer " + token).build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Nested
    class Accepted {

        @Test
        void anAccessTokenReachesTheServletAsTheUserWithItsRoles(WardTest ward) throws Exception {
            HttpResponse<String> response = get(ward.accessToken(ANN));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("user-1 admin=true owner=false");
        }

        @Test
        void theAccessTokenOfALoggedInSessionReachesTheServlet(WardTest ward) throws Exception {
            HttpResponse<String> response = get(ward.logIn(ANN).accessToken());

            assertThat(response.body()).isEqualTo("user-1 admin=true owner=false");
        }
    }

    @Nested
    class Refused {

        @Test
        void anExpiredTokenGets401TokenExpired(WardTest ward) throws Exception {
            assertRefused(get(ward.tokens().expiredAccessToken(ANN)), "TOKEN_EXPIRED");
        }

        @Test
        void aTokenNotYetValidGets401InvalidToken(WardTest ward) throws Exception {
            assertRefused(get(ward.tokens().notYetValidAccessToken(ANN)), "INVALID_TOKEN");
        }

        @Test
        void aTokenForAnotherAudienceGets401InvalidToken(WardTest ward) throws Exception {
            assertRefused(get(ward.tokens().wrongAudienceAccessToken(ANN)), "INVALID_TOKEN");
        }

        @Test
        void aTokenGets401OnceTheClockPassesItsExpiry(WardTest ward) throws Exception {
            String token = ward.accessToken(ANN);

            ward.clock().advance(Duration.ofMinutes(15));

            assertRefused(get(token), "TOKEN_EXPIRED");
        }

        @Test
        void aValidTokenWithoutTheRequiredRoleGets403Forbidden(WardTest ward) throws Exception {
            HttpResponse<String> response = get("/owners/list", ward.accessToken(ANN));

            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.body()).contains("\"code\":\"FORBIDDEN\"");
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    challenge -> assertThat(challenge).contains("insufficient_scope"));
        }

        @Test
        void aUserWithTheRequiredRoleGetsThrough(WardTest ward) throws Exception {
            HttpResponse<String> response = get("/owners/list",
                    ward.accessToken(TestUser.of("user-2", "olga@example.com", "owner")));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("user-2 admin=false owner=true");
        }

        private void assertRefused(HttpResponse<String> response, String code) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.body()).contains("\"code\":\"" + code + "\"");
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    challenge -> assertThat(challenge).contains("invalid_token"));
        }
    }
}
