package dev.ward.test.spring;

import dev.ward.AuthenticatedUser;
import dev.ward.AuthSettings;
import dev.ward.spring.security.WardAuthentication;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.TreeSet;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.test.context.support.WithSecurityContextFactory;

/**
 * Makes the {@link SecurityContext} of {@link WithWardUser}: a
 * {@link WardAuthentication} of an {@link AuthenticatedUser} with the annotation's id and
 * roles (in their natural order), issued now and expiring after Ward's default access-token lifetime.
 */
public final class WithWardUserSecurityContextFactory implements WithSecurityContextFactory<WithWardUser> {

    /** The session id of every {@link WithWardUser} user. */
    public static final String SESSION_ID = "with-ward-user";

    /** Creates the factory; Spring Security's test support calls it. */
    public WithWardUserSecurityContextFactory() {
    }

    /**
     * Creates the context.
     *
     * @param user the annotation
     * @return a new context holding the user's authentication
     * @throws IllegalArgumentException if the id is blank or a role is blank
     */
    @Override
    public SecurityContext createSecurityContext(WithWardUser user) {
        if (user.id().isBlank()) {
            throw new IllegalArgumentException("@WithWardUser id must not be blank");
        }
        for (String role : user.roles()) {
            if (role.isBlank()) {
                throw new IllegalArgumentException("@WithWardUser roles must not be blank");
            }
        }
        Instant now = Instant.now();
        AuthenticatedUser principal = new AuthenticatedUser(user.id(), new TreeSet<>(Arrays.asList(user.roles())), SESSION_ID, now,
                now.plus(Duration.ofMinutes(AuthSettings.DEFAULT_ACCESS_TOKEN_TTL_MINUTES)), null);
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new WardAuthentication(principal));
        return context;
    }
}
