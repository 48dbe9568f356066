package dev.ward.test;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A user a test speaks for: the {@code sub} of its tokens, its e-mail address and its roles.
 *
 * <p>{@link WardTest} stores such a user (under exactly this id) the first time it issues a
 * token or a session for it, so that {@code AuthManager.findUser(id)} finds it.
 *
 * @param id the user id, the {@code sub} of its tokens; not blank
 * @param email the e-mail address, not blank; stored trimmed and in lower case
 * @param roles the roles, the {@code roles} claim of its tokens; may be empty; an immutable
 *     sorted copy is kept
 */
public record TestUser(String id, String email, Set<String> roles) {

    /**
     * Checks the components and copies the roles.
     *
     * @param id as described for the record
     * @param email as described for the record
     * @param roles as described for the record
     * @throws NullPointerException if a component or a role is null
     * @throws IllegalArgumentException if the id, the e-mail address or a role is blank
     */
    public TestUser {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(roles, "roles");
        if (id.isBlank()) {
            throw new IllegalArgumentException("id must not be blank");
        }
        if (email.isBlank()) {
            throw new IllegalArgumentException("email must not be blank");
        }
        TreeSet<String> copy = new TreeSet<>();
        for (String role : roles) {
            Objects.requireNonNull(role, "a role is null");
            if (role.isBlank()) {
                throw new IllegalArgumentException("a role must not be blank");
            }
            copy.add(role);
        }
        roles = Collections.unmodifiableSet(copy);
    }

    /**
     * Makes a user with the given roles.
     *
     * <pre>{@code
     * TestUser admin = TestUser.of("user-1", "admin@example.com", "user", "admin");
     * }</pre>
     *
     * @param id the user id, not blank
     * @param email the e-mail address, not blank
     * @param roles the roles, none or more
     * @return the user
     * @throws NullPointerException if an argument or a role is null
     * @throws IllegalArgumentException if the id, the e-mail address or a role is blank
     */
    public static TestUser of(String id, String email, String... roles) {
        Objects.requireNonNull(roles, "roles");
        return new TestUser(id, email, new LinkedHashSet<>(Arrays.asList(roles)));
    }
}
