package dev.ward;

import java.time.Instant;
import java.util.Objects;

/**
 * One active session of a user, for a "your devices" list.
 *
 * @param id the session id, for {@link AuthManager#revokeSession(String, String)}
 * @param createdAt when the user logged in
 * @param lastUsedAt when the session was created or last refreshed
 * @param expiresAt when the session ends unless refreshed (its idle expiry)
 * @param ip the client's address at log-in, or null
 * @param userAgent the client's user agent at log-in, or null
 */
public record SessionInfo(String id, Instant createdAt, Instant lastUsedAt, Instant expiresAt, String ip,
                          String userAgent) {

    /**
     * Checks the components.
     *
     * @param id as described for the record
     * @param createdAt as described for the record
     * @param lastUsedAt as described for the record
     * @param expiresAt as described for the record
     * @param ip as described for the record
     * @param userAgent as described for the record
     * @throws NullPointerException if a required component is null
     */
    public SessionInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastUsedAt, "lastUsedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
