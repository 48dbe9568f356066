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
 * @param credentialsVersion counts the user's password changes: 0 at sign-up, one more with
 *     every {@link UserRepository#changePassword}; never changed by a hash upgrade
 *     ({@link UserRepository#updatePasswordHash}). Each session records the version it was
 *     created under, and a session that records another version than the user's has ended.
 * @param emailVerifiedAt when the owner of {@code email} proved that they receive mail there,
 *     or null when the current address was never verified; set by
 *     {@link UserRepository#markEmailVerified} and {@link UserRepository#changeEmail}
 * @param disabled true when the account is disabled ({@link UserRepository#setDisabled}): it
 *     stays stored but may not log in; false for a new user
 */
public record User(String id, String userName, String email, String passwordHash, Set<String> roles,
                   Instant createdAt, long credentialsVersion, Instant emailVerifiedAt, boolean disabled) {

    /**
     * Checks the components and makes {@code roles} an immutable sorted copy.
     *
     * @param id as described for the record
     * @param userName as described for the record
     * @param email as described for the record
     * @param passwordHash as described for the record
     * @param roles as described for the record
     * @param createdAt as described for the record
     * @param credentialsVersion as described for the record
     * @param emailVerifiedAt as described for the record; may be null
     * @param disabled as described for the record
     * @throws NullPointerException if any component other than {@code emailVerifiedAt} is null
     * @throws IllegalArgumentException if {@code id} is blank or {@code credentialsVersion} is
     *     negative
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
        if (credentialsVersion < 0) {
            throw new IllegalArgumentException("credentialsVersion must not be negative");
        }
        roles = Collections.unmodifiableSet(new TreeSet<>(Objects.requireNonNull(roles, "roles")));
    }

    /**
     * Creates an enabled user whose e-mail address is not verified.
     *
     * @param id as described for the record
     * @param userName as described for the record
     * @param email as described for the record
     * @param passwordHash as described for the record
     * @param roles as described for the record
     * @param createdAt as described for the record
     * @param credentialsVersion as described for the record
     * @throws NullPointerException if any component is null
     * @throws IllegalArgumentException if {@code id} is blank or {@code credentialsVersion} is
     *     negative
     */
    public User(String id, String userName, String email, String passwordHash, Set<String> roles,
                Instant createdAt, long credentialsVersion) {
        this(id, userName, email, passwordHash, roles, createdAt, credentialsVersion, null, false);
    }

    /**
     * Creates an enabled user whose password has never been changed (credentials version 0) and
     * whose e-mail address is not verified.
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
    public User(String id, String userName, String email, String passwordHash, Set<String> roles,
                Instant createdAt) {
        this(id, userName, email, passwordHash, roles, createdAt, 0);
    }

    /**
     * Tells whether the current e-mail address has been verified.
     *
     * @return true when {@link #emailVerifiedAt()} is set
     */
    public boolean emailVerified() {
        return emailVerifiedAt != null;
    }

    /**
     * Returns this user with another hash of the same password (a cost upgrade): the
     * credentials version stays.
     *
     * @param newHash the new hash
     * @return a copy with {@code passwordHash} replaced
     */
    public User withPasswordHash(String newHash) {
        return new User(id, userName, email, newHash, roles, createdAt, credentialsVersion, emailVerifiedAt,
                disabled);
    }

    /**
     * Returns this user with a new password: another hash and the next credentials version.
     *
     * @param newHash the hash of the new password
     * @return a copy with {@code passwordHash} replaced and {@code credentialsVersion} one more
     */
    public User withNewPassword(String newHash) {
        return new User(id, userName, email, newHash, roles, createdAt, credentialsVersion + 1, emailVerifiedAt,
                disabled);
    }

    /**
     * Returns this user with other roles.
     *
     * @param newRoles the new roles
     * @return a copy with {@code roles} replaced
     */
    public User withRoles(Set<String> newRoles) {
        return new User(id, userName, email, passwordHash, newRoles, createdAt, credentialsVersion,
                emailVerifiedAt, disabled);
    }

    /**
     * Returns this user with another e-mail address and that address's verification time.
     *
     * @param newEmail the new normalised address
     * @param verifiedAt when the new address was verified, or null when it is not
     * @return a copy with {@code email} and {@code emailVerifiedAt} replaced
     */
    public User withEmail(String newEmail, Instant verifiedAt) {
        return new User(id, userName, newEmail, passwordHash, roles, createdAt, credentialsVersion, verifiedAt,
                disabled);
    }

    /**
     * Returns this user with another verification time for the current address.
     *
     * @param verifiedAt when the address was verified, or null for not verified
     * @return a copy with {@code emailVerifiedAt} replaced
     */
    public User withEmailVerifiedAt(Instant verifiedAt) {
        return new User(id, userName, email, passwordHash, roles, createdAt, credentialsVersion, verifiedAt,
                disabled);
    }

    /**
     * Returns this user disabled or enabled.
     *
     * @param newDisabled true to disable, false to enable
     * @return a copy with {@code disabled} replaced
     */
    public User withDisabled(boolean newDisabled) {
        return new User(id, userName, email, passwordHash, roles, createdAt, credentialsVersion, emailVerifiedAt,
                newDisabled);
    }

    @Override
    public String toString() {
        return "User[id=" + id + ", userName=" + userName + ", email=" + email
                + ", passwordHash=***, roles=" + roles + ", createdAt=" + createdAt
                + ", credentialsVersion=" + credentialsVersion + ", emailVerifiedAt=" + emailVerifiedAt
                + ", disabled=" + disabled + "]";
    }
}
