package dev.ward.spring.security;

import dev.ward.AuthenticatedUser;
import java.io.Serial;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * An authenticated Ward access token: the principal is the {@link AuthenticatedUser}, the
 * authorities are {@code ROLE_<role>} for each of its roles, so that {@code hasRole("admin")}
 * matches Ward's role {@code admin}. It keeps no credentials: the token is not held.
 */
public final class WardAuthentication extends AbstractAuthenticationToken {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The prefix of each role's authority, as Spring Security's {@code hasRole} expects. */
    public static final String ROLE_PREFIX = "ROLE_";

    /** The verified user. */
    private final AuthenticatedUser user;

    /**
     * Creates the authentication of a verified user.
     *
     * @param user the user
     * @throws NullPointerException if {@code user} is null
     */
    public WardAuthentication(AuthenticatedUser user) {
        super(authorities(Objects.requireNonNull(user, "user")));
        this.user = user;
        setAuthenticated(true);
    }

    private static Collection<GrantedAuthority> authorities(AuthenticatedUser user) {
        List<GrantedAuthority> authorities = user.roles().stream().sorted()
                .map(role -> (GrantedAuthority) new SimpleGrantedAuthority(ROLE_PREFIX + role)).toList();
        return authorities;
    }

    /** @return the user */
    @Override
    public AuthenticatedUser getPrincipal() {
        return user;
    }

    /** @return null: the token is not kept */
    @Override
    public Object getCredentials() {
        return null;
    }

    /** @return the user's id */
    @Override
    public String getName() {
        return user.userId();
    }
}
