package dev.ward.test.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.core.annotation.AliasFor;
import org.springframework.security.test.context.support.TestExecutionEvent;
import org.springframework.security.test.context.support.WithSecurityContext;

/**
 * Runs a test as a Ward user, in the spirit of Spring Security's {@code @WithMockUser}: the
 * test's {@code SecurityContext} holds the same kind of authentication as a verified bearer
 * token, a {@link dev.ward.spring.security.WardAuthentication} whose principal is a
 * {@link dev.ward.AuthenticatedUser} and whose authorities are {@code ROLE_<role>}, so that
 * {@code @PreAuthorize}, {@code hasRole} and {@code @AuthenticationPrincipal AuthenticatedUser}
 * see the user. No token is made and none is verified; for a request through the real filter
 * chain use {@link WardMockMvc} instead.
 *
 * <p>In a MockMvc test the requests carry this context through the filter chain when the test
 * class also has {@link AutoConfigureWardTest} (or Spring Security's MockMvc support applies
 * {@code testSecurityContext()} by other means). The principal has no e-mail: a verified
 * token carries none either.
 *
 * <p>Put it on a test method or on the test class (then every test method runs as the user).
 * The user's session id is {@value WithWardUserSecurityContextFactory#SESSION_ID}; the token
 * id is null, as for a token without {@code jti}.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Documented
@WithSecurityContext(factory = WithWardUserSecurityContextFactory.class)
public @interface WithWardUser {

    /**
     * The user's id, the principal's {@code userId()} and the authentication's name.
     *
     * @return the id; not blank
     */
    String id() default "user-1";

    /**
     * The user's roles, each an authority {@code ROLE_<role>}.
     *
     * @return the roles; none by default
     */
    String[] roles() default {};

    /**
     * When the security context is set up, as for {@code @WithMockUser}: before each test
     * method by default, or before the test's execution.
     *
     * @return the event
     */
    @AliasFor(annotation = WithSecurityContext.class)
    TestExecutionEvent setupBefore() default TestExecutionEvent.TEST_METHOD;
}
