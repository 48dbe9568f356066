package dev.ward.examples.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A small client of Ward's HTTP API over {@link HttpClient}, on 127.0.0.1 only. It keeps
 * no cookies: tests send and read them by hand, to check every attribute.
 */
public final class Api {

    /** The JSON reader and writer of the tests. */
    public static final ObjectMapper JSON = new ObjectMapper();
    /** The password of every test user. */
    public static final String PASSWORD = "correct horse battery staple";
    /** The name of the refresh-token cookie. */
    public static final String COOKIE = "refreshToken";
    /** The name of the device-token cookie. */
    public static final String DEVICE_COOKIE = "wardDevice";
    /** The path the device-token cookie is sent to: the log-in only. */
    public static final String DEVICE_COOKIE_PATH = "/api/logIn";
    /** The header with which a browser asks for the refresh token in the cookie only. */
    public static final String TOKEN_TRANSPORT = "X-Ward-Token-Transport";
    /** Headers some frameworks read as the "real" method of a GET or POST; the API refuses all. */
    public static final List<String> METHOD_OVERRIDE_HEADERS =
            List.of("X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override");

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI base;

    /**
     * A client of the server on 127.0.0.1 at a port.
     *
     * @param port the port
     */
    public Api(int port) {
        this.base = URI.create("http://127.0.0.1:" + port);
    }

    /** One answer: status, headers, body text, and the body as JSON when it is JSON. */
    public record Response(int status, HttpHeaders headers, String text) {

        /** The body as JSON. */
        public JsonNode json() {
            try {
                return JSON.readTree(text);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + text, e);
            }
        }

        /** The first value of a header. */
        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        /** The Set-Cookie header for the refresh token, as sent. */
        public String refreshCookie() {
            return cookie(Api.COOKIE);
        }

        /** The refresh cookie's value. */
        public String refreshCookieValue() {
            return cookieValue(Api.COOKIE);
        }

        /** The refresh cookie's attributes, names in lower case, as name to value ("" for flags). */
        public Map<String, String> refreshCookieAttributes() {
            return cookieAttributes(Api.COOKIE);
        }

        /** The Set-Cookie header for a cookie, as sent. */
        public String cookie(String name) {
            return headers.allValues("Set-Cookie").stream()
                    .filter(c -> c.startsWith(name + "="))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no " + name + " cookie in " + headers.map()));
        }

        /** A cookie's value. */
        public String cookieValue(String name) {
            String cookie = cookie(name);
            return cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'));
        }

        /** A cookie's attributes, names in lower case, as name to value ("" for flags). */
        public Map<String, String> cookieAttributes(String name) {
            Map<String, String> attributes = new LinkedHashMap<>();
            String[] parts = cookie(name).split(";");
            for (int i = 1; i < parts.length; i++) {
                String part = parts[i].strip();
                int eq = part.indexOf('=');
                attributes.put((eq < 0 ? part : part.substring(0, eq)).toLowerCase(java.util.Locale.ROOT),
                        eq < 0 ? "" : part.substring(eq + 1));
            }
            return attributes;
        }

        @Override
        public String toString() {
            return status + " " + text;
        }
    }

    /** Sends a request with a body (or none) and header name-value pairs. */
    public Response send(String method, String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * Sends bytes as they are over a plain socket, for requests no HTTP client would send, and
     * reads one answer: up to its Content-Length, or to the end of the connection.
     */
    public Response raw(String request) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new AssertionError("the connection ended inside the head: " + head);
                }
                head.write(b);
            }
            String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, List<String>> fields = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                fields.computeIfAbsent(lines[i].substring(0, colon).strip(), k -> new ArrayList<>())
                        .add(lines[i].substring(colon + 1).strip());
            }
            byte[] body = fields.containsKey("Content-Length")
                    ? in.readNBytes(Integer.parseInt(fields.get("Content-Length").get(0)))
                    : in.readAllBytes();
            return new Response(status, HttpHeaders.of(fields, (k, v) -> true), new String(body, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends a body as JSON. */
    public Response json(String method, String path, Object body, String... headers) {
        List<String> all = new ArrayList<>(List.of(headers));
        all.add("Content-Type");
        all.add("application/json");
        try {
            return send(method, path, JSON.writeValueAsString(body), all.toArray(String[]::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends a GET. */
    public Response get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    /** Sends a GET with a bearer token. */
    public Response getWithToken(String path, String accessToken) {
        return get(path, "Authorization", "Bearer " + accessToken);
    }

    /** POST /api/signUp. */
    public Response signUp(String userName, String email, String password) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("userName", userName);
        body.put("email", email);
        body.put("password", password);
        return json("POST", "/api/signUp", body);
    }

    /** POST /api/logIn. */
    public Response logIn(String email, String password, String... headers) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("email", email);
        body.put("password", password);
        return json("POST", "/api/logIn", body, headers);
    }

    /** POST /api/refreshToken with the token in the body. */
    public Response refresh(String refreshToken) {
        return json("POST", "/api/refreshToken", Map.of("refreshToken", refreshToken));
    }

    /** DELETE /api/refreshToken with the token in the body. */
    public Response logOut(String refreshToken) {
        return json("DELETE", "/api/refreshToken", Map.of("refreshToken", refreshToken));
    }
}
