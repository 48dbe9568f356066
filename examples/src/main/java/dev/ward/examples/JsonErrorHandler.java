package dev.ward.examples;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error answers in the API's JSON shape: a request Jetty refuses before any route
 * sees it (a malformed request line or header: 400; headers too large: 431; an unknown HTTP
 * version: 505; and errors Jetty generates itself) gets
 * {@code {"error": true, "code": ..., "message": ...}}, never Jetty's HTML page. The message is
 * fixed per status and never quotes the request.
 */
final class JsonErrorHandler extends ErrorHandler {

    private static final HttpField JSON = new HttpField(HttpHeader.CONTENT_TYPE, "application/json");
    private static final HttpField NO_STORE = new HttpField(HttpHeader.CACHE_CONTROL, "no-store");

    /**
     * Answers an error Jetty raised itself, a request its parser refused included (Jetty 12 hands
     * those to the server's error handler too).
     */
    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        response.getHeaders().put(JSON);
        response.getHeaders().put(NO_STORE);
        response.write(true, ByteBuffer.wrap(body(code)), callback);
    }

    static byte[] body(int status) {
        return ("{\"error\":true,\"code\":\"" + ErrorAnswers.codeOf(status) + "\",\"message\":\"" + ErrorAnswers.messageOf(status)
                + "\"}").getBytes(StandardCharsets.UTF_8);
    }
}
