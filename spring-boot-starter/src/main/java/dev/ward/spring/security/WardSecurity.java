package dev.ward.spring.security;

import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/**
 * The one-liner that adds Ward's bearer authentication to a host's own security chain:
 *
 * <pre>{@code
 * @Bean
 * SecurityFilterChain api(HttpSecurity http) throws Exception {
 *     http.authorizeHttpRequests(requests -> requests
 *                     .requestMatchers("/public/**").permitAll()
 *                     .requestMatchers("/admin/**").hasRole("admin")
 *                     .anyRequest().authenticated())
 *             .with(WardSecurity.ward(), Customizer.withDefaults());
 *     return http.build();
 * }
 * }</pre>
 *
 * <p>Requests with a valid {@code Authorization: Bearer} access token are then authenticated
 * as a {@link WardAuthentication}: {@code @AuthenticationPrincipal AuthenticatedUser user},
 * {@code hasRole("admin")} and {@code @PreAuthorize} work on Ward's users and roles. With
 * Ward's web endpoints on, their paths are permitted and exempt from CSRF tokens without a rule
 * of the host's (see {@link WardSecurityConfigurer}).
 */
public final class WardSecurity {

    private WardSecurity() {
    }

    /**
     * Returns a new configurer for {@code http.with(WardSecurity.ward(), Customizer.withDefaults())}.
     *
     * @return the configurer
     */
    public static WardSecurityConfigurer ward() {
        return new WardSecurityConfigurer();
    }

    /**
     * Adds Ward's bearer authentication to {@code http}, the same as
     * {@code http.with(WardSecurity.ward(), Customizer.withDefaults())}.
     *
     * @param http the host's security
     * @return {@code http}
     * @throws Exception as {@link HttpSecurity#with} declares
     */
    public static HttpSecurity configure(HttpSecurity http) throws Exception {
        return http.with(ward(), Customizer.withDefaults());
    }
}
