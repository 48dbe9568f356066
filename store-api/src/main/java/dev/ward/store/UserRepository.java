package dev.ward.store;

import java.time.Instant;
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
     * Replaces a user's password hash with another hash of the <em>same</em> password (a cost
     * upgrade at log-in), if the user's credentials version is still the expected one.
     *
     * <p>Atomic compare-and-set for the one user: when the user exists and its
     * {@link User#credentialsVersion()} equals {@code expectedCredentialsVersion}, the hash is
     * replaced and the version <em>stays</em>, so no session ends. The condition keeps an upgrade
     * computed from a password that has since been changed from bringing that password back.
     * For a new password use {@link #changePassword}.
     *
     * @param id the user's id
     * @param expectedCredentialsVersion the version the user must still have
     * @param passwordHash the new hash of the same password
     * @return true when the hash was replaced; false when there is no such user or its version
     *     differs
     * @throws StoreException if the store fails
     * @throws NullPointerException if {@code id} or {@code passwordHash} is null
     */
    boolean updatePasswordHash(String id, long expectedCredentialsVersion, String passwordHash);

    /**
     * Sets a new password: replaces the hash and increments the credentials version, if the
     * version is still the expected one.
     *
     * <p>Atomic compare-and-set for the one user: when the user exists and its
     * {@link User#credentialsVersion()} equals {@code expectedCredentialsVersion}, the hash
     * becomes {@code passwordHash} and the version {@code expectedCredentialsVersion + 1} in one
     * step; a reader sees both or neither. Of concurrent calls that expect the same version,
     * exactly one returns true. Every session created under an older version has ended (the
     * caller revokes them too); a session started from the user as this call leaves it records
     * the new version.
     *
     * @param id the user's id
     * @param expectedCredentialsVersion the version the user must still have
     * @param passwordHash the hash of the new password
     * @return true when the password was changed; false when there is no such user or its
     *     version differs (another change came first)
     * @throws StoreException if the store fails
     * @throws NullPointerException if {@code id} or {@code passwordHash} is null
     */
    boolean changePassword(String id, long expectedCredentialsVersion, String passwordHash);

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

    /**
     * Records that the owner of a user's address has proved it (followed a verification link),
     * if the address is still the one the link was sent to.
     *
     * <p>Atomic: one conditional change. When the user exists and its {@link User#email()}
     * equals {@code email}, {@link User#emailVerifiedAt()} becomes {@code verifiedAt} unless a
     * time is already recorded, in which case the earlier time stays; the call returns true in
     * both cases. A link for an address the user has since changed verifies nothing.
     *
     * @param id the user's id
     * @param email the normalised address the verification was sent to
     * @param verifiedAt the instant of the verification
     * @return true when the user exists with this address (now verified); false when there is
     *     no such user or its address differs
     * @throws StoreException if the store fails
     * @throws NullPointerException if an argument is null
     */
    boolean markEmailVerified(String id, String email, Instant verifiedAt);

    /**
     * Changes a user's e-mail address, if it is still the expected one.
     *
     * <p>Atomic compare-and-set for the one user: when the user exists and its
     * {@link User#email()} equals {@code expectedEmail}, the address becomes {@code newEmail}
     * and {@link User#emailVerifiedAt()} becomes {@code verifiedAt} in one step; a reader sees
     * both or neither. The credentials version and everything else stay. The store's own
     * uniqueness of addresses decides conflicts: when {@code newEmail} belongs to another user
     * the call throws {@link DuplicateEmailException} and changes nothing, and of concurrent
     * changes of several users to one new address exactly one succeeds. Once the change is
     * done, the old address is free for another user.
     *
     * @param id the user's id
     * @param expectedEmail the normalised address the user must still have
     * @param newEmail the new normalised address; may equal {@code expectedEmail}, which only
     *     sets the verification time
     * @param verifiedAt when the new address was verified, or null when it is not verified yet
     * @return true when the address was changed; false when there is no such user or its
     *     address differs from {@code expectedEmail}
     * @throws DuplicateEmailException if another user has {@code newEmail}
     * @throws StoreException if the store fails
     * @throws NullPointerException if {@code id}, {@code expectedEmail} or {@code newEmail} is null
     */
    boolean changeEmail(String id, String expectedEmail, String newEmail, Instant verifiedAt);

    /**
     * Disables or enables a user. Atomic for the one user; nothing else changes.
     *
     * @param id the user's id
     * @param disabled true to disable, false to enable
     * @return true when the user exists, whether or not the flag changed; false when there is
     *     no such user
     * @throws StoreException if the store fails
     * @throws NullPointerException if {@code id} is null
     */
    boolean setDisabled(String id, boolean disabled);

    /**
     * Deletes a user. Atomic; deleting an absent id does nothing. Afterwards the user's e-mail
     * address is free for a new sign-up.
     *
     * <p>The user's sessions, one-time tokens and known devices are kept by other stores, which
     * this call does not touch: delete them with {@link TokenStore#deleteAllForUser},
     * {@link OneTimeTokenStore#deleteAllForUser} and {@link LoginAttemptStore#deleteDevicesForUser}.
     *
     * @param id the user's id
     * @return true when the user existed and was deleted; false when there is no such user
     * @throws StoreException if the store fails
     * @throws NullPointerException if {@code id} is null
     */
    boolean delete(String id);
}
