package dev.ward.examples.springboot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's own error answers in the API's JSON shape, as the example server's Jetty error
 * handler gives them: a request Tomcat refuses before any servlet sees it (a malformed request
 * line or header, an encoded NUL in the path) gets {@code {"error": true, "code": ..., "message":
 * ...}}, never Tomcat's HTML page. The message is fixed per status and never quotes the request.
 */
public final class JsonErrorReportValve extends ErrorReportValve {

    /** Creates the valve; Tomcat may create it by its class name. */
    public JsonErrorReportValve() {
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        byte[] body = ("{\"error\":true,\"code\":\"" + codeOf(status) + "\",\"message\":\"" + messageOf(status)
                + "\"}").getBytes(StandardCharsets.UTF_8);
        try {
            response.setContentType("application/json");
            response.setHeader("Cache-Control", "no-store");
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the answer is under way: nothing more to say.
        }
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

    static String messageOf(int status) {
        return switch (status) {
            case 404 -> "not found";
            case 405 -> "method not allowed";
            case 413 -> "the body is too large";
            case 431 -> "the request headers are too large";
            case 505 -> "HTTP version not supported";
            default -> status >= 500 ? "internal server error" : "bad request";
        };
    }
}
