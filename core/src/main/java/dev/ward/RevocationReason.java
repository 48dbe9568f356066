package dev.ward;

import java.util.Optional;

/**
 * Why a session was ended, as carried by {@link AuthEvent.SessionsRevoked} and stored with the
 * session ({@code Session.revokeReason()} holds its {@link #code()}).
 *
 * <p>Each reason has a stable {@link #code()}: the text the stores keep in their
 * {@code revoke_reason} column. Codes never change once released, so a host may switch on the
 * enum and a database query may filter on the code.
 */
public enum RevocationReason {

    /** The user logged out with this session's refresh token. */
    LOGOUT("logout"),
    /** The user, or the host for the user, ended every session: log out everywhere. */
    LOGOUT_EVERYWHERE("logout-everywhere"),
    /** A refresh token of the session was presented after it had been replaced: likely theft. */
    REUSE_DETECTED("reuse-detected"),
    /** The user ended this one session, for example from a "your devices" page. */
    REVOKED_BY_USER("revoked"),
    /** The session's user no longer exists. */
    USER_GONE("user-gone"),
    /** The user's password was changed or reset. */
    PASSWORD_CHANGED("password-changed"),
    /** An administrator disabled the user. */
    USER_DISABLED("user-disabled");

    private final String code;

    RevocationReason(String code) {
        this.code = code;
    }

    /**
     * Returns the stable text stored for this reason.
     *
     * @return the code, for example {@code "reuse-detected"}
     */
    public String code() {
        return code;
    }

    /**
     * Finds the reason a stored code stands for.
     *
     * @param code a code as stored, may be null
     * @return the reason, or empty for null or a code Ward did not write (a store may hold
     *     reasons written by the host or by a newer version)
     */
    public static Optional<RevocationReason> fromCode(String code) {
        for (RevocationReason reason : values()) {
            if (reason.code.equals(code)) {
                return Optional.of(reason);
            }
        }
        return Optional.empty();
    }
}
