package dev.ward;

/**
 * The stable codes of {@link AuthException}, each with the HTTP status that fits it.
 *
 * <p>Codes are part of Ward's API: they do not change meaning between versions. A store
 * failure is not among them: it is a {@link dev.ward.store.StoreException}, which a host maps
 * to 503, so that a database outage never reads as a failed log-in.
 */
public enum AuthError {

    /** The request is malformed or breaks a rule (every field violation is attached). */
    INVALID_REQUEST(400),
    /** Sign-up with an e-mail address that already has an account. */
    EMAIL_TAKEN(409),
    /** Wrong e-mail or password: one code for both, so that the answer reveals neither. */
    INVALID_CREDENTIALS(401),
    /** Too many failed log-ins for this account or client; see {@link AuthException#retryAfter()}. */
    TOO_MANY_ATTEMPTS(429),
    /** The token is malformed, forged, revoked, for another audience, or otherwise unusable. */
    INVALID_TOKEN(401),
    /** The token or its session has expired; the client should log in (or refresh) again. */
    TOKEN_EXPIRED(401),
    /** An old refresh token was presented again: its session has been revoked as stolen. */
    REFRESH_TOKEN_REUSED(401),
    /** Authenticated, but without a role the operation needs. */
    FORBIDDEN(403),
    /**
     * A single-use link's token (e-mail verification, password reset, e-mail change, log-in
     * link) is unknown, expired, already used, superseded by a newer one, or for another
     * purpose: one code for all, so that the answer reveals nothing about the token.
     */
    INVALID_ONE_TIME_TOKEN(400),
    /**
     * The password was right, but the account's e-mail address is not verified yet and
     * {@link AuthSettings#requireVerifiedEmail()} is on. Given only after the password checked
     * out, so it tells a guesser nothing.
     */
    EMAIL_NOT_VERIFIED(403),
    /**
     * The password was right, but an administrator has disabled the account. Given only after
     * the password checked out.
     */
    ACCOUNT_DISABLED(403),
    /**
     * The operation is switched off in this manager's {@link AuthSettings} (for example
     * log-in links, see {@link AuthSettings#logInLinks()}).
     */
    NOT_ENABLED(404);

    private final int httpStatus;

    AuthError(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    /**
     * Returns the HTTP status that fits this error.
     *
     * @return for example 401
     */
    public int httpStatus() {
        return httpStatus;
    }
}
