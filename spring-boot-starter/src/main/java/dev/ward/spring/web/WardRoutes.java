package dev.ward.spring.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.PathContainer;
import org.springframework.util.MultiValueMap;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The route table of Ward's API under a base path, and what every route shares: the security
 * headers ({@code Cache-Control: no-store} under the base path), the refusal of method-override
 * headers and {@code _method} (400), the error answers, and a JSON 404 for an unknown path under
 * the base path or a 405 for a known path with another method.
 */
final class WardRoutes {

    /** Headers some frameworks read as the "real" method of a GET or POST; all are refused. */
    static final List<String> METHOD_OVERRIDE_HEADERS =
            List.of("X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override");
    /** The public keys, at the well-known path, outside the base path. */
    static final String JWKS_PATH = "/.well-known/jwks.json";

    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    private record Route(HttpMethod method, PathPattern pattern, HandlerFunction<ServerResponse> handler) {
    }

    private final String basePath;
    private final ErrorAnswers errors;
    private final List<Route> routes = new ArrayList<>();

    WardRoutes(String basePath, SessionEndpoints sessions, AccountEndpoints accounts, ErrorAnswers errors) {
        this.basePath = basePath;
        this.errors = errors;
        add(HttpMethod.POST, "/signUp", sessions::signUp);
        add(HttpMethod.POST, "/logIn", sessions::logIn);
        add(HttpMethod.POST, "/refreshToken", sessions::refresh);
        add(HttpMethod.DELETE, "/refreshToken", sessions::logOut);
        add(HttpMethod.GET, "/me", sessions::me);
        add(HttpMethod.GET, "/admin", sessions::admin);
        add(HttpMethod.GET, "/sessions", sessions::sessions);
        add(HttpMethod.DELETE, "/sessions/{id}", sessions::revokeSession);
        add(HttpMethod.DELETE, "/sessions", sessions::logOutEverywhere);
        add(HttpMethod.POST, "/verifyEmail", accounts::verifyEmail);
        add(HttpMethod.POST, "/verifyEmail/resend", accounts::resendVerification);
        add(HttpMethod.POST, "/password/forgot", accounts::forgotPassword);
        add(HttpMethod.POST, "/password/reset", accounts::resetPassword);
        add(HttpMethod.POST, "/email/change", accounts::changeEmail);
        add(HttpMethod.POST, "/email/confirm", accounts::confirmEmail);
        add(HttpMethod.POST, "/logInLink", accounts::requestLogInLink);
        add(HttpMethod.POST, "/logInLink/confirm", accounts::logInWithLink);
        add(HttpMethod.DELETE, "/me", accounts::deleteAccount);
        add(HttpMethod.POST, "/admin/users/{id}/disable", accounts::disable);
        add(HttpMethod.POST, "/admin/users/{id}/enable", accounts::enable);
        routes.add(new Route(HttpMethod.GET, PathPatternParser.defaultInstance.parse(JWKS_PATH), sessions::jwks));
    }

    private void add(HttpMethod method, String path, HandlerFunction<ServerResponse> handler) {
        routes.add(new Route(method, PathPatternParser.defaultInstance.parse(basePath + path), handler));
    }

    /** The router function: every route, then the 404/405 answer for the rest of the base path. */
    RouterFunction<ServerResponse> routerFunction() {
        RouterFunctions.Builder builder = RouterFunctions.route();
        for (Route route : routes) {
            builder.route(RequestPredicates.method(route.method())
                    .and(RequestPredicates.path(route.pattern().getPatternString())), route.handler());
        }
        builder.route(RequestPredicates.path(basePath + "/**"), this::unknown);
        builder.filter((request, next) -> {
            // Filters run outside the error handlers (onError): answer this refusal here.
            ServerResponse response = methodOverride(request.servletRequest())
                    ? errors.answer(new WebError(400, "BAD_REQUEST",
                            "method override is not supported: send the method itself"), request)
                    : next.handle(request);
            return new SecurityHeaders(response);
        });
        builder.onError(Throwable.class, errors::answer);
        return builder.build();
    }

    /** No route matched a path under the base path: 405 if another method's route has this path, else 404. */
    private ServerResponse unknown(ServerRequest request) {
        PathContainer path = request.requestPath().pathWithinApplication();
        boolean known = routes.stream().anyMatch(route -> route.pattern().matches(path));
        return errors.status(known ? 405 : 404);
    }

    /** An answer with the security headers, set before the answer's own (which may replace Cache-Control). */
    private record SecurityHeaders(ServerResponse delegate) implements ServerResponse {

        @Override
        public HttpStatusCode statusCode() {
            return delegate.statusCode();
        }

        @Override
        public HttpHeaders headers() {
            return delegate.headers();
        }

        @Override
        public MultiValueMap<String, Cookie> cookies() {
            return delegate.cookies();
        }

        @Override
        public ModelAndView writeTo(HttpServletRequest request, HttpServletResponse response, Context context)
                throws ServletException, IOException {
            securityHeaders(request, response);
            return delegate.writeTo(request, response, context);
        }
    }

    private static void securityHeaders(HttpServletRequest request, HttpServletResponse response) {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        if (!JWKS_PATH.equals(request.getRequestURI())) {
            response.setHeader("Cache-Control", "no-store");
        }
    }

    /**
     * Whether the request asks for another method than its request line's, by a header or a
     * {@code _method} query parameter: a GET or POST must never act as a DELETE, whatever a proxy
     * or framework in front does with these. The query string is read by hand, so that a form body
     * is never parsed.
     */
    static boolean methodOverride(HttpServletRequest request) {
        if (METHOD_OVERRIDE_HEADERS.stream().anyMatch(header -> request.getHeader(header) != null)) {
            return true;
        }
        String query = request.getQueryString();
        if (query == null) {
            return false;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            try {
                if (URLDecoder.decode(name, StandardCharsets.UTF_8).equals("_method")) {
                    return true;
                }
            } catch (IllegalArgumentException e) {
                // A malformed escape is not the name _method.
            }
        }
        return false;
    }
}
