/**
 * Spring support of {@code ward-test}, for a host's tests with Ward's Spring Boot starter:
 * {@link dev.ward.test.spring.AutoConfigureWardTest} signs the context's tokens with a random
 * test key and provides {@link dev.ward.test.TestTokens} for it,
 * {@link dev.ward.test.spring.WithWardUser} runs a test as a Ward user, and
 * {@link dev.ward.test.spring.WardMockMvc} adds a bearer token to a MockMvc request.
 *
 * <p>Nothing here is picked up by {@code @EnableAutoConfiguration}: the test configuration is
 * imported only by a test class annotated with {@code @AutoConfigureWardTest}.
 */
package dev.ward.test.spring;
