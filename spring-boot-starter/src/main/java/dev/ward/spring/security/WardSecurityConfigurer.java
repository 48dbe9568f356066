package dev.ward.spring.security;

import dev.ward.AuthManager;
import dev.ward.servlet.BearerAuthorization;
import org.springframework.context.ApplicationContext;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.CsrfConfigurer;
import org.springframework.security.config.annotation.web.configurers.ExceptionHandlingConfigurer;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Adds Ward's bearer authentication to a {@link HttpSecurity}: the {@link WardBearerTokenFilter},
 * Ward's 401 and 403 answers as the chain's defaults, and a CSRF exemption for requests that
 * carry a bearer token (no cookie authenticates them, so a forged cross-site request has
 * nothing to ride on; this is what Spring Security's own resource server does). Obtain it from
 * {@link WardSecurity#ward()}.
 *
 * <p>It takes the {@link AuthManager} bean from the application context unless one is given.
 */
public final class WardSecurityConfigurer extends AbstractHttpConfigurer<WardSecurityConfigurer, HttpSecurity> {

    private static final RequestMatcher BEARER_REQUEST = request -> {
        String header = request.getHeader(BearerAuthorization.HEADER);
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
    };

    private AuthManager auth;
    private String realm = BearerAuthorization.DEFAULT_REALM;

    WardSecurityConfigurer() {
    }

    /**
     * Uses this manager instead of the application context's.
     *
     * @param auth the manager
     * @return this configurer
     */
    public WardSecurityConfigurer authManager(AuthManager auth) {
        this.auth = auth;
        return this;
    }

    /**
     * Sets the realm of the {@code WWW-Authenticate} challenge; default
     * {@value BearerAuthorization#DEFAULT_REALM}.
     *
     * @param realm the realm, without double quotes or backslashes
     * @return this configurer
     */
    public WardSecurityConfigurer realm(String realm) {
        this.realm = realm;
        return this;
    }

    @Override
    public void init(HttpSecurity http) {
        WardErrorResponses answers = new WardErrorResponses(realm);
        @SuppressWarnings("unchecked")
        ExceptionHandlingConfigurer<HttpSecurity> exceptions = http.getConfigurer(ExceptionHandlingConfigurer.class);
        if (exceptions != null) {
            exceptions.defaultAuthenticationEntryPointFor(answers, AnyRequestMatcher.INSTANCE);
            exceptions.defaultAccessDeniedHandlerFor(answers, AnyRequestMatcher.INSTANCE);
        }
        @SuppressWarnings("unchecked")
        CsrfConfigurer<HttpSecurity> csrf = http.getConfigurer(CsrfConfigurer.class);
        if (csrf != null) {
            csrf.ignoringRequestMatchers(BEARER_REQUEST);
        }
    }

    @Override
    public void configure(HttpSecurity http) {
        AuthManager manager = auth != null ? auth : http.getSharedObject(ApplicationContext.class).getBean(AuthManager.class);
        WardBearerTokenFilter filter = postProcess(new WardBearerTokenFilter(new WardAuthenticationProvider(manager)));
        http.addFilterBefore(filter, BasicAuthenticationFilter.class);
    }
}
