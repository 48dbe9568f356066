package com.example.servlet;

import dev.ward.AuthManager;
import dev.ward.AuthenticatedUser;
import dev.ward.JwtAlgorithm;
import dev.ward.JwtKey;
import dev.ward.SignUpRequest;
import dev.ward.servlet.WardAuthenticationFilter;
import dev.ward.store.memory.InMemoryLoginAttemptStore;
import dev.ward.store.memory.InMemoryTokenStore;
import dev.ward.store.memory.InMemoryUserRepository;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;

/** A plain servlet application on an embedded Jetty 12 whose /api/* needs a Ward access token. */
public final class HelloApplication {

    private HelloApplication() {
    }

    /** Answers the signed-in user by name, and says whether they are an admin. */
    static final class HelloServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            AuthenticatedUser user = WardAuthenticationFilter.user(request).orElseThrow();
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().print("hello " + request.getUserPrincipal().getName()
                    + (request.isUserInRole("admin") ? " (admin)" : "") + ", roles " + user.roles());
        }
    }

    /**
     * Starts the server: the filter guards /api/*, the servlet answers /api/hello.
     *
     * @param auth Ward, wired to the application's stores
     * @param port the port, 0 for any free one
     * @return the started server
     * @throws Exception if Jetty cannot start
     */
    public static Server start(AuthManager auth, int port) throws Exception {
        ServletContextHandler context = new ServletContextHandler();
        context.addFilter(new FilterHolder(WardAuthenticationFilter.builder(auth).build()),
                "/api/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new HelloServlet()), "/api/hello");
        Server server = new Server(port);
        server.setHandler(context);
        server.start();
        return server;
    }

    /**
     * Runs the application on port 8080 with a demo user, and prints a command that calls it.
     *
     * @param args ignored
     * @throws Exception if Jetty cannot start
     */
    public static void main(String[] args) throws Exception {
        AuthManager auth = AuthManager.builder()
                .userRepository(new InMemoryUserRepository())
                .tokenStore(new InMemoryTokenStore())
                .loginAttemptStore(new InMemoryLoginAttemptStore())
                .signingKey(JwtKey.generate(JwtAlgorithm.HS256))
                .build();
        auth.signUp(new SignUpRequest("alice", "alice@example.com", "correct horse battery staple"));
        String token = auth.logIn("alice@example.com", "correct horse battery staple").accessToken();
        Server server = start(auth, 8080);
        System.out.println("curl -H 'Authorization: Bearer " + token + "' http://localhost:8080/api/hello");
        server.join();
    }
}
