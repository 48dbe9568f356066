package dev.ward.spring.security;

import dev.ward.AuthManager;
import dev.ward.servlet.BearerAuthorization;
import org.springframework.context.ApplicationContext;
import dev.ward.spring.WardProperties;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.SingleResultAuthorizationManager;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.annotation.web.configurers.CsrfConfigurer;
import org.springframework.security.config.annotation.web.configurers.ExceptionHandlingConfigurer;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.access.intercept.RequestMatcherDelegatingAuthorizationManager;
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
 * <p>With Ward's web endpoints on ({@code ward.web.endpoints.enabled=true}), their paths
 * ({@code ${ward.web.base-path}/**} and {@code /.well-known/jwks.json}) are permitted ahead of
 * the host's own {@code authorizeHttpRequests} rules and exempt from the host's CSRF tokens: the
 * endpoints authenticate their bearer routes themselves, answering their own 401s, and apply
 * Ward's CSRF rule to the refresh cookie (a JSON content type or {@code X-Requested-With}). The
 * host's other rules are untouched.
 *
 * <p>It takes the {@link AuthManager} bean (and the {@link WardProperties} bean, if any) from
 * the application context unless a manager is given.
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
        RequestMatcher endpoints = endpointPaths(http);
        if (endpoints != null) {
            if (csrf != null) {
                csrf.ignoringRequestMatchers(endpoints);
            }
            @SuppressWarnings("unchecked")
            AuthorizeHttpRequestsConfigurer<HttpSecurity> authorize = http.getConfigurer(AuthorizeHttpRequestsConfigurer.class);
            if (authorize != null) {
                authorize.withObjectPostProcessor(permitFirst(endpoints));
            }
        }
    }

    /** The endpoints' paths if the context has Ward's properties with the endpoints on, else null. */
    private static RequestMatcher endpointPaths(HttpSecurity http) {
        ApplicationContext context = http.getSharedObject(ApplicationContext.class);
        WardProperties properties = context == null ? null : context.getBeanProvider(WardProperties.class).getIfAvailable();
        return WardEndpointPaths.ofEnabledEndpoints(properties);
    }

    /**
     * Puts a permit for {@code paths} before the host's rules. The host's rules end in
     * {@code anyRequest()}, after which no rule can be added, so the finished manager is wrapped
     * instead: Spring Security post-processes it before its filter uses it.
     */
    private static ObjectPostProcessor<RequestMatcherDelegatingAuthorizationManager> permitFirst(RequestMatcher paths) {
        return new ObjectPostProcessor<RequestMatcherDelegatingAuthorizationManager>() {
            @Override
            public <O extends RequestMatcherDelegatingAuthorizationManager> O postProcess(O hostRules) {
                AuthorizationManager<RequestAuthorizationContext> rest =
                        (authentication, context) -> hostRules.authorize(authentication, context.getRequest());
                @SuppressWarnings("unchecked")
                O withEndpoints = (O) RequestMatcherDelegatingAuthorizationManager.builder()
                        .add(paths, SingleResultAuthorizationManager.permitAll())
                        .add(AnyRequestMatcher.INSTANCE, rest)
                        .build();
                return withEndpoints;
            }
        };
    }

    @Override
    public void configure(HttpSecurity http) {
        AuthManager manager = auth != null ? auth : http.getSharedObject(ApplicationContext.class).getBean(AuthManager.class);
        WardBearerTokenFilter filter = postProcess(new WardBearerTokenFilter(new WardAuthenticationProvider(manager)));
        http.addFilterBefore(filter, BasicAuthenticationFilter.class);
    }
}
