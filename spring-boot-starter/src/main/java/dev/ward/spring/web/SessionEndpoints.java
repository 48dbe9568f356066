package dev.ward.spring.web;

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
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import tools.jackson.databind.node.ObjectNode;

/**
 * The tutorial's four routes (sign-up, log-in, refresh, log-out) and those it lacked (who am I,
 * admin, sessions, JWKS), with the example server's rules: the refresh token in the body for API
 * clients and in the HttpOnly cookie for browsers ({@code X-Ward-Token-Transport: cookie} keeps it
 * out of every body), the CSRF rule for the cookie, the device cookie on every log-in.
 */
final class SessionEndpoints {

    private final AuthManager auth;
    private final Clock clock;
    private final WardCookies cookies;
    private final RequestBodies bodies;
    private final JsonAnswers json;
    private final CallTimer timer;

    SessionEndpoints(AuthManager auth, Clock clock, WardCookies cookies, RequestBodies bodies, JsonAnswers json,
                     CallTimer timer) {
        this.auth = auth;
        this.timer = timer;
        this.clock = clock;
        this.cookies = cookies;
        this.bodies = bodies;
        this.json = json;
    }

    ServerResponse signUp(ServerRequest request) {
        RequestBodies.Fields body = new RequestBodies.Fields(bodies.read(request.servletRequest()));
        String userName = body.string("userName");
        String email = body.string("email");
        String password = body.string("password");
        body.check();
        UserAccount account = auth.signUp(new SignUpRequest(userName, email, password));
        return json.json(201, JsonAnswers.ok("account created", "user", JsonAnswers.user(account)));
    }

    ServerResponse logIn(ServerRequest request) {
        HttpServletRequest servlet = request.servletRequest();
        RequestBodies.Fields body = new RequestBodies.Fields(bodies.read(servlet));
        String email = body.string("email");
        String password = body.string("password");
        body.check();
        boolean cookieOnly = cookieOnly(servlet);
        LogInRequest logIn = new LogInRequest(email, password, client(servlet), cookie(servlet, WardCookies.DEVICE));
        TokenPair pair = timer.logIn(() -> auth.logIn(logIn));
        return loggedIn(pair, cookieOnly);
    }

    /**
     * Answers a successful log-in, by password or by link: the refresh cookie, the device cookie
     * when there is a device token, and the token pair (the refresh token in the body only unless
     * {@code cookieOnly}).
     */
    ServerResponse loggedIn(TokenPair pair, boolean cookieOnly) {
        List<String> setCookies = new ArrayList<>();
        setCookies.add(cookies.refresh(pair.refreshToken(), pair.refreshTokenExpiresAt(), clock.instant()));
        if (pair.deviceToken() != null) {
            // Never in the body: the device token lives in its own HttpOnly cookie, sent to the log-in only.
            setCookies.add(cookies.device(pair.deviceToken(), pair.deviceTokenExpiresAt(), clock.instant()));
        }
        return json.json(200, JsonAnswers.tokens("logged in", pair, !cookieOnly), setCookies);
    }

    /** Reads {@value CsrfRule#TOKEN_TRANSPORT}: true for {@code cookie}; any value but cookie or body is a 400. */
    static boolean cookieOnly(HttpServletRequest request) {
        try {
            return CsrfRule.cookieOnly(request.getHeader(CsrfRule.TOKEN_TRANSPORT));
        } catch (IllegalArgumentException e) {
            throw new WebError(400, "BAD_REQUEST", e.getMessage());
        }
    }

    ServerResponse refresh(ServerRequest request) {
        HttpServletRequest servlet = request.servletRequest();
        Presented presented = presentedRefreshToken(servlet);
        TokenPair pair;
        try {
            pair = timer.refresh(() -> auth.refresh(presented.token(), client(servlet)));
        } catch (AuthException e) {
            if (presented.fromCookie() && e.httpStatus() == 401) {
                // The cookie's session is over: do not send it again.
                servletResponseCookie(request, cookies.clearRefresh());
            }
            throw e;
        }
        // A browser that uses the HttpOnly cookie gets the new refresh token only in the cookie,
        // so that the page's JavaScript never sees it.
        return json.json(200, JsonAnswers.tokens("access token refreshed", pair, !presented.fromCookie()),
                List.of(cookies.refresh(pair.refreshToken(), pair.refreshTokenExpiresAt(), clock.instant())));
    }

    ServerResponse logOut(ServerRequest request) {
        Presented presented = presentedRefreshToken(request.servletRequest());
        auth.logOut(presented.token());
        return json.json(200, JsonAnswers.ok("logged out"), List.of(cookies.clearRefresh()));
    }

