package dev.ward.test.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.test.context.TestPropertySource;

/**
 * Signs and verifies the test context's access tokens with a random HS256 key of its own and
 * provides a {@link dev.ward.test.TestTokens} bean for it, so that
 * {@link WardMockMvc#bearer(dev.ward.test.TestUser)} adds tokens that the application's real
 * filter chain accepts. Put it on a {@code @SpringBootTest} or on a slice test such as
 * {@code @WebMvcTest}; in a slice it also brings Ward's manager (on in-memory stores, unless the
 * slice has stores), Spring Security and Ward's bearer authentication.
 *
 * <p>The key is the context's {@code @Primary} {@link dev.ward.KeySet}: it wins over a
 * {@code KeySet} bean of the host's, and {@code ward.keys.hmac-secret},
 * {@code ward.keys.private-key} and {@code ward.keys.jwk} are set empty for the test, so that a
 * key of the application's properties does not conflict with it.
 *
 * <p>Only this annotation imports the configuration (it is listed in
 * {@code META-INF/spring/dev.ward.test.spring.AutoConfigureWardTest.imports}, not among the
 * auto-configurations of {@code @EnableAutoConfiguration}): an application that merely has
 * {@code ward-test} on its class path keeps its own keys.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
@TestPropertySource(properties = {"ward.keys.hmac-secret=", "ward.keys.private-key=", "ward.keys.jwk="})
public @interface AutoConfigureWardTest {
}
