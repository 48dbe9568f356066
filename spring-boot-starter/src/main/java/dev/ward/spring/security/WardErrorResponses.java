package dev.ward.spring.security;

import dev.ward.AuthError;
import dev.ward.AuthException;
import dev.ward.servlet.BearerAuthorization;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;

/**
 * The 401 and 403 answers of bearer-protected routes, in the example server's shape: the RFC
 * 6750 challenge from {@link BearerAuthorization#challenge} and the JSON body
 * {@code {"error":true,"code":...,"message":...}}. Messages are Ward's own; none quotes the request.
 */
public final class WardErrorResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

    /** The request attribute under which the filter leaves the refusal of a sent token. */
    public static final String FAILURE_ATTRIBUTE = WardErrorResponses.class.getName() + ".failure";

    private final String realm;

    /**
     * Creates the answers for a realm.
     *
     * @param realm the realm of the challenge, for example {@link BearerAuthorization#DEFAULT_REALM}
     * @throws IllegalArgumentException if the realm holds a double quote, a backslash or a control character
     */
    public WardErrorResponses(String realm) {
        BearerAuthorization.challenge(realm, false, new AuthException(AuthError.INVALID_TOKEN, "check"));
        this.realm = realm;
    }

    /**
     * Answers 401: the refusal of the sent token if there was one, else "this needs a bearer token".
     *
     * @param request the request
     * @param response the response
     * @param authException Spring Security's reason
     * @throws IOException if the response cannot be written
     */
    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException authException)
            throws IOException {
        AuthException failure;
        if (request.getAttribute(FAILURE_ATTRIBUTE) instanceof AuthException sent) {
            failure = sent;
        } else if (authException instanceof WardAuthenticationException ward) {
            failure = ward.failure();
        } else {
            failure = new AuthException(AuthError.INVALID_TOKEN, "this needs an Authorization: Bearer <access token> header");
        }
        write(request, response, failure);
    }

    /**
     * Answers 403 with {@code error="insufficient_scope"}: the user lacks a role. A refusal by
     * the host's CSRF protection is a 403 without a challenge, since no role would help.
     *
     * @param request the request
     * @param response the response
     * @param denied Spring Security's reason
     * @throws IOException if the response cannot be written
     */
    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        if (denied instanceof CsrfException) {
            // Not a missing role: a request that rides on the host's cookies lacks its CSRF token.
            writeJson(response, 403, AuthError.FORBIDDEN.name(),
                    "this request needs a CSRF token, or an Authorization: Bearer header instead of cookies");
            return;
        }
        write(request, response, new AuthException(AuthError.FORBIDDEN, "this needs a role the user does not have"));
    }

    void write(HttpServletRequest request, HttpServletResponse response, AuthException failure) throws IOException {
        boolean credentialsSent = request.getHeader(BearerAuthorization.HEADER) != null;
        String challenge = BearerAuthorization.challenge(realm, credentialsSent, failure);
        if (challenge != null) {
            response.setHeader(BearerAuthorization.CHALLENGE_HEADER, challenge);
        }
        failure.retryAfter().ifPresent(wait -> response.setHeader("Retry-After", Long.toString(wait.toSeconds())));
        writeJson(response, failure.httpStatus(), failure.error().name(), failure.getMessage());
    }

    static void writeJson(HttpServletResponse response, int status, String code, String message) throws IOException {
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"error\":true,\"code\":" + json(code) + ",\"message\":" + json(message) + "}");
        response.getWriter().flush();
    }

    /** A JSON string literal. */
    static String json(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
