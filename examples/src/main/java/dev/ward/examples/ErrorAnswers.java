package dev.ward.examples;

import dev.ward.AuthException;
import dev.ward.FieldViolation;
import dev.ward.servlet.BearerAuthorization;
import dev.ward.store.StoreException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every failure of the example server answered in one JSON shape, {@code {"error": true, "code",
 * "message", "details"?}}: Ward's {@link AuthException}s with their status, the server's own
 * {@link HttpError}s, store failures as 503, Javalin's status-only answers, and anything
 * unexpected as 500. Messages never quote the request; logs name a store failure's causes by
 * type only.
 */
final class ErrorAnswers {

    /** A request attribute set by bearer-protected routes, so that their 401 says {@code WWW-Authenticate}. */
    static final String BEARER_ROUTE = "ward.bearerRoute";

    private static final Logger LOG = LoggerFactory.getLogger(ErrorAnswers.class);

    private ErrorAnswers() {
    }

    /** Maps every exception and a bare 404 to the JSON shape. */
    static void register(RoutesConfig routes) {
        routes.exception(AuthException.class, ErrorAnswers::onAuthException);
        routes.exception(HttpError.class, (e, ctx) -> error(ctx, e.status(), e.code(), e.getMessage(), List.of()));
        routes.exception(StoreException.class, ErrorAnswers::onStoreException);
        routes.exception(HttpResponseException.class, ErrorAnswers::onJavalinResponse);
        routes.exception(Exception.class, ErrorAnswers::onUnexpected);
        routes.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty() || !isJson(ctx)) {
                error(ctx, 404, "NOT_FOUND", "not found", List.of());
            }
        });
    }

    private static void onAuthException(AuthException e, Context ctx) {
        e.retryAfter().ifPresent(wait -> ctx.header("Retry-After", Long.toString(wait.toSeconds())));
        if (e.httpStatus() == 401 && Boolean.TRUE.equals(ctx.attribute(BEARER_ROUTE))) {
            boolean tokenGiven = ctx.header(BearerAuthorization.HEADER) != null;
            ctx.header(BearerAuthorization.CHALLENGE_HEADER,
                    BearerAuthorization.challenge(BearerAuthorization.DEFAULT_REALM, tokenGiven, e));
        }
        error(ctx, e.httpStatus(), e.error().name(), e.getMessage(), e.violations());
    }

    private static void onStoreException(StoreException e, Context ctx) {
        // The store's own message is written without secrets; a driver's message may quote
        // stored values, so only its type is logged.
        StringBuilder causes = new StringBuilder();
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            causes.append(" <- ").append(c.getClass().getName());
            if (c instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                causes.append(" (SQLState ").append(sql.getSQLState()).append(')');
            }
        }
        LOG.error("store failure on {} {}: {}{}", ctx.method(), ctx.path(), e.getMessage(), causes);
        ctx.header("Retry-After", "5");
        error(ctx, 503, "SERVICE_UNAVAILABLE", "the service is unavailable for a moment: try again", List.of());
    }

    private static void onJavalinResponse(HttpResponseException e, Context ctx) {
        int status = e.getStatus();
        error(ctx, status, codeOf(status), messageOf(status), List.of());
    }

    /** The message of an error the API answers with only a status: it never quotes the request. */
    static String messageOf(int status) {
        return switch (status) {
            case 404 -> "not found";
            case 405 -> "method not allowed";
            case 413 -> "the body is larger than " + HttpApi.MAX_BODY_BYTES / 1024 + " KiB";
            case 431 -> "the request headers are too large";
            case 505 -> "HTTP version not supported";
            default -> status >= 500 ? "internal server error" : "bad request";
        };
    }

    private static void onUnexpected(Exception e, Context ctx) {
        LOG.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
        error(ctx, 500, "INTERNAL_ERROR", "internal server error", List.of());
    }

    static String codeOf(int status) {
        return switch (status) {
            case 400 -> "BAD_REQUEST";
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 413 -> "PAYLOAD_TOO_LARGE";
            case 431 -> "HEADERS_TOO_LARGE";
            case 505 -> "HTTP_VERSION_NOT_SUPPORTED";
            default -> status >= 500 ? "INTERNAL_ERROR" : "HTTP_" + status;
        };
    }

    private static void error(Context ctx, int status, String code, String message, List<FieldViolation> violations) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", true);
        body.put("code", code);
        body.put("message", message);
        if (!violations.isEmpty()) {
            List<Map<String, String>> details = new ArrayList<>();
            for (FieldViolation v : violations) {
                Map<String, String> detail = new LinkedHashMap<>();
                detail.put("field", v.field());
                detail.put("message", v.message());
                details.add(detail);
            }
            body.put("details", details);
        }
        ctx.header("Cache-Control", "no-store");
        ctx.status(status).json(body);
    }

    private static boolean isJson(Context ctx) {
        String type = ctx.res().getContentType();
        return type != null && type.startsWith("application/json");
    }
}
