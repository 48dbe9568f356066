package dev.ward.spring.security;

import dev.ward.AuthManager;
import dev.ward.spring.WardAutoConfiguration;
import dev.ward.spring.WardProperties;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.security.autoconfigure.web.servlet.ConditionalOnDefaultWebSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Spring Security for Ward, when Spring Security is on the class path of a servlet application:
 * a {@link WardAuthenticationProvider} bean (so Spring Boot generates no password of its own),
 * and, unless the host defines a {@link SecurityFilterChain}, a default chain for a bearer API.
 */
// Before both of Spring Boot's default chains (the plain one and Actuator's), which step back
// once this one exists.
@AutoConfiguration(after = WardAutoConfiguration.class, beforeName = {
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration"})
@ConditionalOnClass({SecurityFilterChain.class, HttpSecurity.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean(AuthManager.class)
public class WardSecurityAutoConfiguration {

    /** Creates the configuration; Spring calls it. */
    public WardSecurityAutoConfiguration() {
    }

    /**
     * Verifies bearer tokens through Ward, unless the host defines its own provider.
     *
     * @param auth the manager
     * @return the provider
     */
    @Bean
    @ConditionalOnMissingBean
    public WardAuthenticationProvider wardAuthenticationProvider(AuthManager auth) {
        return new WardAuthenticationProvider(auth);
    }

    /**
     * The default chain, when the host defines none: bearer tokens authenticate; Ward's endpoints
     * under {@code ward.web.base-path} (and, with the endpoints on, the JWKS at
     * {@code /.well-known/jwks.json}) are open, since they answer their own 401s; everything else
     * needs an authenticated user. No CSRF tokens anywhere: nothing here authenticates by cookie
     * but the endpoints' refresh cookie, which the endpoints guard with Ward's own CSRF rule.
     *
     * @param http the security builder
     * @param properties the {@code ward.*} properties
     * @return the chain
     * @throws Exception as {@link HttpSecurity#build()} declares
     */
    @Bean
    @ConditionalOnDefaultWebSecurity
    public SecurityFilterChain wardSecurityFilterChain(HttpSecurity http, WardProperties properties) throws Exception {
        RequestMatcher endpoints = WardEndpointPaths.ofEnabledEndpoints(properties);
        http.authorizeHttpRequests(requests -> {
                    // An error page reports on a request that was already authorized.
                    requests.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
                    // Only Ward's own endpoints are opened, and only when they are on: they answer
                    // their own 401s. With them off, nothing under the base path is Ward's.
                    if (endpoints != null) {
                        requests.requestMatchers(endpoints).permitAll();
                    }
                    requests.anyRequest().authenticated();
                })
                // No cookie and no HTTP session authenticates these requests: each carries its
                // bearer token, which a forged cross-site request cannot add. So there is no
                // session to keep, no CSRF to guard against, and no login form to show.
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .with(WardSecurity.ward(), Customizer.withDefaults());
        return http.build();
    }
}
