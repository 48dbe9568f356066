package dev.ward.store;

import java.util.Optional;
import java.util.Set;

/**
 * Stores user accounts.
 *
 * <p>Every method is safe to call from many threads, and, for a store shared through a
 * database, from many processes at once. E-mail addresses are passed already normalised
 * (trimmed, NFKC, lower-case); a store compares them as exact strings and never normalises on
 * its own.
 *
 * <p>Failures of the store itself (connection lost, timeout) come out as {@link StoreException},
 * never as an empty result.
 *
 * <p>Limits every store keeps whole (a store may refuse longer values with a
 * {@link StoreException} that names the field but not the value): user name 100 characters,
 * e-mail 254, password hash 255, id 64. A role is a non-empty word without commas or white
 * space, at most 64 characters.
 */
public interface UserRepository {

    /**
     * Creates a user and assigns it a new, unique id.
     *
     * <p>Atomic: the store itself keeps e-mail addresses unique, so of any number of concurrent
     * calls with one e-mail exactly one returns a user and every other throws
     * {@link DuplicateEmailException}.
     *
     * @param newUser the user to create
     * @return the created user, with its id
     * @throws DuplicateEmailException if a user with {@code newUser.email()} exists
     * @throws StoreException if the store fails
     * @throws NullPointerException if {@code newUser} is null
     */
    User create(NewUser newUser);

    /**
     * Finds a user by id.
     *
     * @param id the user's id
     * @return the user, or empty when there is none with that id
     * @throws StoreException if the store fails
     * @throws NullPointerException if {@code id} is null
     */
    Optional<User> findById(String id);

    /**
     * Finds a user by normalised e-mail address (exact match).
     *
     * @param email the normalised e-mail address
     * @return the user, or empty when there is none with that address
     * @throws StoreException if the store fails
     * @throws NullPointerException if {@code email} is null
     */
    Optional<User> findByEmail(String email);

    /**
     * Replaces a user's password hash. Atomic for the one user.
     *
     * @param id the user's id
     * @param passwordHash the new hash
     * @return true when the user exists and was updated; false when there is no such user
     * @throws StoreException if the store fails
     * @throws NullPointerException if an argument is null
     */
    boolean updatePasswordHash(String id, String passwordHash);

    /**
     * Replaces a user's roles. Atomic for the one user: a concurrent reader sees either the
     * old or the new set, never a mix.
     *
     * @param id the user's id
     * @param roles the new roles; may be empty
     * @return true when the user exists and was updated; false when there is no such user
     * @throws StoreException if the store fails
     * @throws NullPointerException if an argument is null
     */
    boolean updateRoles(String id, Set<String> roles);
}
