package dev.ward.benchmarks;

import dev.ward.AuthManager;
import dev.ward.JwtAlgorithm;
import dev.ward.servlet.WardAuthenticationFilter;
import dev.ward.store.memory.InMemoryUserRepository;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost Ward adds to a protected request: one {@code GET} with an {@code Authorization: Bearer}
 * header to a servlet on an embedded Jetty 12 (ee10) in the benchmark's JVM, written over the
 * loopback on one kept-alive HTTP/1.1 connection, and the answer read whole. The client is a few
 * lines over a plain socket rather than {@code java.net.http.HttpClient}, whose selector and
 * executor threads would add their hand-offs to every request and so hide part of what the
 * server does on a 2-core machine. {@code bare}: the servlet alone (it ignores the header); {@code ward}: the same
 * servlet behind {@link WardAuthenticationFilter}, which authenticates the token (HS256, the same
 * token on every request, as a client sends its access token until it expires) and wraps the
 * request, and the servlet reads the principal. Both paths are in one server, so they share every
 * other cost.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class ServletBenchmark {

    static final String EMAIL = "servlet@example.com";

    private Server server;
    private Socket socket;
    private OutputStream out;
    private InputStream in;
    private byte[] bare;
    private byte[] ward;

    /** Answers the principal's name, or "anonymous": a few bytes of text, like a small API answer. */
    static final class Hello extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            Principal principal = request.getUserPrincipal();
            byte[] body = (principal == null ? "anonymous" : principal.getName()).getBytes(StandardCharsets.UTF_8);
            response.setContentType("text/plain;charset=UTF-8");
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        }
    }

    /**
     * Starts Jetty with the bare and the protected path, signs a user in, and builds both requests.
     *
     * @throws Exception if Jetty cannot start
     */
    @Setup
    public void setUp() throws Exception {
        InMemoryUserRepository users = new InMemoryUserRepository();
        AuthManager auth = Fixtures.inMemoryManager(users, Fixtures.keys(JwtAlgorithm.HS256).ward(),
                Fixtures.CHEAP_BCRYPT_COST);
        Fixtures.signUp(auth, users, EMAIL);
        String token = auth.logIn(EMAIL, Fixtures.PASSWORD).accessToken();

        ServletContextHandler context = new ServletContextHandler();
        context.addFilter(new FilterHolder(WardAuthenticationFilter.builder(auth).build()), "/ward/*",
                EnumSet.of(DispatcherType.REQUEST));
        ServletHolder hello = new ServletHolder(new Hello());
        context.addServlet(hello, "/bare/hello");
        context.addServlet(hello, "/ward/hello");
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(context);
        server.start();

        socket = new Socket("127.0.0.1", connector.getLocalPort());
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream());
        // The same header on both, so that the two requests differ only in what the server does.
        bare = request("/bare/hello", token);
        ward = request("/ward/hello", token);
        String wardAnswer = ward();
        if (!bare().equals("anonymous") || wardAnswer.equals("anonymous")) {
            throw new IllegalStateException("the bare path must answer anonymous, the protected one the user: "
                    + wardAnswer);
        }
    }

    /**
     * Stops Jetty.
     *
     * @throws Exception if Jetty cannot stop
     */
    @TearDown
    public void tearDown() throws Exception {
        socket.close();
        server.stop();
    }

    private static byte[] request(String path, String token) {
        return ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                + "\r\nAccept: */*\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Writes a request and reads its answer: the status line, the headers, and Content-Length bytes. */
    private String send(byte[] request) throws IOException {
        out.write(request);
        out.flush();
        String status = line();
        if (!status.startsWith("HTTP/1.1 200 ")) {
            throw new IllegalStateException(status);
        }
        int length = -1;
        for (String header = line(); !header.isEmpty(); header = line()) {
            if (header.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Integer.parseInt(header.substring(15).strip());
            }
        }
        if (length < 0) {
            throw new IllegalStateException("no Content-Length");
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("the server closed the connection");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    /**
     * The servlet without Ward.
     *
     * @return the answer's body
     * @throws IOException if the request fails
     */
    @Benchmark
    public String bare() throws IOException {
        return send(bare);
    }

    /**
     * The servlet behind {@link WardAuthenticationFilter}.
     *
     * @return the answer's body: the user's id
     * @throws IOException if the request fails
     */
    @Benchmark
    public String ward() throws IOException {
        return send(ward);
    }
}
