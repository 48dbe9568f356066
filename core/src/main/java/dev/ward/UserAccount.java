package dev.ward;

import dev.ward.store.User;
import java.time.Instant;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A user as the host sees it: everything but the password hash.
 *
 * @param id the user's id
 * @param userName the display name
 * @param email the normalised e-mail address
 * @param roles the roles, sorted and immutable
 * @param createdAt when the user signed up
 * @param emailVerifiedAt when the address was verified (a verification, reset, log-in or
 *     address-change link sent to it was followed), or null while it is not
 * @param disabled whether an administrator has disabled the account
 */
public record UserAccount(String id, String userName, String email, Set<String> roles, Instant createdAt,
                          Instant emailVerifiedAt, boolean disabled) {

    /**
     * Checks the components and copies the roles.
     *
     * @param id as described for the record
     * @param userName as described for the record
     * @param email as described for the record
     * @param roles as described for the record
     * @param createdAt as described for the record
     * @param emailVerifiedAt as described for the record
     * @param disabled as described for the record
     * @throws NullPointerException if a component other than {@code emailVerifiedAt} is null
     */
    public UserAccount {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(createdAt, "createdAt");
        roles = Collections.unmodifiableSet(new TreeSet<>(Objects.requireNonNull(roles, "roles")));
    }

    /**
     * Creates an account whose address is not verified and which is enabled.
     *
     * @param id as described for the record
     * @param userName as described for the record
     * @param email as described for the record
     * @param roles as described for the record
     * @param createdAt as described for the record
     * @throws NullPointerException if a component is null
     */
    public UserAccount(String id, String userName, String email, Set<String> roles, Instant createdAt) {
        this(id, userName, email, roles, createdAt, null, false);
    }

    /**
     * Tells whether the address is verified.
     *
     * @return true when {@link #emailVerifiedAt()} is set
     */
    public boolean emailVerified() {
        return emailVerifiedAt != null;
    }

    /** The account of a stored user, without its hash. */
    static UserAccount of(User user) {
        return new UserAccount(user.id(), user.userName(), user.email(), user.roles(), user.createdAt(),
                user.emailVerifiedAt(), user.disabled());
    }
}
