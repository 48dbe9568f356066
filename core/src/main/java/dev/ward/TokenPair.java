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
 * @param deviceToken after a log-in, the device token the client keeps and sends with its next
 *     log-ins ({@link LogInRequest#deviceToken()}), so that failures from unknown clients do
 *     not lock it out; null after a refresh, or when device tokens are off. Like a refresh
 *     token, it belongs in storage that page scripts cannot read (an HttpOnly cookie)
 * @param deviceTokenExpiresAt when the device token stops counting; null when there is none
 */
public record TokenPair(String accessToken, Instant accessTokenExpiresAt, String refreshToken,
                        Instant refreshTokenExpiresAt, String sessionId, String deviceToken,
                        Instant deviceTokenExpiresAt) {

    /**
     * Checks the components.
     *
     * @param accessToken as described for the record
     * @param accessTokenExpiresAt as described for the record
     * @param refreshToken as described for the record
     * @param refreshTokenExpiresAt as described for the record
     * @param sessionId as described for the record
     * @param deviceToken as described for the record
     * @param deviceTokenExpiresAt as described for the record
     * @throws NullPointerException if a component other than the device token's is null
     * @throws IllegalArgumentException if only one of the device token and its expiry is given
     */
    public TokenPair {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(accessTokenExpiresAt, "accessTokenExpiresAt");
        Objects.requireNonNull(refreshToken, "refreshToken");
        Objects.requireNonNull(refreshTokenExpiresAt, "refreshTokenExpiresAt");
        Objects.requireNonNull(sessionId, "sessionId");
        if ((deviceToken == null) != (deviceTokenExpiresAt == null)) {
            throw new IllegalArgumentException("deviceToken and deviceTokenExpiresAt go together");
        }
    }

    /**
     * Creates a pair without a device token, as a refresh returns.
     *
     * @param accessToken as described for the record
     * @param accessTokenExpiresAt as described for the record
     * @param refreshToken as described for the record
     * @param refreshTokenExpiresAt as described for the record
     * @param sessionId as described for the record
     * @throws NullPointerException if an argument is null
     */
    public TokenPair(String accessToken, Instant accessTokenExpiresAt, String refreshToken,
                     Instant refreshTokenExpiresAt, String sessionId) {
        this(accessToken, accessTokenExpiresAt, refreshToken, refreshTokenExpiresAt, sessionId, null, null);
    }

    @Override
    public String toString() {
        return "TokenPair[accessToken=***, accessTokenExpiresAt=" + accessTokenExpiresAt
                + ", refreshToken=***, refreshTokenExpiresAt=" + refreshTokenExpiresAt
                + ", sessionId=" + sessionId + ", deviceToken=" + (deviceToken == null ? "null" : "***")
                + ", deviceTokenExpiresAt=" + deviceTokenExpiresAt + "]";
    }
}
