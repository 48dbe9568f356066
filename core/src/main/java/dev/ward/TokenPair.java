package dev.ward;

import java.time.Instant;
import java.util.Objects;

/**
 * What a log-in or a refresh returns: a short-lived access token for every request and a
 * long-lived refresh token to get the next pair.
 *
 * <p>{@link #toString()} never shows either token.
 *
 * @param accessToken the signed JWT to send as {@code Authorization: Bearer ...}
 * @param accessTokenExpiresAt when the access token expires
 * @param refreshToken the opaque refresh token; only the next {@code refresh} or
 *     {@code logOut} should see it
 * @param refreshTokenExpiresAt when the refresh token expires unless used (the session's
 *     idle expiry, never after its absolute expiry)
 * @param sessionId the session (token family) this pair belongs to
 */
public record TokenPair(String accessToken, Instant accessTokenExpiresAt, String refreshToken,
                        Instant refreshTokenExpiresAt, String sessionId) {

    /**
     * Checks the components.
     *
     * @param accessToken as described for the record
     * @param accessTokenExpiresAt as described for the record
     * @param refreshToken as described for the record
     * @param refreshTokenExpiresAt as described for the record
     * @param sessionId as described for the record
     * @throws NullPointerException if a component is null
     */
    public TokenPair {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(accessTokenExpiresAt, "accessTokenExpiresAt");
        Objects.requireNonNull(refreshToken, "refreshToken");
        Objects.requireNonNull(refreshTokenExpiresAt, "refreshTokenExpiresAt");
        Objects.requireNonNull(sessionId, "sessionId");
    }

    @Override
    public String toString() {
        return "TokenPair[accessToken=***, accessTokenExpiresAt=" + accessTokenExpiresAt
                + ", refreshToken=***, refreshTokenExpiresAt=" + refreshTokenExpiresAt
                + ", sessionId=" + sessionId + "]";
    }
}
