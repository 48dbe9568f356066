package dev.ward.internal.password;

/**
 * Hashes and verifies prepared password bytes (see {@link PasswordEncoding}).
 *
 * <p>Implementations are thread-safe. {@link #verify(byte[], String)} does the same amount of
 * work whatever its inputs, so that the answer for an unknown user, a malformed stored hash or
 * a wrong password cannot be told apart by timing.
 */
public interface PasswordHasher {

    /**
     * Hashes a password.
     *
     * @param password the prepared password, 1 to 72 bytes
     * @return the hash in modular crypt format
     * @throws IllegalArgumentException if the password is empty or longer than 72 bytes
     */
    String hash(byte[] password);

    /**
     * Verifies a password against a stored hash, doing one full-cost hash computation in
     * every case.
     *
     * @param password the prepared password; any length (an unusable one never verifies)
     * @param hash the stored hash; a malformed one never verifies
     * @return true only when the password matches
     */
    boolean verify(byte[] password, String hash);

    /**
     * Returns a hash of a random password at the configured cost, to verify against when the
     * user does not exist.
     *
     * @return the dummy hash
     */
    String dummyHash();

    /**
     * Tells whether a stored hash is weaker than what this hasher makes now.
     *
     * @param hash the stored hash
     * @return true when it should be replaced at the next successful log-in
     */
    boolean needsRehash(String hash);
}