    private record Presented(String token, boolean fromCookie) {
    }

    /** The refresh token from the body's {@code refreshToken}, or else from the cookie (with the CSRF rule). */
    private Presented presentedRefreshToken(HttpServletRequest request) {
        ObjectNode node = bodies.read(request);
        RequestBodies.Fields body = new RequestBodies.Fields(node);
        String fromBody = body.string(WardCookies.REFRESH);
        body.check();
        if (fromBody != null && !fromBody.isBlank()) {
            return new Presented(fromBody, false);
        }
        String fromCookie = cookie(request, WardCookies.REFRESH);
        if (fromCookie == null) {
            throw AuthException.invalidRequest(List.of(new FieldViolation(WardCookies.REFRESH,
                    "must be given in the JSON body or in the refreshToken cookie")));
        }
        if (!CsrfRule.allowsCookieUse(request)) {
            throw new WebError(403, CsrfRule.FAILURE_CODE, CsrfRule.FAILURE_MESSAGE);
        }
        return new Presented(fromCookie, true);
    }

    ServerResponse me(ServerRequest request) {
        AuthenticatedUser user = bearer(request);
        UserAccount account = auth.findUser(user.userId()).orElseThrow(
                () -> new AuthException(AuthError.INVALID_TOKEN, "the user of this access token no longer exists"));
        Map<String, Object> body = JsonAnswers.ok("ok");
        body.putAll(JsonAnswers.user(account));
        return json.json(200, body);
    }

    ServerResponse admin(ServerRequest request) {
        AuthenticatedUser user = bearer(request).requireAnyRole(AccountEndpoints.ADMIN_ROLES);
        return json.json(200, JsonAnswers.ok("welcome, admin", "roles", user.roles()));
    }

    ServerResponse sessions(ServerRequest request) {
        AuthenticatedUser user = bearer(request);
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
        return json.json(200, JsonAnswers.ok(list.size() + (list.size() == 1 ? " active session" : " active sessions"),
                "sessions", list));
    }

    ServerResponse revokeSession(ServerRequest request) {
        AuthenticatedUser user = bearer(request);
        String id = request.pathVariable("id");
        if (id.length() > 64 || !auth.revokeSession(user.userId(), id)) {
            throw new WebError(404, "NOT_FOUND", "no active session of yours has this id");
        }
        return JsonAnswers.noContent(id.equals(user.sessionId()) ? List.of(cookies.clearRefresh()) : List.of());
    }

    ServerResponse logOutEverywhere(ServerRequest request) {
        AuthenticatedUser user = bearer(request);
        auth.logOutEverywhere(user.userId());
        return JsonAnswers.noContent(List.of(cookies.clearRefresh()));
    }

    ServerResponse jwks(ServerRequest request) {
        byte[] keys = auth.jwks().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return ServerResponse.ok().build((req, response) -> {
            response.setHeader("Cache-Control", "public, max-age=300");
            JsonAnswers.write(response, "application/json", keys);
            return null;
        });
    }

    /** The timer of log-in calls, for the log-in by link. */
    CallTimer timer() {
        return timer;
    }

    /** Verifies {@code Authorization: Bearer <access token>}; a refusal's 401 carries the challenge. */
    AuthenticatedUser bearer(ServerRequest request) {
        HttpServletRequest servlet = request.servletRequest();
        servlet.setAttribute(ErrorAnswers.BEARER_ROUTE, Boolean.TRUE);
        return BearerAuthorization.authenticate(auth, servlet);
    }

    /** A Set-Cookie header on a request that ends in an error answer (which keeps headers set before it). */
    static void servletResponseCookie(ServerRequest request, String setCookie) {
        request.attributes().put(PENDING_COOKIE, setCookie);
    }

    /** A request attribute: a Set-Cookie value an error answer must carry. */
    static final String PENDING_COOKIE = SessionEndpoints.class.getName() + ".pendingCookie";

    /**
     * A cookie's value, or null. A value in double quotes (RFC 6265's quoted form, which an
     * RFC 2965 client such as java.net.CookieManager sends) loses them: Ward's tokens never hold one.
     */
    static String cookie(HttpServletRequest request, String name) {
        String value = WardCookies.read(request, name).orElse(null);
        if (value != null && value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        return value == null || value.isBlank() ? null : value;
    }

    static ClientInfo client(HttpServletRequest request) {
        return new ClientInfo(request.getRemoteAddr(), request.getHeader("User-Agent"));
    }
}
