package dev.ward;

import java.util.Optional;

/**
 * An extra rule of a {@link PasswordPolicy}, for what the built-in rules do not cover: a
 * breached-password service, a company dictionary, and so on.
 *
 * <p>Called on every sign-up and password change, after the built-in rules, from many threads
 * at once. An exception it throws reaches the caller of the {@link AuthManager} method
 * unchanged; a check that calls a remote service decides itself whether to fail open or closed.
 */
@FunctionalInterface
public interface PasswordCheck {

    /**
     * Checks a password.
     *
     * @param password the password, NFKC-normalised
     * @param userName the user's name, or null when unknown
     * @param email the user's normalised e-mail address, or null when unknown
     * @return why the password is refused (a short English phrase that does not repeat the
     *     password, for example {@code "appears in a data breach"}), or empty to accept it
     */
    Optional<String> check(String password, String userName, String email);
}
