package dev.ward.store;

import java.time.Instant;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A stored user account.
 *
 * <p>{@code email} is the normalised address (trimmed, NFKC, lower-case) that the store keeps
 * unique. {@code roles} is an immutable, sorted copy. {@link #toString()} never shows the
 * password hash.
 *
 * @param id the store-assigned identifier (a random UUID in the bundled stores), never blank
 * @param userName the display name chosen at sign-up
 * @param email the normalised, unique e-mail address
 * @param passwordHash the password hash in modular crypt format (for example {@code $2a$12$...})
 * @param roles the user's roles, for example {@code ["user"]}; may be empty, never null
 * @param createdAt when the user was created
 */
public record User(String id, String userName, String email, String passwordHash, Set<String> roles,
                   Instant createdAt) {

    /**
     * Checks the components and makes {@code roles} an immutable sorted copy.
     *
     * @param id as described for the record
     * @param userName as described for the record
     * @param email as described for the record
     * @param passwordHash as described for the record
     * @param roles as described for the record
     * @param createdAt as described for the record
     * @throws NullPointerException if any component is null
     * @throws IllegalArgumentException if {@code id} is blank
     */
    public User {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(createdAt, "createdAt");
        if (id.isBlank()) {
            throw new IllegalArgumentException("id must not be blank");
        }
        roles = Collections.unmodifiableSet(new TreeSet<>(Objects.requireNonNull(roles, "roles")));
    }

    /**
     * Returns this user with another password hash.
     *
     * @param newHash the new hash
     * @return a copy with {@code passwordHash} replaced
     */
    public User withPasswordHash(String newHash) {
        return new User(id, userName, email, newHash, roles, createdAt);
    }

    /**
     * Returns this user with other roles.
     *
     * @param newRoles the new roles
     * @return a copy with {@code roles} replaced
     */
    public User withRoles(Set<String> newRoles) {
        return new User(id, userName, email, passwordHash, newRoles, createdAt);
    }

    @Override
    public String toString() {
        return "User[id=" + id + ", userName=" + userName + ", email=" + email
                + ", passwordHash=***, roles=" + roles + ", createdAt=" + createdAt + "]";
    }
}
