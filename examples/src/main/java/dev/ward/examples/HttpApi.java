package dev.ward.examples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ward.AuthError;
import dev.ward.AuthException;
import dev.ward.AuthManager;
import dev.ward.AuthenticatedUser;
import dev.ward.ClientInfo;
import dev.ward.FieldViolation;
import dev.ward.LogInRequest;
import dev.ward.SessionInfo;
import dev.ward.SignUpRequest;
import dev.ward.TokenPair;
import dev.ward.UserAccount;
import dev.ward.servlet.BearerAuthorization;
import dev.ward.servlet.CsrfRule;
import dev.ward.servlet.WardCookies;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tutorial's REST API on Ward, as Javalin routes: sign-up, log-in, refresh and log-out,
 * plus the routes the tutorial lacked (who am I, admin, sessions, JWKS), the demo page, and the
 * account lifecycle's routes in {@link AccountApi}.
 *
 * <p>Every answer is JSON. Errors are {@code {"error": true, "code": ..., "message": ...}}
 * with {@code "details"} for invalid input; successes carry {@code "error": false} and a
 * {@code "message"}, as in the tutorial. No answer ever holds a stack trace.
 *
 * <p>A browser sends {@code X-Ward-Token-Transport: cookie} with its log-in, and then gets the
 * refresh token only in the HttpOnly cookie, never in a body its scripts can read; a refresh
 * through the cookie never puts it in the body either. API clients, which send no such header,
 * get it in the body as in the tutorial.
 *
 * <p>A successful log-in also sets the device-token cookie ({@value #DEVICE_COOKIE}: HttpOnly,
 * {@code SameSite=Strict}, scoped to {@value #DEVICE_COOKIE_PATH}, as long-lived as the token),
 * never put in a body; a log-in that sends it back is counted under that known device, so
 * failures from other clients cannot lock its owner out.
 *
 * <p>CSRF: the refresh cookie is {@code SameSite=Strict} and scoped to
 * {@code /api/refreshToken}; on top of that, a request that uses the cookie must carry
 * {@code Content-Type: application/json} or an {@code X-Requested-With} header, which a
 * cross-site HTML form cannot send, and every request body must be JSON.
 *
 * <p>The bearer header, the cookies, the CSRF rule and the token transport follow
 * {@code ward-servlet}'s {@link BearerAuthorization}, {@link WardCookies} and {@link CsrfRule},
 * which every Ward web adapter shares.
 */
final class HttpApi {

    /** The name of the refresh-token cookie. */
    static final String COOKIE = WardCookies.REFRESH;
    /** The path the refresh-token cookie is sent to. */
    static final String COOKIE_PATH = WardCookies.DEFAULT_BASE_PATH + "/refreshToken";
    /** The name of the device-token cookie (known devices are not locked out by others' failures). */
    static final String DEVICE_COOKIE = WardCookies.DEVICE;
    /** The path the device-token cookie is sent to: the log-in only. */
    static final String DEVICE_COOKIE_PATH = WardCookies.DEFAULT_BASE_PATH + "/logIn";
    /**
     * The request header with which a browser asks for the refresh token in the cookie only:
     * {@code cookie}. Absent, or {@code body}, keeps the tutorial's contract (the token in the
     * JSON body as well as in the cookie); any other value is a 400.
     */
    static final String TOKEN_TRANSPORT = CsrfRule.TOKEN_TRANSPORT;
    /** The largest request body accepted, in bytes. */
    static final int MAX_BODY_BYTES = 64 * 1024;
    /** Headers some frameworks read as the "real" method of a GET or POST; all are refused. */
    static final List<String> METHOD_OVERRIDE_HEADERS =
            List.of("X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override");

    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    private final AuthManager auth;
    private final Clock clock;
    private final WardCookies cookies;
    private final ObjectMapper mapper;

    HttpApi(AuthManager auth, Clock clock, boolean cookieSecure) {
        this.auth = auth;
        this.clock = clock;
        this.cookies = new WardCookies(WardCookies.DEFAULT_BASE_PATH, cookieSecure);
        this.mapper = JsonMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .build();
    }

    /** Adds the routes, the error mapping, the static page and the limits to a Javalin configuration. */
    void configure(JavalinConfig config) {
        config.startup.showJavalinBanner = false;
        config.startup.showOldJavalinVersionWarning = false;
        config.http.maxRequestSize = MAX_BODY_BYTES;
        // A known path with another method is a 405, not a 404.
        config.http.prefer405over404 = true;
        config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
        config.jsonMapper(new JavalinJackson(mapper, false));
        config.staticFiles.add("/public", Location.CLASSPATH);
        config.requestLogger.http((ctx, ms) -> LOG.debug("{} {} {} {} ms", ctx.method(), ctx.path(),
                ctx.statusCode(), Math.round(ms)));

        var routes = config.routes;
        routes.before(this::securityHeaders);
        routes.before(HttpApi::refuseMethodOverride);
        routes.post("/api/signUp", this::signUp);
        routes.post("/api/logIn", this::logIn);
        routes.post("/api/refreshToken", this::refresh);
        routes.delete("/api/refreshToken", this::logOut);
        routes.get("/api/me", this::me);
        routes.get("/api/admin", this::admin);
        routes.get("/api/sessions", this::sessions);
        routes.delete("/api/sessions/{id}", this::revokeSession);
        routes.delete("/api/sessions", this::logOutEverywhere);
        routes.get("/.well-known/jwks.json", this::jwks);
        new AccountApi(auth, this).register(routes);

        ErrorAnswers.register(routes);
    }

    // ------------------------------------------------------------------ the tutorial's four routes

    private void signUp(Context ctx) {
        Fields body = new Fields(jsonBody(ctx));
        String userName = body.string("userName");
        String email = body.string("email");
        String password = body.string("password");
        body.check();
        UserAccount account = auth.signUp(new SignUpRequest(userName, email, password));
        ctx.status(201).json(ok("account created", "user", user(account)));
    }

    private void logIn(Context ctx) {
        Fields body = new Fields(jsonBody(ctx));
        String email = body.string("email");
        String password = body.string("password");
        body.check();
        boolean cookieOnly = cookieOnly(ctx);
        TokenPair pair = auth.logIn(new LogInRequest(email, password, client(ctx),
                WardCookies.read(ctx.req(), DEVICE_COOKIE).orElse(null)));
        loggedIn(ctx, pair, cookieOnly);
    }

    /**
     * Answers a successful log-in, by password or by link: the refresh cookie, the device cookie
     * when there is a device token, and the token pair (the refresh token in the body only
     * unless {@code cookieOnly}).
     */
    void loggedIn(Context ctx, TokenPair pair, boolean cookieOnly) {
        WardCookies.add(ctx.res(), cookies.refresh(pair.refreshToken(), pair.refreshTokenExpiresAt(), clock.instant()));
        if (pair.deviceToken() != null) {
            // Never in the body: the device token lives in its own HttpOnly cookie, sent to the log-in only.
            WardCookies.add(ctx.res(), cookies.device(pair.deviceToken(), pair.deviceTokenExpiresAt(), clock.instant()));
        }
        ctx.json(tokens("logged in", pair, !cookieOnly));
    }

    /** Reads {@link #TOKEN_TRANSPORT}: true for {@code cookie}, false when absent or {@code body}. */
    static boolean cookieOnly(Context ctx) {
        try {
            return CsrfRule.cookieOnly(ctx.header(TOKEN_TRANSPORT));
        } catch (IllegalArgumentException e) {
            throw new HttpError(400, "BAD_REQUEST", e.getMessage());
        }
    }

    private void refresh(Context ctx) {
        Presented presented = presentedRefreshToken(ctx);
        TokenPair pair;
        try {
            pair = auth.refresh(presented.token(), client(ctx));
        } catch (AuthException e) {
            if (presented.fromCookie() && e.httpStatus() == 401) {
                clearCookie(ctx); // the cookie's session is over: do not send it again
            }
            throw e;
        }
        WardCookies.add(ctx.res(), cookies.refresh(pair.refreshToken(), pair.refreshTokenExpiresAt(), clock.instant()));
        // A browser that uses the HttpOnly cookie gets the new refresh token only in the cookie,
        // so that the page's JavaScript never sees it.
        ctx.json(tokens("access token refreshed", pair, !presented.fromCookie()));
    }

    private void logOut(Context ctx) {
        Presented presented = presentedRefreshToken(ctx);
        auth.logOut(presented.token());
        clearCookie(ctx);
        ctx.json(ok("logged out"));
    }

    private record Presented(String token, boolean fromCookie) {
    }

    /** The refresh token from the body's {@code refreshToken}, or else from the cookie. */
    private Presented presentedRefreshToken(Context ctx) {
        ObjectNode json = jsonBody(ctx);
        Fields body = new Fields(json);
        String fromBody = body.string(COOKIE);
        body.check();
        if (fromBody != null && !fromBody.isBlank()) {
            return new Presented(fromBody, false);
        }
        String fromCookie = WardCookies.read(ctx.req(), COOKIE).orElseThrow(() -> AuthException.invalidRequest(
                List.of(new FieldViolation(COOKIE, "must be given in the JSON body or in the refreshToken cookie"))));
        if (!CsrfRule.allowsCookieUse(ctx.req())) {
            throw new HttpError(403, CsrfRule.FAILURE_CODE, CsrfRule.FAILURE_MESSAGE);
        }
        return new Presented(fromCookie, true);
    }

    // ------------------------------------------------------------------ routes for a signed-in user

    private void me(Context ctx) {
        AuthenticatedUser user = bearer(ctx);
        UserAccount account = auth.findUser(user.userId()).orElseThrow(
                () -> new AuthException(AuthError.INVALID_TOKEN, "the user of this access token no longer exists"));
        Map<String, Object> body = ok("ok");
        body.putAll(user(account));
        ctx.json(body);
    }

    private void admin(Context ctx) {
        AuthenticatedUser user = bearer(ctx).requireAnyRole("admin", "super_admin");
        ctx.json(ok("welcome, admin", "roles", user.roles()));
    }

    private void sessions(Context ctx) {
        AuthenticatedUser user = bearer(ctx);
        List<Map<String, Object>> list = new ArrayList<>();
        for (SessionInfo s : auth.sessions(user.userId())) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", s.id());
            item.put("createdAt", s.createdAt().toString());
            item.put("lastUsedAt", s.lastUsedAt().toString());
            item.put("expiresAt", s.expiresAt().toString());
            item.put("ip", s.ip());
            item.put("userAgent", s.userAgent());
            item.put("current", s.id().equals(user.sessionId()));
            list.add(item);
        }
        ctx.json(ok(list.size() + (list.size() == 1 ? " active session" : " active sessions"), "sessions", list));
    }

    private void revokeSession(Context ctx) {
        AuthenticatedUser user = bearer(ctx);
        String id = ctx.pathParam("id");
        if (id.length() > 64 || !auth.revokeSession(user.userId(), id)) {
            throw new HttpError(404, "NOT_FOUND", "no active session of yours has this id");
        }
        if (id.equals(user.sessionId())) {
            clearCookie(ctx);
        }
        ctx.status(204);
    }

    private void logOutEverywhere(Context ctx) {
        AuthenticatedUser user = bearer(ctx);
        auth.logOutEverywhere(user.userId());
        clearCookie(ctx);
        ctx.status(204);
    }

    private void jwks(Context ctx) {
        ctx.header("Cache-Control", "public, max-age=300");
        ctx.contentType("application/json").result(auth.jwks());
    }

    /** Verifies {@code Authorization: Bearer <access token>}. */
    AuthenticatedUser bearer(Context ctx) {
        ctx.attribute(ErrorAnswers.BEARER_ROUTE, Boolean.TRUE);
        return BearerAuthorization.authenticate(auth, ctx.req());
    }

    // ------------------------------------------------------------------ requests and responses

    private void securityHeaders(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        if (ctx.path().startsWith("/api/")) {
            ctx.header("Cache-Control", "no-store");
        }
    }

    /**
     * Refuses every way of asking for another method than the request line's: a GET or POST
     * must never act as a DELETE, whatever a proxy or framework in front of the server does
     * with these headers.
     */
    private static void refuseMethodOverride(Context ctx) {
        if (METHOD_OVERRIDE_HEADERS.stream().anyMatch(header -> ctx.header(header) != null)
                || ctx.queryParamMap().containsKey("_method")) {
            throw new HttpError(400, "BAD_REQUEST", "method override is not supported: send the method itself");
        }
    }

    /**
     * Reads the body as a JSON object: null when there is none. Refuses a body over
     * {@link #MAX_BODY_BYTES} (413), one that is not {@code application/json}, not JSON, or
     * not an object (400). Error messages never quote the body.
     */
    ObjectNode jsonBody(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > MAX_BODY_BYTES) {
            throw new HttpError(413, "PAYLOAD_TOO_LARGE", ErrorAnswers.messageOf(413));
        }
        byte[] bytes;
        try (InputStream in = ctx.req().getInputStream()) {
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        } catch (IOException e) {
            throw new HttpError(400, "BAD_REQUEST", "the body could not be read");
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new HttpError(413, "PAYLOAD_TOO_LARGE", ErrorAnswers.messageOf(413));
        }
        if (bytes.length == 0) {
            return null;
        }
        if (!CsrfRule.isJson(ctx.contentType())) {
            throw new HttpError(400, "BAD_REQUEST", "Content-Type must be application/json");
        }
        JsonNode node;
        try {
            node = mapper.readTree(bytes);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw new HttpError(400, "BAD_REQUEST", "the body is not valid JSON" + where);
        } catch (IOException e) {
            throw new HttpError(400, "BAD_REQUEST", "the body could not be read");
        }
        if (node == null || node.isMissingNode()) {
            return null;
        }
        if (!node.isObject()) {
            throw new HttpError(400, "BAD_REQUEST", "the body must be a JSON object");
        }
        return (ObjectNode) node;
    }

    /** Reads string fields of a JSON body, collecting a violation for each one of another type. */
    static final class Fields {
        private final ObjectNode node;
        private final List<FieldViolation> violations = new ArrayList<>();

        Fields(ObjectNode node) {
            this.node = node;
        }

        String string(String name) {
            JsonNode value = node == null ? null : node.get(name);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isTextual()) {
                violations.add(new FieldViolation(name, "must be a string"));
                return null;
            }
            return value.textValue();
        }

        /** @return the violations so far, a copy */
        List<FieldViolation> violations() {
            return List.copyOf(violations);
        }

        void check() {
            if (!violations.isEmpty()) {
                throw AuthException.invalidRequest(violations);
            }
        }
    }

    static ClientInfo client(Context ctx) {
        return new ClientInfo(ctx.ip(), ctx.header("User-Agent"));
    }

    /** Clears the refresh cookie: its session is over. */
    void clearCookie(Context ctx) {
        WardCookies.add(ctx.res(), cookies.clearRefresh());
    }

    static Map<String, Object> ok(String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", false);
        body.put("message", message);
        return body;
    }

    static Map<String, Object> ok(String message, String key, Object value) {
        Map<String, Object> body = ok(message);
        body.put(key, value);
        return body;
    }

    static Map<String, Object> user(UserAccount account) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", account.id());
        user.put("userName", account.userName());
        user.put("email", account.email());
        user.put("roles", account.roles());
        user.put("emailVerified", account.emailVerified());
        return user;
    }

    private static Map<String, Object> tokens(String message, TokenPair pair, boolean withRefreshToken) {
        Map<String, Object> body = ok(message);
        body.put("accessToken", pair.accessToken());
        if (withRefreshToken) {
            body.put("refreshToken", pair.refreshToken());
        }
        body.put("accessTokenExpiresAt", pair.accessTokenExpiresAt().toString());
        body.put("refreshTokenExpiresAt", pair.refreshTokenExpiresAt().toString());
        return body;
    }
}
