package dev.ward.servlet;

import dev.ward.AuthError;
import dev.ward.AuthException;
import dev.ward.AuthManager;
import dev.ward.AuthenticatedUser;
import dev.ward.store.StoreException;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A servlet filter that authenticates {@code Authorization: Bearer} access tokens through
 * {@link AuthManager#authenticate(String)}. Immutable and thread-safe: one instance serves every
 * request.
 *
 * <p>On success the request goes down the chain wrapped, so that
 * {@link HttpServletRequest#getUserPrincipal()} is a {@link WardPrincipal} (named by the user's
 * id), {@link HttpServletRequest#isUserInRole(String)} follows Ward's roles,
 * {@link HttpServletRequest#getAuthType()} is {@value #AUTH_TYPE}, and the attribute
 * {@value #USER_ATTRIBUTE} holds the {@link AuthenticatedUser} (see {@link #user(HttpServletRequest)}).
 *
 * <p>Refusals are answered here, in the JSON shape of Ward's HTTP API,
 * {@code {"error":true,"code":"INVALID_TOKEN","message":"..."}}, with {@code Cache-Control: no-store}
 * and the RFC 6750 challenge of {@link BearerAuthorization#challenge(String, boolean, AuthException)}:
 * <ul>
 *   <li>no bearer token: 401, {@code WWW-Authenticate: Bearer realm="ward"} (no error, as RFC 6750
 *       §3.1 asks), unless {@link Builder#requireAuthentication(boolean)} lets such requests through;
 *   <li>a token that is malformed, expired, badly signed or of a revoked session (strict sessions):
 *       401, {@code error="invalid_token"};
 *   <li>an authenticated user without one of the {@link Builder#requireAnyRole(String...) required
 *       roles}: 403 {@code FORBIDDEN}, {@code error="insufficient_scope"};
 *   <li>a refusal that says when to retry: {@code Retry-After} in seconds;
 *   <li>a {@link StoreException} (strict sessions read the token store): 503
 *       {@code SERVICE_UNAVAILABLE} with {@code Retry-After: 5}, logged by type only. A database
 *       outage never logs anyone out.
 * </ul>
 * Other exceptions, and everything the rest of the chain throws, pass through untouched. Neither
 * the answer nor the log ever holds the token.
 *
 * <p>Registered on an embedded Jetty 12 ({@code org.eclipse.jetty.ee10}):
 * <pre>{@code
 * WardAuthenticationFilter filter = WardAuthenticationFilter.builder(auth)
 *         .requireAnyRole("user", "admin")
 *         .build();
 * ServletContextHandler context = new ServletContextHandler();
 * context.addFilter(new FilterHolder(filter), "/api/*", EnumSet.of(DispatcherType.REQUEST));
 *
 * // in a servlet under /api/*:
 * AuthenticatedUser user = WardAuthenticationFilter.user(request).orElseThrow();
 * String userId = request.getUserPrincipal().getName();
 * boolean admin = request.isUserInRole("admin");
 * }</pre>
 */
public final class WardAuthenticationFilter implements Filter {

    /** The request attribute that holds the {@link AuthenticatedUser} of an authenticated request. */
    public static final String USER_ATTRIBUTE = "dev.ward.user";
    /** What {@link HttpServletRequest#getAuthType()} says for an authenticated request. */
    public static final String AUTH_TYPE = "Bearer";

    private static final System.Logger LOG = System.getLogger(WardAuthenticationFilter.class.getName());
    private static final String UNAVAILABLE_MESSAGE = "the service is unavailable for a moment: try again";
    private static final String STORE_RETRY_AFTER_SECONDS = "5";

    private final AuthManager auth;
    private final String realm;
    private final boolean requireAuthentication;
    private final List<String> anyRole;

    private WardAuthenticationFilter(Builder b) {
        this.auth = b.auth;
        this.realm = b.realm;
        this.requireAuthentication = b.requireAuthentication;
        this.anyRole = b.anyRole;
    }

    /**
     * Starts a filter that authenticates through a manager; the defaults: realm
     * {@value BearerAuthorization#DEFAULT_REALM}, authentication required, no role required.
     *
     * @param auth the manager
     * @return a builder
     * @throws NullPointerException if {@code auth} is null
     */
    public static Builder builder(AuthManager auth) {
        return new Builder(Objects.requireNonNull(auth, "auth"));
    }

    /**
     * Returns the user that this filter authenticated for a request.
     *
     * @param request the request, or any request wrapping it
     * @return the user, or empty when the filter did not authenticate the request (not on its path,
     *     or let through anonymous)
     * @throws NullPointerException if {@code request} is null
     */
    public static Optional<AuthenticatedUser> user(HttpServletRequest request) {
        Object user = Objects.requireNonNull(request, "request").getAttribute(USER_ATTRIBUTE);
        return user instanceof AuthenticatedUser u ? Optional.of(u) : Optional.empty();
    }

    /**
     * Authenticates an HTTP request and passes it on, or answers its refusal. A request that is
     * not HTTP passes on untouched.
     *
     * @param request the request
     * @param response the response
     * @param chain the rest of the chain
     * @throws IOException when writing a refusal fails, or as the chain throws it
     * @throws ServletException as the chain throws it
     */
    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest http) || !(response instanceof HttpServletResponse out)) {
            chain.doFilter(request, response);
            return;
        }
        String header = http.getHeader(BearerAuthorization.HEADER);
        if (!requireAuthentication && !isBearer(header)) {
            // Not Ward's credentials (none, or another scheme the host may handle): anonymous.
            chain.doFilter(request, response);
            return;
        }
        AuthenticatedUser user;
        try {
            user = auth.authenticate(BearerAuthorization.token(header));
            if (!anyRole.isEmpty()) {
                user.requireAnyRole(anyRole.toArray(String[]::new));
            }
        } catch (AuthException e) {
            refuse(out, e, header != null);
            return;
        } catch (StoreException e) {
            unavailable(out, e);
            return;
        }
        http.setAttribute(USER_ATTRIBUTE, user);
        chain.doFilter(new AuthenticatedRequest(http, new WardPrincipal(user)), response);
    }

    private static boolean isBearer(String header) {
        return header != null && header.regionMatches(true, 0, "Bearer", 0, 6)
                && (header.length() == 6 || Character.isWhitespace(header.charAt(6)));
    }

    /** Answers a refusal: status, challenge, Retry-After, JSON body. Package-private for its tests. */
    void refuse(HttpServletResponse response, AuthException e, boolean credentialsSent) throws IOException {
        String challenge = BearerAuthorization.challenge(realm, credentialsSent, e);
        if (challenge != null) {
            response.setHeader(BearerAuthorization.CHALLENGE_HEADER, challenge);
        }
        e.retryAfter().ifPresent(wait -> response.setHeader("Retry-After", Long.toString(Math.max(0, wait.toSeconds()))));
        answer(response, e.httpStatus(), e.error().name(), e.getMessage());
    }

    private static void unavailable(HttpServletResponse response, StoreException e) throws IOException {
        // The driver's message may quote stored values: the causes are named by type only.
        StringBuilder causes = new StringBuilder(e.getClass().getName());
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            causes.append(" <- ").append(c.getClass().getName());
        }
        LOG.log(System.Logger.Level.ERROR, "store failure while authenticating a bearer token: {0}", causes);
        response.setHeader("Retry-After", STORE_RETRY_AFTER_SECONDS);
        answer(response, 503, "SERVICE_UNAVAILABLE", UNAVAILABLE_MESSAGE);
    }

    private static void answer(HttpServletResponse response, int status, String code, String message) throws IOException {
        byte[] body = JsonText.error(code, message).getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/json;charset=UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /**
     * Describes the filter's configuration.
     *
     * @return for example {@code WardAuthenticationFilter[realm=ward, requireAuthentication=true, anyRole=[admin]]}
     */
    @Override
    public String toString() {
        return "WardAuthenticationFilter[realm=" + realm + ", requireAuthentication=" + requireAuthentication
                + ", anyRole=" + anyRole + "]";
    }

    /**
     * Builds a {@link WardAuthenticationFilter}. Each option may be set once; not thread-safe.
     */
    public static final class Builder {

        private static final AuthException REALM_PROBE = new AuthException(AuthError.INVALID_TOKEN, "probe");

        private final AuthManager auth;
        private String realm = BearerAuthorization.DEFAULT_REALM;
        private boolean requireAuthentication = true;
        private List<String> anyRole = List.of();
        private boolean realmSet;
        private boolean requireAuthenticationSet;
        private boolean anyRoleSet;

        private Builder(AuthManager auth) {
            this.auth = auth;
        }

        /**
         * Sets the realm the challenge names; default {@value BearerAuthorization#DEFAULT_REALM}.
         *
         * @param realm the realm
         * @return this builder
         * @throws IllegalArgumentException if {@code realm} holds a double quote, a backslash or a
         *     control character
         * @throws IllegalStateException if the realm was already set
         * @throws NullPointerException if {@code realm} is null
         */
        public Builder realm(String realm) {
            Objects.requireNonNull(realm, "realm");
            checkUnset(realmSet, "realm");
            // One rule for what a realm may hold: the one the challenge applies.
            BearerAuthorization.challenge(realm, false, REALM_PROBE);
            this.realm = realm;
            this.realmSet = true;
            return this;
        }

        /**
         * Sets whether a request without a bearer token is refused (401, the default) or passed on
         * anonymous, for paths where signing in is optional. A request with a bearer token is
         * authenticated either way, and refused when the token is not valid; a request whose
         * {@code Authorization} header is of another scheme counts as without a bearer token.
         *
         * @param require true to refuse requests without a token
         * @return this builder
         * @throws IllegalStateException if this option was already set
         */
        public Builder requireAuthentication(boolean require) {
            checkUnset(requireAuthenticationSet, "requireAuthentication");
            this.requireAuthentication = require;
            this.requireAuthenticationSet = true;
            return this;
        }

        /**
         * Requires that an authenticated user has at least one of some roles (compared exactly);
         * one without answers 403 with {@code error="insufficient_scope"}. Default: no role needed.
         * Requests let through anonymous by {@link #requireAuthentication(boolean)} are not checked.
         *
         * @param roles the roles, at least one
         * @return this builder
         * @throws IllegalArgumentException if no role is given, or one is blank
         * @throws IllegalStateException if the roles were already set
         * @throws NullPointerException if {@code roles} or one of them is null
         */
        public Builder requireAnyRole(String... roles) {
            Objects.requireNonNull(roles, "roles");
            checkUnset(anyRoleSet, "requireAnyRole");
            List<String> copy = new ArrayList<>(roles.length);
            for (String role : roles) {
                if (Objects.requireNonNull(role, "role").isBlank()) {
                    throw new IllegalArgumentException("a role must not be blank");
                }
                copy.add(role);
            }
            if (copy.isEmpty()) {
                throw new IllegalArgumentException("requireAnyRole needs at least one role");
            }
            this.anyRole = List.copyOf(copy);
            this.anyRoleSet = true;
            return this;
        }

        /**
         * Builds the filter.
         *
         * @return the filter
         */
        public WardAuthenticationFilter build() {
            return new WardAuthenticationFilter(this);
        }

        private static void checkUnset(boolean set, String option) {
            if (set) {
                throw new IllegalStateException(option + " was already set");
            }
        }
    }
}
