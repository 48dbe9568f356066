package dev.ward.spring.web;

import dev.ward.AuthException;
import dev.ward.FieldViolation;
import dev.ward.servlet.BearerAuthorization;
import dev.ward.store.StoreException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Every failure of the endpoints answered in one shape: Ward's {@link AuthException}s with their
 * status, the endpoints' own {@link WebError}s, store failures as 503 with {@code Retry-After},
 * and anything unexpected as 500. The shape is the example server's
 * {@code {"error": true, "code", "message", "details"?}}, or with {@code ward.web.problem-details}
 * an RFC 9457 problem ({@code application/problem+json}: {@code type}, {@code title},
 * {@code status}, {@code detail}, plus {@code code} and {@code errors}). Messages never quote
 * the request; logs name a store failure's causes by type only.
 */
final class ErrorAnswers {

    /** A request attribute set by bearer-protected routes, so that their 401 says {@code WWW-Authenticate}. */
    static final String BEARER_ROUTE = ErrorAnswers.class.getName() + ".bearerRoute";

    private static final Logger LOG = LoggerFactory.getLogger(ErrorAnswers.class);

    private final JsonAnswers json;
    private final boolean problemDetails;

    ErrorAnswers(JsonAnswers json, boolean problemDetails) {
        this.json = json;
        this.problemDetails = problemDetails;
    }

    /** The answer to a failure of a route. */
    ServerResponse answer(Throwable failure, ServerRequest request) {
        HttpServletRequest servlet = request.servletRequest();
        if (failure instanceof AuthException e) {
            Map<String, String> headers = new LinkedHashMap<>();
            e.retryAfter().ifPresent(wait -> headers.put("Retry-After", Long.toString(wait.toSeconds())));
            if (e.httpStatus() == 401 && Boolean.TRUE.equals(servlet.getAttribute(BEARER_ROUTE))) {
                headers.put(BearerAuthorization.CHALLENGE_HEADER, BearerAuthorization.challenge(
                        BearerAuthorization.DEFAULT_REALM, servlet.getHeader(BearerAuthorization.HEADER) != null, e));
            }
            if (servlet.getAttribute(SessionEndpoints.PENDING_COOKIE) instanceof String cookie) {
                headers.put("Set-Cookie", cookie);
            }
            return error(e.httpStatus(), e.error().name(), e.getMessage(), e.violations(), headers);
        }
        if (failure instanceof WebError e) {
            return error(e.status(), e.code(), e.getMessage(), List.of(), Map.of());
        }
        if (failure instanceof StoreException e) {
            // The store's own message is written without secrets; a driver's message may quote
            // stored values, so only its type is logged.
            StringBuilder causes = new StringBuilder();
            for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
                causes.append(" <- ").append(c.getClass().getName());
                if (c instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                    causes.append(" (SQLState ").append(sql.getSQLState()).append(')');
                }
            }
            LOG.error("store failure on {} {}: {}{}", servlet.getMethod(), servlet.getRequestURI(), e.getMessage(), causes);
            return error(503, "SERVICE_UNAVAILABLE", "the service is unavailable for a moment: try again", List.of(),
                    Map.of("Retry-After", "5"));
        }
        LOG.error("unexpected failure on {} {}", servlet.getMethod(), servlet.getRequestURI(), failure);
        return error(500, "INTERNAL_ERROR", "internal server error", List.of(), Map.of());
    }

    /** An error answer with only a status: the code and message are fixed per status. */
    ServerResponse status(int status) {
        return error(status, codeOf(status), messageOf(status), List.of(), Map.of());
    }

    private ServerResponse error(int status, String code, String message, List<FieldViolation> violations,
                                 Map<String, String> headers) {
        byte[] bytes = json.bytes(problemDetails ? problem(status, code, message, violations)
                : body(code, message, violations));
        String contentType = problemDetails ? "application/problem+json" : "application/json";
        return ServerResponse.status(HttpStatusCode.valueOf(status)).build((request, response) -> {
            headers.forEach(response::setHeader);
            response.setHeader("Cache-Control", "no-store");
            JsonAnswers.write(response, contentType, bytes);
            if (status == 413) {
                // Answer before the unread body: the container may wait for the rest of it.
                response.flushBuffer();
            }
            return null;
        });
    }

    private static Map<String, Object> body(String code, String message, List<FieldViolation> violations) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", true);
        body.put("code", code);
        body.put("message", message);
        if (!violations.isEmpty()) {
            body.put("details", details(violations));
        }
        return body;
    }

    private static Map<String, Object> problem(int status, String code, String message,
                                               List<FieldViolation> violations) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        HttpStatus known = HttpStatus.resolve(status);
        body.put("title", known == null ? "HTTP " + status : known.getReasonPhrase());
        body.put("status", status);
        body.put("detail", message);
        body.put("code", code);
        body.put("errors", details(violations));
        return body;
    }

    private static List<Map<String, String>> details(List<FieldViolation> violations) {
        List<Map<String, String>> details = new ArrayList<>();
        for (FieldViolation v : violations) {
            Map<String, String> detail = new LinkedHashMap<>();
            detail.put("field", v.field());
            detail.put("message", v.message());
            details.add(detail);
        }
        return details;
    }

    /** The message of an error answered with only a status: it never quotes the request. */
    static String messageOf(int status) {
        return switch (status) {
            case 404 -> "not found";
            case 405 -> "method not allowed";
            case 413 -> "the body is larger than " + RequestBodies.MAX_BODY_BYTES / 1024 + " KiB";
            default -> status >= 500 ? "internal server error" : "bad request";
        };
    }

    static String codeOf(int status) {
        return switch (status) {
            case 400 -> "BAD_REQUEST";
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 413 -> "PAYLOAD_TOO_LARGE";
            default -> status >= 500 ? "INTERNAL_ERROR" : "HTTP_" + status;
        };
    }
}
