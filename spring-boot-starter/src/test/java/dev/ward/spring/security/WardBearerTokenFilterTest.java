package dev.ward.spring.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ward.AuthManager;
import dev.ward.AuthSettings;
import dev.ward.JwtAlgorithm;
import dev.ward.JwtKey;
import dev.ward.SignUpRequest;
import dev.ward.store.memory.InMemoryLoginAttemptStore;
import dev.ward.store.memory.InMemoryTokenStore;
import dev.ward.store.memory.InMemoryUserRepository;
import jakarta.servlet.FilterChain;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.core.context.SecurityContextHolder;

@DisplayName("WardBearerTokenFilter")
class WardBearerTokenFilterTest {

    private final AuthManager auth = AuthManager.builder()
            .userRepository(new InMemoryUserRepository())
            .tokenStore(new InMemoryTokenStore())
            .loginAttemptStore(new InMemoryLoginAttemptStore())
            .signingKey(JwtKey.generate(JwtAlgorithm.HS256))
            .settings(AuthSettings.builder().bcryptCost(4).build())
            .build();

    private Authentication passThrough(String authorization, Authentication before) throws Exception {
        SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();
        contexts.getContext().setAuthentication(before);
        WardBearerTokenFilter filter = new WardBearerTokenFilter(new WardAuthenticationProvider(auth));
        filter.setSecurityContextHolderStrategy(contexts);
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/transfer");
        request.addHeader("Authorization", authorization);
        AtomicReference<Authentication> seen = new AtomicReference<>();
        FilterChain chain = (req, res) -> seen.set(contexts.getContext().getAuthentication());
        filter.doFilter(request, new MockHttpServletResponse(), chain);
        contexts.clearContext();
        return seen.get();
    }

    @Test
    @DisplayName("a request with a bearer token that fails does not keep the host's session authentication")
    void failedBearerDropsTheSessionsAuthentication() throws Exception {
        Authentication session = UsernamePasswordAuthenticationToken.authenticated("victim", null,
                AuthorityUtils.createAuthorityList("ROLE_user"));

        assertThat(passThrough("Bearer forged.token.here", session)).isNull();
    }

    @Test
    @DisplayName("a request with a valid bearer token is the token's user, not the session's")
    void validBearerReplacesTheSessionsAuthentication() throws Exception {
        auth.signUp(new SignUpRequest("alice", "alice@example.com", "correct horse battery"));
        String token = auth.logIn("alice@example.com", "correct horse battery").accessToken();
        Authentication session = UsernamePasswordAuthenticationToken.authenticated("victim", null,
                AuthorityUtils.createAuthorityList("ROLE_user"));

        Authentication seen = passThrough("Bearer " + token, session);

        assertThat(seen).isNotNull().isNotSameAs(session);
        assertThat(seen.getPrincipal()).isInstanceOf(dev.ward.AuthenticatedUser.class);
    }
}
