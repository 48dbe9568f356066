package dev.ward.test.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ward.AuthenticatedUser;
import dev.ward.spring.security.WardAuthentication;
import java.lang.reflect.Method;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

@DisplayName("@WithWardUser")
class WithWardUserTest {

    private static WithWardUser annotationOf(String method) throws NoSuchMethodException {
        Method m = Examples.class.getDeclaredMethod(method);
        return m.getAnnotation(WithWardUser.class);
    }

    private static Authentication authenticationOf(String method) throws NoSuchMethodException {
        return new WithWardUserSecurityContextFactory().createSecurityContext(annotationOf(method)).getAuthentication();
    }

    @SuppressWarnings("unused")
    static class Examples {
        @WithWardUser(id = "u-1", roles = {"user", "admin", "user"})
        void admin() {
        }

        @WithWardUser
        void defaults() {
        }

        @WithWardUser(id = " ")
        void blankId() {
        }

        @WithWardUser(id = "u-1", roles = {"admin", ""})
        void blankRole() {
        }
    }

    @Nested
    @DisplayName("the factory")
    class Factory {

        @Test
        @DisplayName("makes a WardAuthentication as the starter's provider does: principal AuthenticatedUser, ROLE_<role>")
        void sameKindAsTheProvider() throws Exception {
            Authentication authentication = authenticationOf("admin");

            assertThat(authentication).isInstanceOf(WardAuthentication.class);
            assertThat(authentication.isAuthenticated()).isTrue();
            assertThat(authentication.getName()).isEqualTo("u-1");
            assertThat(authentication.getCredentials()).isNull();
            assertThat(authentication.getAuthorities()).extracting(GrantedAuthority::getAuthority)
                    .containsExactly("ROLE_admin", "ROLE_user");
            AuthenticatedUser user = (AuthenticatedUser) authentication.getPrincipal();
            assertThat(user.roles()).containsExactly("admin", "user");
            assertThat(user.sessionId()).isEqualTo(WithWardUserSecurityContextFactory.SESSION_ID);
            assertThat(user.expiresAt()).isAfter(user.issuedAt());
        }

        @Test
        @DisplayName("without attributes: user-1 without roles")
        void defaults() throws Exception {
            Authentication authentication = authenticationOf("defaults");

            assertThat(authentication.getName()).isEqualTo("user-1");
            assertThat(authentication.getAuthorities()).isEmpty();
        }

        @Test
        @DisplayName("refuses a blank id and a blank role")
        void refusesBlanks() {
            assertThatThrownBy(() -> authenticationOf("blankId")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("id");
            assertThatThrownBy(() -> authenticationOf("blankRole")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("roles");
        }
    }

    @Nested
    @DisplayName("on a plain JUnit test, through Spring Security's test listener")
    @SpringJUnitConfig(OnATest.NoBeans.class)
    class OnATest {

        @Configuration(proxyBeanMethods = false)
        static class NoBeans {
        }

        @Test
        @WithWardUser(id = "u-7", roles = "auditor")
        @DisplayName("the security context holds the user while the test runs")
        void holdsTheUser() {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();

            assertThat(((AuthenticatedUser) authentication.getPrincipal()).userId()).isEqualTo("u-7");
            assertThat(((AuthenticatedUser) authentication.getPrincipal()).hasRole("auditor")).isTrue();
        }
    }
}
