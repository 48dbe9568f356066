/**
 * Spring Security for Ward: bearer access tokens authenticate as {@link dev.ward.AuthenticatedUser}
 * with authorities {@code ROLE_<role>}, added to a host's chain with
 * {@code http.with(WardSecurity.ward(), Customizer.withDefaults())}.
 */
package dev.ward.spring.security;
