package dev.ward;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Who a verified access token speaks for: the result of {@link AuthManager#authenticate(String)}
 * and {@link AccessTokenVerifier#verify(String)}.
 *
 * @param userId the user's id ({@code sub})
 * @param roles the user's roles when the token was issued ({@code roles})
 * @param sessionId the session the token belongs to ({@code sid})
 * @param issuedAt when the token was issued ({@code iat})
 * @param expiresAt when the token expires ({@code exp})
 * @param tokenId the token's id ({@code jti}), or null when the issuer set none
 */
public record AuthenticatedUser(String userId, Set<String> roles, String sessionId, Instant issuedAt,
                                Instant expiresAt, String tokenId) {

    /**
     * Checks the components and copies the roles.
     *
     * @param userId as described for the record
     * @param roles as described for the record
     * @param sessionId as described for the record
     * @param issuedAt as described for the record
     * @param expiresAt as described for the record
     * @param tokenId as described for the record
     * @throws NullPointerException if a component other than {@code tokenId} is null
     */
    public AuthenticatedUser {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        roles = Collections.unmodifiableSet(new LinkedHashSet<>(Objects.requireNonNull(roles, "roles")));
    }

    /**
     * Tells whether the user has a role.
     *
     * @param role the role, compared exactly
     * @return true when the token carries it
     */
    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /**
     * Tells whether the user has at least one of some roles.
     *
     * @param anyOf the roles
     * @return true when the token carries one of them; false for none given
     */
    public boolean hasAnyRole(String... anyOf) {
        for (String role : anyOf) {
            if (roles.contains(role)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Requires at least one of some roles, for role-based routes.
     *
     * @param anyOf the roles
     * @return this user, for chaining
     * @throws AuthException {@link AuthError#FORBIDDEN} when the user has none of them
     */
    public AuthenticatedUser requireAnyRole(String... anyOf) {
        if (!hasAnyRole(anyOf)) {
            throw new AuthException(AuthError.FORBIDDEN, "this needs one of the roles " + String.join(", ", anyOf));
        }
        return this;
    }
}
