package dev.ward.examples.contract;

import dev.ward.store.tck.Concurrently;
import dev.ward.examples.contract.ServerFactory.RunningServer;
import dev.ward.store.tck.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ward.examples.contract.Api.Response;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every row of the example server's endpoint table, over real HTTP, against one server (its
 * {@link ServerFactory}) on one kind of store. Each subclass names both; the class starts one server on a fresh database for the whole
 * class (plus a few of its own where a test needs other settings or breaks the database).
 * Tests use their own users, so they do not depend on one another; the clock only moves
 * forward.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class HttpApiContract {

    /** The admin created at start-up. */
    public static final String ADMIN_EMAIL = "root@example.com";
    /** The HS256 key of the test servers. */
    public static final String KEY = "an-HS256-secret-for-the-tests-only-0123456789";
    /** Where the test servers without an SMTP server write their messages: under target/, not the working directory. */
    public static final String OUTBOX = "target/test-outbox";

    private static final AtomicInteger USERS = new AtomicInteger();

    MutableClock clock;
    RunningServer server;
    Api api;
    private final List<RunningServer> extraServers = new ArrayList<>();

    /**
     * The store kind this class runs against.
     *
     * @return the kind
     */
    protected abstract StoreKind kind();

    /**
     * The server this class runs against.
     *
     * @return what starts it
     */
    protected abstract ServerFactory servers();

    @BeforeAll
    void startServer() {
        clock = new MutableClock(Instant.parse("2026-01-05T09:00:00Z"));
        server = startServer(Map.of(), clock);
        api = new Api(server.port());
    }

    @AfterAll
    void stopServers() {
        extraServers.forEach(RunningServer::stop);
        if (server != null) {
            server.stop();
        }
    }

    Map<String, String> settings(Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>(kind().freshDatabase());
        settings.put("PORT", "0");
        settings.put("HOST", "127.0.0.1");
        settings.put("SALT", "4");
        settings.put("ACCESS_TOKEN_PRIVATE_KEY", KEY);
        settings.put("ADMIN_EMAIL", ADMIN_EMAIL);
        settings.put("ADMIN_PASSWORD", Api.PASSWORD);
        settings.put("MAIL_OUTBOX", OUTBOX);
        settings.putAll(overrides);
        return settings;
    }

    private RunningServer startServer(Map<String, String> overrides, MutableClock clock) {
        return servers().start(settings(overrides), clock);
    }

    /** A server with its own settings and database, stopped after the class. */
    RunningServer extraServer(Map<String, String> settings, MutableClock clock) {
        RunningServer extra = servers().start(settings, clock);
        extraServers.add(extra);
        return extra;
    }

    /** A signed-up user of the main server. */
    record User(String name, String email) {
    }

    User newUser() {
        int n = USERS.incrementAndGet();
        User user = new User("user" + n, "user" + n + "@example.com");
        assertThat(api.signUp(user.name(), user.email(), Api.PASSWORD).status()).isEqualTo(201);
        return user;
    }

    JsonNode logIn(User user) {
        Response response = api.logIn(user.email(), Api.PASSWORD);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    /** Asserts an answer is the API's JSON error with this status and code, and quotes no stack trace. */
    public static void assertError(Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode body = response.json();
        assertThat(body.path("error").asBoolean(false)).isTrue();
        assertThat(body.path("code").asText()).isEqualTo(code);
        assertThat(body.path("message").asText()).isNotBlank();
        assertThat(response.text()).doesNotContain("Exception", "\tat ", "java.");
    }

    @Nested
    @DisplayName("POST /api/signUp")
    class SignUp {

        @Test
        @DisplayName("creates an account with the role user and answers 201")
        void created() {
            Response response = api.signUp("carol", "Carol" + USERS.incrementAndGet() + "@Example.com", Api.PASSWORD);

            assertThat(response.status()).isEqualTo(201);
            JsonNode body = response.json();
            assertThat(body.path("error").asBoolean(true)).isFalse();
            assertThat(body.path("message").asText()).isNotBlank();
            assertThat(body.path("user").path("email").asText()).startsWith("carol").endsWith("@example.com");
            assertThat(body.path("user").path("roles").toString()).isEqualTo("[\"user\"]");
            assertThat(response.text()).doesNotContain(Api.PASSWORD);
        }

        @Test
        @DisplayName("lists every violation of invalid input with a 400")
        void invalidInput() {
            Response response = api.signUp(" ", "not-an-address", "short");

            assertError(response, 400, "INVALID_REQUEST");
            List<String> fields = new ArrayList<>();
            response.json().path("details").forEach(d -> {
                fields.add(d.path("field").asText());
                assertThat(d.path("message").asText()).isNotBlank();
            });
            assertThat(fields).containsExactlyInAnyOrder("userName", "email", "password");
        }

        @Test
        @DisplayName("refuses fields that are not strings with a 400 naming them")
        void wrongTypes() {
            Response response = api.json("POST", "/api/signUp",
                    Map.of("userName", 42, "email", List.of("a@example.com"), "password", Api.PASSWORD));

            assertError(response, 400, "INVALID_REQUEST");
            assertThat(response.json().path("details").findValuesAsText("field"))
                    .containsExactlyInAnyOrder("userName", "email");
        }

        @Test
        @DisplayName("answers 409 for an e-mail address that has an account, whatever its case")
        void emailTaken() {
            User user = newUser();

            assertError(api.signUp("other", user.email().toUpperCase(java.util.Locale.ROOT), Api.PASSWORD), 409,
                    "EMAIL_TAKEN");
        }
    }

    @Nested
    @DisplayName("POST /api/logIn")
    class LogIn {

        @Test
        @DisplayName("returns both tokens and sets an HttpOnly, Secure, SameSite=Strict cookie for the refresh path")
        void loggedIn() {
            User user = newUser();

            Response response = api.logIn(user.email(), Api.PASSWORD);

            assertThat(response.status()).isEqualTo(200);
            JsonNode body = response.json();
            assertThat(body.path("error").asBoolean(true)).isFalse();
            assertThat(body.path("accessToken").asText()).startsWith("eyJ");
            assertThat(body.path("refreshToken").asText()).isNotBlank();
            assertThat(Instant.parse(body.path("accessTokenExpiresAt").asText()))
                    .isEqualTo(clock.instant().plus(Duration.ofMinutes(14)));
            assertThat(Instant.parse(body.path("refreshTokenExpiresAt").asText()))
                    .isEqualTo(clock.instant().plus(Duration.ofDays(30)));
            assertThat(response.header("Cache-Control")).hasValue("no-store");

            assertThat(response.refreshCookieValue()).isEqualTo(body.path("refreshToken").asText());
            Map<String, String> attributes = response.refreshCookieAttributes();
            assertThat(attributes).containsEntry("httponly", "").containsEntry("secure", "")
                    .containsEntry("samesite", "Strict").containsEntry("path", "/api/refreshToken")
                    .containsEntry("max-age", Long.toString(Duration.ofDays(30).toSeconds()));
        }

        @Test
        @DisplayName("with X-Ward-Token-Transport: cookie, puts the refresh token only in the cookie, which then refreshes")
        void cookieOnlyTransport() {
            User user = newUser();

            Response response = api.logIn(user.email(), Api.PASSWORD, Api.TOKEN_TRANSPORT, "cookie");

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.json().path("accessToken").asText()).startsWith("eyJ");
            assertThat(response.json().has("refreshToken")).isFalse();
            String cookie = response.refreshCookieValue();
            assertThat(cookie).isNotBlank();
            assertThat(response.text()).doesNotContain(cookie);
            assertThat(response.refreshCookieAttributes()).containsEntry("httponly", "")
                    .containsEntry("path", "/api/refreshToken");
            Response refreshed = api.json("POST", "/api/refreshToken", Map.of(), "Cookie", "refreshToken=" + cookie);
            assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
            assertThat(refreshed.json().has("refreshToken")).isFalse();
        }

        @Test
        @DisplayName("keeps the API contract: without the header, or with body, the refresh token is in the JSON too")
        void bodyTransportUnchanged() {
            User user = newUser();

            for (Response response : List.of(api.logIn(user.email(), Api.PASSWORD),
                    api.logIn(user.email(), Api.PASSWORD, Api.TOKEN_TRANSPORT, "body"))) {
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.json().path("refreshToken").asText()).isEqualTo(response.refreshCookieValue());
                assertThat(api.refresh(response.json().path("refreshToken").asText()).status()).isEqualTo(200);
            }
        }

        @Test
        @DisplayName("answers 400 for an unknown X-Ward-Token-Transport, before any password work")
        void unknownTransport() {
            User user = newUser();

            Response response = api.logIn(user.email(), Api.PASSWORD, Api.TOKEN_TRANSPORT, "smoke-signals");

            assertError(response, 400, "BAD_REQUEST");
            assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
        }

        @Test
        @DisplayName("answers 400 with the violations for missing fields")
        void invalidInput() {
            Response response = api.json("POST", "/api/logIn", Map.of("email", "someone@example.com"));

            assertError(response, 400, "INVALID_REQUEST");
            assertThat(response.json().path("details").findValuesAsText("field")).containsExactly("password");
        }

        @Test
        @DisplayName("answers a wrong password and an unknown address with the same 401")
        void wrongCredentials() {
            User user = newUser();

            Response wrongPassword = api.logIn(user.email(), "not the password at all");
            Response unknownEmail = api.logIn("nobody-" + user.email(), Api.PASSWORD);

            assertError(wrongPassword, 401, "INVALID_CREDENTIALS");
            assertError(unknownEmail, 401, "INVALID_CREDENTIALS");
            assertThat(wrongPassword.text()).isEqualTo(unknownEmail.text());
            assertThat(wrongPassword.headers().allValues("Set-Cookie")).isEmpty();
        }

        @Test
        @DisplayName("answers 429 with Retry-After after five failures, and lets the user in once the lock ends")
        void throttled() {
            User user = newUser();
            for (int i = 0; i < 5; i++) {
                assertThat(api.logIn(user.email(), "not the password at all").status()).isEqualTo(401);
            }

            Response locked = api.logIn(user.email(), Api.PASSWORD);

            assertError(locked, 429, "TOO_MANY_ATTEMPTS");
            assertThat(locked.header("Retry-After")).hasValue("60");
            clock.advance(Duration.ofSeconds(61));
            assertThat(api.logIn(user.email(), Api.PASSWORD).status()).isEqualTo(200);
        }
    }

    @Nested
    @DisplayName("the device cookie: failures from other clients never lock out the owner's browser")
    class DeviceCookie {

        @Test
        @DisplayName("a log-in sets an HttpOnly, Secure, SameSite=Strict device cookie for /api/logIn only, for 365 days, "
                + "never in the body")
        void logInSetsDeviceCookie() {
            User user = newUser();

            Response response = api.logIn(user.email(), Api.PASSWORD);

            String device = response.cookieValue(Api.DEVICE_COOKIE);
            assertThat(device).isNotBlank();
            assertThat(response.cookieAttributes(Api.DEVICE_COOKIE)).containsEntry("httponly", "")
                    .containsEntry("secure", "").containsEntry("samesite", "Strict").containsEntry("path", "/api/logIn")
                    .containsEntry("max-age", Long.toString(Duration.ofDays(365).toSeconds()));
            assertThat(response.text()).doesNotContain(device).doesNotContain("device");
            Response again = api.logIn(user.email(), Api.PASSWORD, "Cookie", Api.DEVICE_COOKIE + "=" + device);
            assertThat(again.cookieValue(Api.DEVICE_COOKIE)).as("a known device keeps its token").isEqualTo(device);
        }

        @Test
        @DisplayName("a browser with a cookie jar logs in at once after others' failures locked the account, "
                + "while the attacker stays throttled")
        void ownersBrowserIsNotLockedOut() throws Exception {
            MutableClock ownClock = new MutableClock(Instant.parse("2026-01-05T09:00:00Z"));
            RunningServer plain = extraServer(settings(Map.of("COOKIE_SECURE", "false")), ownClock);
            Api attacker = new Api(plain.port());
            assertThat(attacker.signUp("grace", "grace@example.com", Api.PASSWORD).status()).isEqualTo(201);
            CookieManager jar = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
            HttpClient browser = HttpClient.newBuilder().cookieHandler(jar).build();
            URI logIn = URI.create("http://127.0.0.1:" + plain.port() + Api.DEVICE_COOKIE_PATH);
            HttpRequest ownerLogIn = HttpRequest.newBuilder(logIn).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(
                            Map.of("email", "grace@example.com", "password", Api.PASSWORD)))).build();
            assertThat(browser.send(ownerLogIn, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            assertThat(jar.getCookieStore().get(logIn)).extracting(HttpCookie::getName).contains(Api.DEVICE_COOKIE);
            assertThat(jar.get(URI.create("http://127.0.0.1:" + plain.port() + "/api/me"), Map.of()).get("Cookie"))
                    .as("the device cookie goes to the log-in only").isEmpty();

            for (int i = 0; i < 30; i++) {
                assertThat(attacker.logIn("grace@example.com", "not the password " + i).status()).isIn(401, 429);
                ownClock.advance(Duration.ofSeconds(20));
            }
            assertError(attacker.logIn("grace@example.com", Api.PASSWORD), 429, "TOO_MANY_ATTEMPTS");

            HttpResponse<String> owner = browser.send(ownerLogIn, HttpResponse.BodyHandlers.ofString());

            assertThat(owner.statusCode()).as(owner.body()).isEqualTo(200);
            assertError(attacker.logIn("grace@example.com", Api.PASSWORD), 429, "TOO_MANY_ATTEMPTS");
        }
    }

    @Nested
    @DisplayName("POST /api/refreshToken")
    class Refresh {

        @Test
        @DisplayName("rotates: a new pair from the body's token, and the rotated cookie")
        void rotatesFromBody() {
            JsonNode login = logIn(newUser());

            Response response = api.refresh(login.path("refreshToken").asText());

            assertThat(response.status()).isEqualTo(200);
            JsonNode body = response.json();
            assertThat(body.path("error").asBoolean(true)).isFalse();
            String next = body.path("refreshToken").asText();
            assertThat(next).isNotBlank().isNotEqualTo(login.path("refreshToken").asText());
            assertThat(body.path("accessToken").asText()).isNotEqualTo(login.path("accessToken").asText());
            assertThat(response.refreshCookieValue()).isEqualTo(next);
            assertThat(response.refreshCookieAttributes()).containsEntry("httponly", "")
                    .containsEntry("path", "/api/refreshToken");
            assertThat(api.getWithToken("/api/me", body.path("accessToken").asText()).status()).isEqualTo(200);
            assertThat(api.refresh(next).status()).isEqualTo(200);
        }

        @Test
        @DisplayName("rotates through the cookie alone, and keeps the new refresh token out of the body")
        void rotatesFromCookie() {
            Response login = api.logIn(newUser().email(), Api.PASSWORD);
            String cookie = login.refreshCookieValue();

            Response first = api.send("POST", "/api/refreshToken", null,
                    "Cookie", "refreshToken=" + cookie, "X-Requested-With", "test");

            assertThat(first.status()).as(first.toString()).isEqualTo(200);
            assertThat(first.json().has("refreshToken")).isFalse();
            assertThat(first.json().path("accessToken").asText()).startsWith("eyJ");
            String rotated = first.refreshCookieValue();
            assertThat(rotated).isNotEqualTo(cookie);
            assertThat(first.refreshCookieAttributes()).containsEntry("httponly", "").containsEntry("secure", "")
                    .containsEntry("samesite", "Strict").containsEntry("path", "/api/refreshToken")
                    .containsEntry("max-age", Long.toString(Duration.ofDays(30).toSeconds()));

            Response second = api.json("POST", "/api/refreshToken", Map.of(), "Cookie", "refreshToken=" + rotated);
            assertThat(second.status()).as("a JSON content type is enough").isEqualTo(200);
        }

        @Test
        @DisplayName("refuses the cookie without a JSON content type or X-Requested-With (CSRF), with a 403")
        void cookieNeedsCsrfHeader() {
            String cookie = api.logIn(newUser().email(), Api.PASSWORD).refreshCookieValue();

            Response response = api.send("POST", "/api/refreshToken", null, "Cookie", "refreshToken=" + cookie);

            assertError(response, 403, "CSRF_CHECK_FAILED");
            assertThat(api.refresh(cookie).status()).as("the session is untouched").isEqualTo(200);
        }

        @Test
        @DisplayName("answers 400 when no token is given")
        void noToken() {
            assertError(api.send("POST", "/api/refreshToken", null), 400, "INVALID_REQUEST");
            assertError(api.json("POST", "/api/refreshToken", Map.of()), 400, "INVALID_REQUEST");
        }

        @Test
        @DisplayName("answers 401 for a made-up token, and clears a cookie that holds one")
        void invalid() {
            assertError(api.refresh("not-a-token"), 401, "INVALID_TOKEN");

            Response fromCookie = api.send("POST", "/api/refreshToken", null,
                    "Cookie", "refreshToken=AAAAAAAAAAAAAAAAAAAAAA.bm90LWEtdG9rZW4", "X-Requested-With", "test");
            assertError(fromCookie, 401, "INVALID_TOKEN");
            assertThat(fromCookie.refreshCookieAttributes()).containsEntry("max-age", "0");
        }

        @Test
        @DisplayName("accepts the previous token again inside the 30 s grace window")
        void withinGrace() {
            String first = logIn(newUser()).path("refreshToken").asText();
            assertThat(api.refresh(first).status()).isEqualTo(200);
            clock.advance(Duration.ofSeconds(10));

            assertThat(api.refresh(first).status()).isEqualTo(200);
        }

        @Test
        @DisplayName("detects reuse after the grace window: 401, and the whole session is revoked")
        void reuseDetected() {
            String first = logIn(newUser()).path("refreshToken").asText();
            String second = api.refresh(first).json().path("refreshToken").asText();
            clock.advance(Duration.ofSeconds(31));

            assertError(api.refresh(first), 401, "REFRESH_TOKEN_REUSED");
            Response afterTheft = api.refresh(second);
            assertThat(afterTheft.status()).isEqualTo(401);
            assertThat(afterTheft.json().path("code").asText()).isIn("REFRESH_TOKEN_REUSED", "INVALID_TOKEN");
        }

        @Test
        @DisplayName("answers concurrent refreshes of one token inside the grace window all with the same new token")
        void concurrent() {
            String token = logIn(newUser()).path("refreshToken").asText();

            List<Concurrently.Outcome<Response>> calls = Concurrently.run(6, i -> () -> api.refresh(token));

            Set<String> issued = new HashSet<>();
            for (Concurrently.Outcome<Response> call : calls) {
                assertThat(call.failure()).isNull();
                assertThat(call.value().status()).as(call.value().toString()).isEqualTo(200);
                issued.add(call.value().json().path("refreshToken").asText());
            }
            assertThat(issued).hasSize(1);
            clock.advance(Duration.ofSeconds(31));
            assertThat(api.refresh(issued.iterator().next()).status()).isEqualTo(200);
            assertError(api.refresh(token), 401, "REFRESH_TOKEN_REUSED");
        }

        @Test
        @DisplayName("sets one cookie value for eight concurrent refreshes through the cookie, and that cookie then works")
        void concurrentThroughTheCookie() {
            String cookie = api.logIn(newUser().email(), Api.PASSWORD).refreshCookieValue();

            List<Concurrently.Outcome<Response>> calls = Concurrently.run(8, i -> () -> api.send("POST",
                    "/api/refreshToken", null, "Cookie", "refreshToken=" + cookie, "X-Requested-With", "test"));

            Set<String> cookies = new HashSet<>();
            for (Concurrently.Outcome<Response> call : calls) {
                assertThat(call.failure()).isNull();
                assertThat(call.value().status()).as(call.value().toString()).isEqualTo(200);
                cookies.add(call.value().refreshCookieValue());
            }
            assertThat(cookies).singleElement().isNotEqualTo(cookie);
            clock.advance(Duration.ofMinutes(14));
            Response next = api.send("POST", "/api/refreshToken", null,
                    "Cookie", "refreshToken=" + cookies.iterator().next(), "X-Requested-With", "test");
            assertThat(next.status()).as(next.toString()).isEqualTo(200);
        }

        @Test
        @DisplayName("answers 401 TOKEN_EXPIRED once the session has been idle longer than the refresh TTL")
        void expired() {
            String token = logIn(newUser()).path("refreshToken").asText();
            clock.advance(Duration.ofDays(30).plusSeconds(1));

            assertError(api.refresh(token), 401, "TOKEN_EXPIRED");
        }
    }

    @Nested
    @DisplayName("DELETE /api/refreshToken")
    class LogOut {

        @Test
        @DisplayName("ends the session, clears the cookie, and is idempotent")
        void loggedOut() {
            String token = logIn(newUser()).path("refreshToken").asText();

            Response response = api.logOut(token);

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.json().path("error").asBoolean(true)).isFalse();
            assertThat(response.refreshCookieValue()).isEmpty();
            assertThat(response.refreshCookieAttributes()).containsEntry("max-age", "0")
                    .containsEntry("path", "/api/refreshToken").containsEntry("httponly", "");
            assertThat(api.refresh(token).status()).isEqualTo(401);
            assertThat(api.logOut(token).status()).isEqualTo(200);
            assertThat(api.logOut("not-a-token").status()).isEqualTo(200);
        }

        @Test
        @DisplayName("ends the session of the cookie")
        void withCookie() {
            String cookie = api.logIn(newUser().email(), Api.PASSWORD).refreshCookieValue();

            Response response = api.send("DELETE", "/api/refreshToken", null,
                    "Cookie", "refreshToken=" + cookie, "X-Requested-With", "test");

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.refreshCookieAttributes()).containsEntry("max-age", "0");
            assertThat(api.refresh(cookie).status()).isEqualTo(401);
        }

        @Test
        @DisplayName("answers 400 when no token is given")
        void noToken() {
            assertError(api.send("DELETE", "/api/refreshToken", null), 400, "INVALID_REQUEST");
        }
    }

    @Nested
    @DisplayName("GET /api/me")
    class Me {

        @Test
        @DisplayName("returns the user of the access token")
        void me() {
            User user = newUser();
            String accessToken = logIn(user).path("accessToken").asText();

            Response response = api.getWithToken("/api/me", accessToken);

            assertThat(response.status()).isEqualTo(200);
            JsonNode body = response.json();
            assertThat(body.path("error").asBoolean(true)).isFalse();
            assertThat(body.path("id").asText()).isNotBlank();
            assertThat(body.path("userName").asText()).isEqualTo(user.name());
            assertThat(body.path("email").asText()).isEqualTo(user.email());
            assertThat(body.path("roles").toString()).isEqualTo("[\"user\"]");
        }

        @Test
        @DisplayName("answers 401 with WWW-Authenticate: Bearer without a token")
        void noToken() {
            Response response = api.get("/api/me");

            assertError(response, 401, "INVALID_TOKEN");
            assertThat(response.header("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        }

        @Test
        @DisplayName("answers 401 with error=invalid_token for a bad token, a refresh token, or another scheme")
        void badToken() {
            String refreshToken = logIn(newUser()).path("refreshToken").asText();

            for (Response response : List.of(api.getWithToken("/api/me", "eyJhbGciOiJub25lIn0.e30."),
                    api.getWithToken("/api/me", refreshToken), api.get("/api/me", "Authorization", "Basic dXNlcjpwdw=="))) {
                assertError(response, 401, "INVALID_TOKEN");
                assertThat(response.header("WWW-Authenticate")).hasValue("Bearer realm=\"ward\", error=\"invalid_token\"");
            }
        }

        @Test
        @DisplayName("answers 401 TOKEN_EXPIRED after the access-token lifetime")
        void expired() {
            String accessToken = logIn(newUser()).path("accessToken").asText();
            clock.advance(Duration.ofMinutes(15));

            Response response = api.getWithToken("/api/me", accessToken);

            assertError(response, 401, "TOKEN_EXPIRED");
            assertThat(response.header("WWW-Authenticate")).isPresent();
        }

        @Test
        @DisplayName("keeps answering until the access token expires after log-out (STRICT_SESSIONS is off)")
        void notStrict() {
            JsonNode login = logIn(newUser());
            api.logOut(login.path("refreshToken").asText());

            assertThat(api.getWithToken("/api/me", login.path("accessToken").asText()).status()).isEqualTo(200);
        }
    }

    @Nested
    @DisplayName("GET /api/admin")
    class Admin {

        @Test
        @DisplayName("answers 200 to the admin created from ADMIN_EMAIL")
        void admin() {
            Response login = api.logIn(ADMIN_EMAIL, Api.PASSWORD);
            String accessToken = login.json().path("accessToken").asText();

            Response response = api.getWithToken("/api/admin", accessToken);

            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            assertThat(response.json().path("error").asBoolean(true)).isFalse();
            JsonNode me = api.getWithToken("/api/me", accessToken).json();
            assertThat(me.path("roles").toString()).isEqualTo("[\"admin\",\"user\"]");
            assertThat(me.path("userName").asText()).isEqualTo("admin");
        }

        @Test
        @DisplayName("answers 403 to a user without the role, and 401 without a token")
        void others() {
            String accessToken = logIn(newUser()).path("accessToken").asText();

            assertError(api.getWithToken("/api/admin", accessToken), 403, "FORBIDDEN");
            assertError(api.get("/api/admin"), 401, "INVALID_TOKEN");
        }
    }

    @Nested
    @DisplayName("/api/sessions")
    class Sessions {

        @Test
        @DisplayName("GET lists the user's sessions with address, user agent and which one is current")
        void list() {
            User user = newUser();
            // A forwarded-for header is the client's word only: the address is the connection's.
            api.logIn(user.email(), Api.PASSWORD, "User-Agent", "laptop-browser/1.0", "X-Forwarded-For", "203.0.113.9");
            JsonNode phone = api.logIn(user.email(), Api.PASSWORD, "User-Agent", "phone-app/2.0").json();
            api.logIn(newUser().email(), Api.PASSWORD); // someone else's session

            Response response = api.getWithToken("/api/sessions", phone.path("accessToken").asText());

            assertThat(response.status()).isEqualTo(200);
            JsonNode sessions = response.json().path("sessions");
            assertThat(sessions).hasSize(2);
            assertThat(sessions.findValuesAsText("userAgent")).containsExactlyInAnyOrder("laptop-browser/1.0",
                    "phone-app/2.0");
            assertThat(sessions.findValuesAsText("ip")).containsOnly("127.0.0.1");
            for (JsonNode s : sessions) {
                assertThat(s.path("current").asBoolean()).isEqualTo(s.path("userAgent").asText().startsWith("phone"));
                assertThat(s.path("id").asText()).isNotBlank();
                assertThat(Instant.parse(s.path("createdAt").asText())).isEqualTo(clock.instant());
                assertThat(Instant.parse(s.path("lastUsedAt").asText())).isEqualTo(clock.instant());
            }
            assertError(api.get("/api/sessions"), 401, "INVALID_TOKEN");
        }

        @Test
        @DisplayName("DELETE /{id} ends one of the user's own sessions with a 204")
        void revokeOwn() {
            User user = newUser();
            JsonNode laptop = logIn(user);
            JsonNode phone = logIn(user);
            String laptopId = laptopSessionId(phone.path("accessToken").asText(), false);

            Response response = api.send("DELETE", "/api/sessions/" + laptopId, null,
                    "Authorization", "Bearer " + phone.path("accessToken").asText());

            assertThat(response.status()).isEqualTo(204);
            assertThat(response.text()).isEmpty();
            assertThat(api.refresh(laptop.path("refreshToken").asText()).status()).isEqualTo(401);
            assertThat(api.refresh(phone.path("refreshToken").asText()).status()).isEqualTo(200);
        }

        @Test
        @DisplayName("DELETE /{id} answers 404 for another user's session or an unknown id, and 401 without a token")
        void revokeOthers() {
            JsonNode victim = logIn(newUser());
            String victimSession = laptopSessionId(victim.path("accessToken").asText(), true);
            String attacker = logIn(newUser()).path("accessToken").asText();

            Response othersSession = api.send("DELETE", "/api/sessions/" + victimSession, null,
                    "Authorization", "Bearer " + attacker);
            assertError(othersSession, 404, "NOT_FOUND");
            assertThat(othersSession.json().path("message").asText()).isEqualTo("no active session of yours has this id");
            assertError(api.send("DELETE", "/api/sessions/no-such-session", null, "Authorization", "Bearer " + attacker),
                    404, "NOT_FOUND");
            assertError(api.send("DELETE", "/api/sessions/" + victimSession, null), 401, "INVALID_TOKEN");
            assertThat(api.refresh(victim.path("refreshToken").asText()).status()).isEqualTo(200);
        }

        @Test
        @DisplayName("DELETE / logs out everywhere with a 204")
        void logOutEverywhere() {
            User user = newUser();
            JsonNode laptop = logIn(user);
            JsonNode phone = logIn(user);

            Response response = api.send("DELETE", "/api/sessions", null,
                    "Authorization", "Bearer " + phone.path("accessToken").asText());

            assertThat(response.status()).isEqualTo(204);
            assertThat(response.refreshCookieAttributes()).containsEntry("max-age", "0");
            assertThat(api.refresh(laptop.path("refreshToken").asText()).status()).isEqualTo(401);
            assertThat(api.refresh(phone.path("refreshToken").asText()).status()).isEqualTo(401);
            assertError(api.send("DELETE", "/api/sessions", null), 401, "INVALID_TOKEN");
        }

        /** The id of the current session (current=true) or of another one (current=false). */
        private String laptopSessionId(String accessToken, boolean current) {
            for (JsonNode s : api.getWithToken("/api/sessions", accessToken).json().path("sessions")) {
                if (s.path("current").asBoolean() == current) {
                    return s.path("id").asText();
                }
            }
            throw new AssertionError("no such session");
        }
    }

    @Nested
    @DisplayName("GET /.well-known/jwks.json and GET /")
    class PublicDocuments {

        @Test
        @DisplayName("the JWKS is empty for the HMAC key, which is never exported")
        void jwks() {
            Response response = api.get("/.well-known/jwks.json");

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.json().toString()).isEqualTo("{\"keys\":[]}");
            assertThat(response.text()).doesNotContain(KEY);
        }

        @Test
        @DisplayName("the page and its script are served with a content security policy")
        void page() {
            Response page = api.get("/");
            Response script = api.get("/app.js");

            assertThat(page.status()).isEqualTo(200);
            assertThat(page.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
            assertThat(page.text()).contains("id=\"signup-form\"", "id=\"login-form\"", "src=\"/app.js\"");
            assertThat(page.header("Content-Security-Policy")).hasValueSatisfying(
                    csp -> assertThat(csp).contains("script-src 'self'", "frame-ancestors 'none'"));
            assertThat(script.status()).isEqualTo(200);
            assertThat(script.text()).contains("/api/refreshToken").doesNotContain("localStorage.setItem");
        }
    }

    @Nested
    @DisplayName("bad requests")
    class BadRequests {

        @Test
        @DisplayName("malformed JSON gets a 400 JSON error that does not quote the body")
        void malformedJson() {
            Response response = api.send("POST", "/api/logIn", "{\"email\": \"a@example.com\", \"password\": \"secret-pw",
                    "Content-Type", "application/json");

            assertError(response, 400, "BAD_REQUEST");
            assertThat(response.text()).doesNotContain("secret-pw");
        }

        @Test
        @DisplayName("a body that is not a JSON object, or has a key twice, gets a 400")
        void notAnObject() {
            assertError(api.send("POST", "/api/signUp", "[1, 2]", "Content-Type", "application/json"), 400,
                    "BAD_REQUEST");
            assertError(api.send("POST", "/api/logIn", "{\"email\": \"a@example.com\", \"email\": \"b@example.com\"}",
                    "Content-Type", "application/json"), 400, "BAD_REQUEST");
        }

        @Test
        @DisplayName("a body that is not application/json gets a 400, a form post included")
        void wrongContentType() {
            assertError(api.send("POST", "/api/logIn", "{\"email\": \"a@example.com\", \"password\": \"x\"}",
                    "Content-Type", "text/plain"), 400, "BAD_REQUEST");
            assertError(api.send("POST", "/api/logIn", "email=a%40example.com&password=x",
                    "Content-Type", "application/x-www-form-urlencoded"), 400, "BAD_REQUEST");
        }

        @Test
        @DisplayName("a body declared over 64 KiB gets a 413 JSON error before it is read")
        void oversized() {
            // Over a raw socket: the server answers and closes without reading the body, which
            // an HTTP client still sending 70 KiB would see as a broken connection.
            Response response = api.raw("POST /api/signUp HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + 70 * 1024 + "\r\n\r\n{\"email\": \"");

            assertError(response, 413, "PAYLOAD_TOO_LARGE");
        }

        @Test
        @DisplayName("an unknown route gets a 404 JSON error; a known path with another method a 405")
        void unknownRoute() {
            assertError(api.get("/api/nothing-here"), 404, "NOT_FOUND");
            assertError(api.send("PUT", "/api/logIn", null), 405, "METHOD_NOT_ALLOWED");
            assertError(api.get("/api/refreshToken"), 405, "METHOD_NOT_ALLOWED");
            assertError(api.send("POST", "/api/sessions", null), 405, "METHOD_NOT_ALLOWED");
        }

        @Test
        @DisplayName("a NUL or another control character in the user name or e-mail is a 400 on every store, never a 503")
        void controlCharactersInFields() {
            Response userName = api.signUp("nul\u0000name", "nul-name@example.com", Api.PASSWORD);
            Response email = api.signUp("nul", "nul\u0000@example.com", Api.PASSWORD);
            Response logIn = api.logIn("nul\u0000@example.com", Api.PASSWORD);
            Response invisible = api.signUp("zwsp", "zw\u200Bsp@example.com", Api.PASSWORD);

            assertError(userName, 400, "INVALID_REQUEST");
            assertThat(userName.json().path("details").findValuesAsText("field")).containsExactly("userName");
            assertError(email, 400, "INVALID_REQUEST");
            assertError(logIn, 400, "INVALID_REQUEST");
            assertError(invisible, 400, "INVALID_REQUEST");
            assertThat(api.signUp("fine", "nul-name@example.com", Api.PASSWORD).status()).isEqualTo(201);
        }

        @Test
        @DisplayName("a session id with an encoded NUL is a 404 (or Jetty's 400) on every store, never a 503")
        void controlCharactersInSessionId() {
            String accessToken = logIn(newUser()).path("accessToken").asText();

            Response response = api.send("DELETE", "/api/sessions/abc%00def", null, "Authorization", "Bearer " + accessToken);

            assertThat(response.status()).as(response.toString()).isIn(400, 404);
            assertError(response, response.status(), response.status() == 404 ? "NOT_FOUND" : "BAD_REQUEST");
        }

        @Test
        @DisplayName("no method override: X-HTTP-Method-Override, X-HTTP-Method, X-Method-Override and _method get a 400 "
                + "and change nothing")
        void noMethodOverride() {
            User user = newUser();
            String accessToken = logIn(user).path("accessToken").asText();
            String bearer = "Bearer " + accessToken;

            for (String header : Api.METHOD_OVERRIDE_HEADERS) {
                assertError(api.send("GET", "/api/sessions", null, "Authorization", bearer, header, "DELETE"), 400,
                        "BAD_REQUEST");
                assertError(api.send("POST", "/api/sessions", null, "Authorization", bearer, header, "DELETE"), 400,
                        "BAD_REQUEST");
            }
            assertError(api.send("GET", "/api/sessions?_method=DELETE", null, "Authorization", bearer), 400,
                    "BAD_REQUEST");
            assertError(api.send("POST", "/api/sessions?_method=DELETE", null, "Authorization", bearer), 400,
                    "BAD_REQUEST");

            Response sessions = api.getWithToken("/api/sessions", accessToken);
            assertThat(sessions.status()).isEqualTo(200);
            assertThat(sessions.json().path("sessions")).hasSize(1);
        }

        @Test
        @DisplayName("requests the HTTP server refuses itself get the JSON error shape: 400 malformed, 505 unknown "
                + "version (headers too large: the Javalin server's own test, as Tomcat answers 400)")
        void malformedHttp() {
            assertError(api.raw("GET /api/me HTTP/1.1\r\nHost: 127.0.0.1\r\nno colon here\r\n\r\n"), 400,
                    "BAD_REQUEST");
            assertError(api.raw("GET /api/me HTTP/7.0\r\nHost: 127.0.0.1\r\n\r\n"), 505, "HTTP_VERSION_NOT_SUPPORTED");
        }
    }

    @Nested
    @DisplayName("with STRICT_SESSIONS=true")
    class StrictSessions {

        @Test
        @DisplayName("log-out ends access at once: the access token is refused with a 401")
        void logOutEndsAccess() {
            MutableClock strictClock = new MutableClock(Instant.parse("2026-01-05T09:00:00Z"));
            RunningServer strict = extraServer(settings(Map.of("STRICT_SESSIONS", "true")), strictClock);
            Api strictApi = new Api(strict.port());
            assertThat(strictApi.signUp("dave", "dave@example.com", Api.PASSWORD).status()).isEqualTo(201);
            JsonNode login = strictApi.logIn("dave@example.com", Api.PASSWORD).json();
            String accessToken = login.path("accessToken").asText();
            assertThat(strictApi.getWithToken("/api/me", accessToken).status()).isEqualTo(200);

            strictApi.logOut(login.path("refreshToken").asText());

            assertError(strictApi.getWithToken("/api/me", accessToken), 401, "INVALID_TOKEN");
        }
    }

    @Nested
    @DisplayName("the account lifecycle's routes (mail in the outbox; the flows are in AccountLifecycleContract)")
    class AccountRoutes {

        @Test
        @DisplayName("POST /api/password/forgot answers 202 with the same body for a known, an unknown and a disabled "
                + "address")
        void forgotAnswersTheSame() {
            User known = newUser();
            User disabled = newUser();
            String id = api.getWithToken("/api/me", logIn(disabled).path("accessToken").asText()).json()
                    .path("id").asText();
            String admin = logIn(new User("admin", ADMIN_EMAIL)).path("accessToken").asText();
            assertThat(api.send("POST", "/api/admin/users/" + id + "/disable", null, "Authorization",
                    "Bearer " + admin).status()).isEqualTo(204);

            List<Response> answers = List.of(
                    api.json("POST", "/api/password/forgot", Map.of("email", known.email())),
                    api.json("POST", "/api/password/forgot", Map.of("email", "no-one-" + USERS.incrementAndGet()
                            + "@example.com")),
                    api.json("POST", "/api/password/forgot", Map.of("email", disabled.email().toUpperCase())));

            assertThat(answers).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(202));
            assertThat(answers).extracting(Response::text).containsOnly(answers.get(0).text());
            assertThat(answers.get(0).json().path("error").asBoolean(true)).isFalse();
        }

        @Test
        @DisplayName("a token or address of the wrong type, or a body that is not JSON, is a 400 like everywhere")
        void badBodies() {
            assertError(api.json("POST", "/api/password/forgot", Map.of("email", List.of("a@example.com"))), 400,
                    "INVALID_REQUEST");
            assertError(api.json("POST", "/api/email/confirm", Map.of("token", 1)), 400, "INVALID_REQUEST");
            assertError(api.send("POST", "/api/password/reset", "{", "Content-Type", "application/json"), 400,
                    "BAD_REQUEST");
            assertError(api.send("POST", "/api/logInLink/confirm", "token=x", "Content-Type",
                    "application/x-www-form-urlencoded"), 400, "BAD_REQUEST");
            assertError(api.json("POST", "/api/logInLink", Map.of("email", "a@example.com")), 404, "NOT_ENABLED");
        }

        @Test
        @DisplayName("the routes of a signed-in user need the bearer token, with WWW-Authenticate")
        void bearerRoutes() {
            for (Response response : List.of(api.send("POST", "/api/verifyEmail/resend", null),
                    api.json("POST", "/api/email/change", Map.of("currentPassword", "x", "newEmail", "a@example.com")),
                    api.json("DELETE", "/api/me", Map.of("currentPassword", "x")),
                    api.send("POST", "/api/admin/users/someone/disable", null))) {
                assertError(response, 401, "INVALID_TOKEN");
                assertThat(response.header("WWW-Authenticate")).hasValue("Bearer realm=\"ward\"");
            }
        }
    }

    @Nested
    @DisplayName("when the database fails")
    class StoreFailure {

        @Test
        @DisplayName("every route that needs it answers 503 with a JSON error, and nobody is logged out")
        void serviceUnavailable() {
            assumeTrue(kind() != StoreKind.MEMORY, "the in-memory stores cannot fail");
            Map<String, String> settings = settings(Map.of());
            RunningServer failing = extraServer(settings, new MutableClock(Instant.parse("2026-01-05T09:00:00Z")));
            Api failingApi = new Api(failing.port());
            assertThat(failingApi.signUp("erin", "erin@example.com", Api.PASSWORD).status()).isEqualTo(201);
            JsonNode login = failingApi.logIn("erin@example.com", Api.PASSWORD).json();

            StoreKind.breakDatabase(settings);

            for (Response response : List.of(failingApi.signUp("frank", "frank@example.com", Api.PASSWORD),
                    failingApi.logIn("erin@example.com", Api.PASSWORD),
                    failingApi.refresh(login.path("refreshToken").asText()),
                    failingApi.logOut(login.path("refreshToken").asText()),
                    failingApi.getWithToken("/api/me", login.path("accessToken").asText()),
                    failingApi.json("POST", "/api/password/forgot", Map.of("email", "erin@example.com")),
                    failingApi.json("POST", "/api/verifyEmail", Map.of("token", "A".repeat(43))))) {
                assertError(response, 503, "SERVICE_UNAVAILABLE");
                assertThat(response.header("Retry-After")).isPresent();
            }
        }
    }
}
