package dev.ward.servlet;

import dev.ward.AuthenticatedUser;
import java.security.Principal;
import java.util.Objects;

/**
 * The principal of a request that {@link WardAuthenticationFilter} authenticated, as
 * {@link jakarta.servlet.http.HttpServletRequest#getUserPrincipal()} returns it: its name is the
 * user's id, and {@link #user()} carries the rest of what the access token said.
 *
 * <p>{@link #toString()} names the user id and roles only: never the token, its id or the session.
 *
 * @param user the authenticated user
 */
public record WardPrincipal(AuthenticatedUser user) implements Principal {

    /**
     * Checks the user.
     *
     * @param user as described for the record
     * @throws NullPointerException if {@code user} is null
     */
    public WardPrincipal {
        Objects.requireNonNull(user, "user");
    }

    /**
     * Returns the user's id.
     *
     * @return {@link AuthenticatedUser#userId()}
     */
    @Override
    public String getName() {
        return user.userId();
    }

    /**
     * Returns a description without secrets.
     *
     * @return for example {@code WardPrincipal[userId=42, roles=[user]]}
     */
    @Override
    public String toString() {
        return "WardPrincipal[userId=" + user.userId() + ", roles=" + user.roles() + "]";
    }
}
