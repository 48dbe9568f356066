package dev.ward.spring.security;

import dev.ward.AuthException;
import java.io.Serial;
import org.springframework.security.core.AuthenticationException;

/** A refused bearer token, as Spring Security sees it, carrying Ward's {@link AuthException}. */
public final class WardAuthenticationException extends AuthenticationException {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The refusal; transient, as the exception types of Spring Security treat their causes. */
    private final transient AuthException failure;

    /**
     * Wraps a refusal.
     *
     * @param failure Ward's refusal
     */
    public WardAuthenticationException(AuthException failure) {
        super(failure.getMessage(), failure);
        this.failure = failure;
    }

    /** @return Ward's refusal, with its stable code */
    public AuthException failure() {
        return failure;
    }
}
