package dev.ward.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ward.AuthManager;
import dev.ward.AuthenticatedUser;
import dev.ward.JwtAlgorithm;
import dev.ward.JwtKey;
import dev.ward.store.memory.InMemoryLoginAttemptStore;
import dev.ward.store.memory.InMemoryTokenStore;
import dev.ward.store.memory.InMemoryUserRepository;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The builder, the principal and the user helper; the filter at work is in {@link WardAuthenticationFilterJettyTest}. */
class WardAuthenticationFilterTest {

    private static final AuthManager AUTH = AuthManager.builder()
            .userRepository(new InMemoryUserRepository())
            .tokenStore(new InMemoryTokenStore())
            .loginAttemptStore(new InMemoryLoginAttemptStore())
            .signingKey(JwtKey.generate(JwtAlgorithm.HS256))
            .build();

    private static final AuthenticatedUser ALICE = new AuthenticatedUser("u-1", Set.of("user"), "session-secret-id",
            Instant.parse("2026-11-29T12:00:00Z"), Instant.parse("2026-11-29T12:14:00Z"), "jti-42");

    @Nested
    class Builder {

        @Test
        void defaultsRequireAuthenticationInTheWardRealmWithoutRoles() {
            assertThat(WardAuthenticationFilter.builder(AUTH).build()).hasToString(
                    "WardAuthenticationFilter[realm=ward, requireAuthentication=true, anyRole=[]]");
        }

        @Test
        void optionsAreKept() {
            assertThat(WardAuthenticationFilter.builder(AUTH).realm("api").requireAuthentication(false)
                    .requireAnyRole("admin", "super_admin").build()).hasToString(
                    "WardAuthenticationFilter[realm=api, requireAuthentication=false, anyRole=[admin, super_admin]]");
        }

        @Test
        void nullManagerIsRefused() {
            assertThatThrownBy(() -> WardAuthenticationFilter.builder(null)).isInstanceOf(NullPointerException.class);
        }

        @Test
        void realmThatCouldBreakTheChallengeIsRefused() {
            assertThatThrownBy(() -> WardAuthenticationFilter.builder(AUTH).realm("a\"b"))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> WardAuthenticationFilter.builder(AUTH).realm(null))
                    .isInstanceOf(NullPointerException.class);
        }

        @Test
        void rolesMustBeGivenAndNotBlank() {
            assertThatThrownBy(() -> WardAuthenticationFilter.builder(AUTH).requireAnyRole())
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> WardAuthenticationFilter.builder(AUTH).requireAnyRole("admin", " "))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> WardAuthenticationFilter.builder(AUTH).requireAnyRole("admin", null))
                    .isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> WardAuthenticationFilter.builder(AUTH).requireAnyRole((String[]) null))
                    .isInstanceOf(NullPointerException.class);
        }

        @Test
        void rolesAreCopiedSoTheCallersArrayCannotChangeThem() {
            String[] roles = {"admin"};
            WardAuthenticationFilter.Builder builder = WardAuthenticationFilter.builder(AUTH).requireAnyRole(roles);
            roles[0] = "user";
            assertThat(builder.build().toString()).contains("anyRole=[admin]");
        }

        @Test
        void anOptionSetTwiceIsRefused() {
            assertThatThrownBy(() -> WardAuthenticationFilter.builder(AUTH).realm("a").realm("b"))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("realm");
            assertThatThrownBy(() -> WardAuthenticationFilter.builder(AUTH).requireAuthentication(true)
                    .requireAuthentication(false)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> WardAuthenticationFilter.builder(AUTH).requireAnyRole("a").requireAnyRole("b"))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Nested
    class Principal {

        @Test
        void nameIsTheUserIdAndTheUserIsKept() {
            WardPrincipal principal = new WardPrincipal(ALICE);
            assertThat(principal.getName()).isEqualTo("u-1");
            assertThat(principal.user()).isSameAs(ALICE);
        }

        @Test
        void descriptionNamesNeitherTokenIdNorSession() {
            assertThat(new WardPrincipal(ALICE).toString())
                    .isEqualTo("WardPrincipal[userId=u-1, roles=[user]]")
                    .doesNotContain("jti-42").doesNotContain("session-secret-id");
        }

        @Test
        void nullUserIsRefused() {
            assertThatThrownBy(() -> new WardPrincipal(null)).isInstanceOf(NullPointerException.class);
        }
    }

    @Nested
    class UserHelper {

        @Test
        void readsTheAttributeTheFilterSets() {
            HttpServletRequest request = requestWithAttribute(ALICE);
            assertThat(WardAuthenticationFilter.user(request)).containsSame(ALICE);
        }

        @Test
        void emptyWithoutTheAttributeOrWithSomethingElseInIt() {
            assertThat(WardAuthenticationFilter.user(requestWithAttribute(null))).isEmpty();
            assertThat(WardAuthenticationFilter.user(requestWithAttribute("u-1"))).isEmpty();
        }

        @Test
        void nullRequestIsRefused() {
            assertThatThrownBy(() -> WardAuthenticationFilter.user(null)).isInstanceOf(NullPointerException.class);
        }

        private HttpServletRequest requestWithAttribute(Object value) {
            Map<String, Object> attributes = new java.util.HashMap<>();
            attributes.put(WardAuthenticationFilter.USER_ATTRIBUTE, value);
            return (HttpServletRequest) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> {
                        if (method.getName().equals("getAttribute")) {
                            return attributes.get((String) args[0]);
                        }
                        throw new UnsupportedOperationException(method.getName());
                    });
        }
    }
}
