package dev.ward.test.spring;

import dev.ward.test.TestTokens;
import dev.ward.test.TestUser;
import jakarta.servlet.ServletContext;
import java.util.Objects;
import java.util.function.Function;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.context.support.WebApplicationContextUtils;

/**
 * MockMvc request post-processors that add an {@code Authorization: Bearer} access token signed
 * by the test context's {@link TestTokens} (see {@link AutoConfigureWardTest}), so that the
 * request goes through the application's real filter chain and Ward verifies the token:
 *
 * <pre>{@code
 * mvc.perform(get("/admin/report").with(WardMockMvc.wardUser("u-1", "admin")))
 *         .andExpect(status().isOk());
 * }</pre>
 *
 * <p>The {@link TestTokens} bean is found at the time the request is built, from the
 * {@link WebApplicationContext} of the request's servlet context; without one (a test class
 * without {@code @AutoConfigureWardTest}) the request fails with an
 * {@link IllegalStateException} saying so.
 */
public final class WardMockMvc {

    private WardMockMvc() {
    }

    /**
     * A valid token of a user with the given id and roles, and the e-mail
     * {@code <id>@example.com}.
     *
     * @param id the user's id
     * @param roles the user's roles
     * @return the post-processor
     * @throws IllegalArgumentException if {@code id} or a role is blank (from {@link TestUser})
     * @throws NullPointerException if an argument is null
     */
    public static RequestPostProcessor wardUser(String id, String... roles) {
        return bearer(TestUser.of(id, id + "@example.com", roles));
    }

    /**
     * A valid token of {@code user}, issued now for the application's access-token lifetime.
     *
     * @param user the user
     * @return the post-processor
     * @throws NullPointerException if {@code user} is null
     */
    public static RequestPostProcessor bearer(TestUser user) {
        Objects.requireNonNull(user, "user");
        return withToken(tokens -> tokens.accessToken(user));
    }

    /**
     * A token of {@code user} that expired beyond the clock skew, for the host's 401 path.
     *
     * @param user the user
     * @return the post-processor
     * @throws NullPointerException if {@code user} is null
     */
    public static RequestPostProcessor expiredBearer(TestUser user) {
        Objects.requireNonNull(user, "user");
        return withToken(tokens -> tokens.expiredAccessToken(user));
    }

    /**
     * A token of {@code user} for another audience, which the application refuses.
     *
     * @param user the user
     * @return the post-processor
     * @throws NullPointerException if {@code user} is null
     */
    public static RequestPostProcessor wrongAudienceBearer(TestUser user) {
        Objects.requireNonNull(user, "user");
        return withToken(tokens -> tokens.wrongAudienceAccessToken(user));
    }

    private static RequestPostProcessor withToken(Function<TestTokens, String> token) {
        return request -> {
            request.addHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token.apply(tokens(request.getServletContext())));
            return request;
        };
    }

    private static TestTokens tokens(ServletContext servletContext) {
        WebApplicationContext context = WebApplicationContextUtils.getWebApplicationContext(servletContext);
        if (context == null) {
            throw new IllegalStateException("the request's servlet context has no WebApplicationContext: "
                    + "build MockMvc from the test's context (@AutoConfigureMockMvc or @WebMvcTest)");
        }
        try {
            return context.getBean(TestTokens.class);
        } catch (NoSuchBeanDefinitionException e) {
            throw new IllegalStateException("the test context has no TestTokens bean: "
                    + "annotate the test class with @AutoConfigureWardTest", e);
        }
    }
}
