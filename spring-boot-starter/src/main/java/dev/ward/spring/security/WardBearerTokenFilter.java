package dev.ward.spring.security;

import dev.ward.AuthException;
import dev.ward.servlet.BearerAuthorization;
import dev.ward.store.StoreException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request's {@code Authorization: Bearer} access token through Ward.
 *
 * <p>A valid token puts a {@link WardAuthentication} into the security context. A request
 * without the header passes on unauthenticated. A refused token also passes on unauthenticated,
 * with the refusal left in the request attribute {@link WardErrorResponses#FAILURE_ATTRIBUTE}:
 * a route that needs authentication then answers 401 with it (for example
 * {@code TOKEN_EXPIRED}), while a permitted route (Ward's own endpoints, which answer their own
 * 401s) is not refused because of a stale header. A store failure answers 503.
 */
public final class WardBearerTokenFilter extends OncePerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(WardBearerTokenFilter.class);

    private final WardAuthenticationProvider provider;
    private SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    /**
     * Creates the filter.
     *
     * @param provider verifies the tokens
     * @throws NullPointerException if {@code provider} is null
     */
    public WardBearerTokenFilter(WardAuthenticationProvider provider) {
        this.provider = Objects.requireNonNull(provider, "provider");
    }

    /**
     * Sets where the security context is kept, as Spring Security's own filters allow.
     *
     * @param strategy the strategy
     */
    public void setSecurityContextHolderStrategy(SecurityContextHolderStrategy strategy) {
        this.contexts = Objects.requireNonNull(strategy, "strategy");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getHeader(BearerAuthorization.HEADER) == null) {
            chain.doFilter(request, response);
            return;
        }
        try {
            String token = BearerAuthorization.token(request);
            SecurityContext context = contexts.createEmptyContext();
            context.setAuthentication(provider.authenticate(new WardBearerToken(token)));
            contexts.setContext(context);
        } catch (WardAuthenticationException e) {
            refuse(request, e.failure());
        } catch (AuthException e) {
            refuse(request, e);
        } catch (StoreException e) {
            // The store's message carries no secret.
            LOG.error("Ward could not authenticate a bearer token: the store failed: {}", e.getMessage());
            response.setHeader("Retry-After", "5");
            WardErrorResponses.writeJson(response, 503, "SERVICE_UNAVAILABLE",
                    "the service is unavailable for a moment: try again");
            return;
        }
        chain.doFilter(request, response);
    }

    /**
     * Records the refusal for the 401 and drops whatever else authenticated the request (a
     * session log-in of the host): a request that sends a bearer token is judged by that token
     * alone. Otherwise a forged cross-site request could add any {@code Authorization: Bearer}
     * header to skip the host's CSRF check (bearer requests are exempt) and still pass as the
     * victim's session.
     */
    private void refuse(HttpServletRequest request, AuthException failure) {
        request.setAttribute(WardErrorResponses.FAILURE_ATTRIBUTE, failure);
        contexts.clearContext();
    }
}
