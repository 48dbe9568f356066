package dev.ward.spring.security;

import dev.ward.AuthException;
import dev.ward.AuthManager;
import java.util.Objects;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;

/**
 * Verifies a {@link WardBearerToken} with {@link AuthManager#authenticate(String)} and answers a
 * {@link WardAuthentication}; a refused token is a {@link WardAuthenticationException}. A store
 * failure (with strict sessions) is a {@link dev.ward.store.StoreException}, never a refusal.
 */
public final class WardAuthenticationProvider implements AuthenticationProvider {

    private final AuthManager auth;

    /**
     * Creates the provider.
     *
     * @param auth the manager
     * @throws NullPointerException if {@code auth} is null
     */
    public WardAuthenticationProvider(AuthManager auth) {
        this.auth = Objects.requireNonNull(auth, "auth");
    }

    /**
     * Verifies the token.
     *
     * @param authentication a {@link WardBearerToken}
     * @return the authenticated user
     * @throws WardAuthenticationException if Ward refuses the token
     */
    @Override
    public Authentication authenticate(Authentication authentication) {
        String token = ((WardBearerToken) authentication).getCredentials();
        try {
            return new WardAuthentication(auth.authenticate(token));
        } catch (AuthException e) {
            throw new WardAuthenticationException(e);
        }
    }

    /** @return whether the type is {@link WardBearerToken} */
    @Override
    public boolean supports(Class<?> authentication) {
        return WardBearerToken.class.isAssignableFrom(authentication);
    }
}
