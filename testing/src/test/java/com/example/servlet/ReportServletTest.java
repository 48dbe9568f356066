package com.example.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ward.AuthManager;
import dev.ward.servlet.WardAuthenticationFilter;
import dev.ward.test.TestUser;
import dev.ward.test.WardExtension;
import dev.ward.test.WardTest;
import jakarta.servlet.DispatcherType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(WardExtension.class)
class ReportServletTest {

    private static final TestUser ANALYST = TestUser.of("ann", "ann@example.com", "analyst");
    private static final TestUser GUEST = TestUser.of("gus", "gus@example.com", "user");
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private static Server server;
    private static URI reports;

    // One server for the class: the manager stays the same while the extension resets its stores.
    @BeforeAll
    static void start(AuthManager auth) throws Exception {
        ServletContextHandler context = new ServletContextHandler();
        context.addFilter(new FilterHolder(WardAuthenticationFilter.builder(auth).requireAnyRole("analyst").build()),
                "/reports/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(ReportServlet.class, "/reports/*");
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(context);
        server.start();
        reports = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/reports/weekly");
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    private static HttpResponse<String> get(String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(reports).header("Authorization", "Bearer " + token).build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anAnalystGetsTheReport(WardTest ward) throws Exception {
        HttpResponse<String> response = get(ward.accessToken(ANALYST));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("report for ann");
    }

    @Test
    void anExpiredTokenIsRefusedWith401(WardTest ward) throws Exception {
        HttpResponse<String> response = get(ward.tokens().expiredAccessToken(ANALYST));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("\"code\":\"TOKEN_EXPIRED\"");
    }

    @Test
    void aUserWithoutTheRoleIsRefusedWith403(WardTest ward) throws Exception {
        HttpResponse<String> response = get(ward.accessToken(GUEST));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).contains("insufficient_scope"));
    }
}
