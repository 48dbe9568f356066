package dev.ward.store;

import java.time.Instant;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A user to be created by {@link UserRepository#create(NewUser)}; the store assigns the id.
 *
 * <p>{@link #toString()} never shows the password hash.
 *
 * @param userName the display name
 * @param email the normalised e-mail address, which the store keeps unique
 * @param passwordHash the password hash in modular crypt format
 * @param roles the initial roles; an immutable sorted copy is kept
 * @param createdAt when the user is created
 */
public record NewUser(String userName, String email, String passwordHash, Set<String> roles,
                      Instant createdAt) {

    /**
     * Checks the components and makes {@code roles} an immutable sorted copy.
     *
     * @param userName as described for the record
     * @param email as described for the record
     * @param passwordHash as described for the record
     * @param roles as described for the record
     * @param createdAt as described for the record
     * @throws NullPointerException if any component is null
     */
    public NewUser {
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(createdAt, "createdAt");
        roles = Collections.unmodifiableSet(new TreeSet<>(Objects.requireNonNull(roles, "roles")));
    }

    /**
     * Returns the stored user this becomes once the store has chosen its id.
     *
     * @param id the id the store assigned
     * @return the user
     */
    public User withId(String id) {
        return new User(id, userName, email, passwordHash, roles, createdAt);
    }

    @Override
    public String toString() {
        return "NewUser[userName=" + userName + ", email=" + email + ", passwordHash=***, roles="
                + roles + ", createdAt=" + createdAt + "]";
    }
}
