package dev.ward.spring.web;

import java.io.Serial;

/**
 * A failure of an HTTP request that is not Ward's to judge (a body that is not JSON, too large,
 * an unknown session id), answered with a status, a stable code and a message for the client.
 * Carries no stack trace: these are expected outcomes.
 */
final class WebError extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    WebError(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }
}
