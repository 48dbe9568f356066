package dev.ward.servlet;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;

/** A request that {@link WardAuthenticationFilter} authenticated: Ward's user is the container's user. */
final class AuthenticatedRequest extends HttpServletRequestWrapper {

    private final WardPrincipal principal;

    AuthenticatedRequest(HttpServletRequest request, WardPrincipal principal) {
        super(request);
        this.principal = principal;
    }

    @Override
    public Principal getUserPrincipal() {
        return principal;
    }

    @Override
    public String getRemoteUser() {
        return principal.getName();
    }

    @Override
    public boolean isUserInRole(String role) {
        return role != null && principal.user().hasRole(role);
    }

    @Override
    public String getAuthType() {
        return WardAuthenticationFilter.AUTH_TYPE;
    }
}
