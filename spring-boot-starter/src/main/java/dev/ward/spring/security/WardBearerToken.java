package dev.ward.spring.security;

import java.io.Serial;
import java.util.List;
import java.util.Objects;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * A bearer access token not yet verified, as {@link WardAuthenticationProvider} takes it. Its
 * {@code toString()} never shows the token.
 */
public final class WardBearerToken extends AbstractAuthenticationToken {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The access token, not yet verified. */
    private final String token;

    /**
     * Wraps a token.
     *
     * @param token the access token
     * @throws NullPointerException if {@code token} is null
     */
    public WardBearerToken(String token) {
        super(List.of());
        this.token = Objects.requireNonNull(token, "token");
    }

    /** @return the access token */
    @Override
    public String getCredentials() {
        return token;
    }

    /** @return null: unknown until verified */
    @Override
    public Object getPrincipal() {
        return null;
    }

    /** @return a text without the token */
    @Override
    public String toString() {
        return "WardBearerToken[(hidden)]";
    }
}
