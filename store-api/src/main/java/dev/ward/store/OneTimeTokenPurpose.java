package dev.ward.store;

import java.util.Objects;

/**
 * What a {@link OneTimeToken} is for. A token serves one purpose only: a password-reset token
 * never verifies an address, and the reverse.
 *
 * <p>Each purpose has a stable {@link #code()}, which stores keep instead of the constant's
 * name, so that renaming a constant never changes stored data.
 */
public enum OneTimeTokenPurpose {

    /** Proves that the user can read mail at the account's address. */
    EMAIL_VERIFICATION("email_verification"),

    /** Lets the user set a new password without the old one. */
    PASSWORD_RESET("password_reset"),

    /** Confirms a new address, which the token carries as its bound value. */
    EMAIL_CHANGE("email_change"),

    /** Logs the user in without a password. */
    LOG_IN_LINK("log_in_link"),

    /**
     * Lets a user who gave the right password finish logging in with a second factor; the
     * challenge of the log-in's second step.
     */
    SECOND_FACTOR_CHALLENGE("second_factor_challenge");

    private final String code;

    OneTimeTokenPurpose(String code) {
        this.code = code;
    }

    /**
     * Returns the stable code that stores keep: lower case, at most 32 characters.
     *
     * @return the code
     */
    public String code() {
        return code;
    }

    /**
     * Returns the purpose with a code.
     *
     * @param code a code that {@link #code()} returned
     * @return the purpose
     * @throws IllegalArgumentException if no purpose has this code
     * @throws NullPointerException if {@code code} is null
     */
    public static OneTimeTokenPurpose fromCode(String code) {
        Objects.requireNonNull(code, "code");
        for (OneTimeTokenPurpose purpose : values()) {
            if (purpose.code.equals(code)) {
                return purpose;
            }
        }
        throw new IllegalArgumentException("unknown one-time token purpose code '" + code + "'");
    }
}
