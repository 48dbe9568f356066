package dev.ward.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One log-in session, also called a refresh-token family.
 *
 * <p>The store keeps only hashes of the refresh-token secrets, never the secrets themselves:
 * {@code familyHash} stays fixed for the life of the session and proves that a presented token
 * was issued for it; {@code currentHash} is the one secret that rotates now;
 * {@code previousHash} is the secret it replaced, accepted again only inside the grace window
 * that starts at {@code rotatedAt}. {@code successorMask} is the current secret masked with a
 * pad that only the holder of the previous secret can compute, so a caller presenting the
 * previous token inside the grace window gets the very token the rotation issued, while the
 * stored row alone yields no usable token. All hashes and the mask are opaque strings to a
 * store, compared for equality only.
 *
 * <p>A session is <em>active</em> at an instant when it is not revoked and neither its
 * absolute expiry ({@code expiresAt}) nor its idle expiry ({@code idleExpiresAt}) has been
 * reached. {@link #toString()} never shows a hash or the mask.
 *
 * @param id the session id (128 random bits, URL-safe text); never blank
 * @param userId the id of the user who logged in
 * @param familyHash hash of the family secret, fixed for the session's life
 * @param currentHash hash of the current refresh-token secret
 * @param previousHash hash of the secret that {@code currentHash} replaced, or null before the
 *     first rotation
 * @param successorMask the secret of {@code currentHash} masked for the holder of the secret of
 *     {@code previousHash} (opaque text, at most 64 characters), or null before the first
 *     rotation or when the rotation kept none
 * @param createdAt when the session was created (the log-in)
 * @param expiresAt the absolute end of the session, whatever its use
 * @param idleExpiresAt when the session ends unless refreshed; never after {@code expiresAt}
 * @param rotatedAt when {@code previousHash} was replaced, or null before the first rotation
 * @param lastUsedAt when the session was created or last refreshed
 * @param revokedAt when the session was revoked, or null while it is not
 * @param revokeReason why it was revoked (for example {@code "logout"}), or null while it is not
 * @param clientIp the client's address at log-in, or null when the host gave none
 * @param userAgent the client's user agent at log-in, or null when the host gave none
 * @param credentialsVersion the user's {@link User#credentialsVersion()} when the session was
 *     created; a session whose user has another version now has ended (the password changed)
 */
public record Session(String id, String userId, String familyHash, String currentHash,
                      String previousHash, String successorMask, Instant createdAt, Instant expiresAt,
                      Instant idleExpiresAt, Instant rotatedAt, Instant lastUsedAt,
                      Instant revokedAt, String revokeReason, String clientIp, String userAgent,
                      long credentialsVersion) {

    /**
     * Checks that the required components are present.
     *
     * @param id as described for the record
     * @param userId as described for the record
     * @param familyHash as described for the record
     * @param currentHash as described for the record
     * @param previousHash as described for the record
     * @param successorMask as described for the record
     * @param createdAt as described for the record
     * @param expiresAt as described for the record
     * @param idleExpiresAt as described for the record
     * @param rotatedAt as described for the record
     * @param lastUsedAt as described for the record
     * @param revokedAt as described for the record
     * @param revokeReason as described for the record
     * @param clientIp as described for the record
     * @param userAgent as described for the record
     * @param credentialsVersion as described for the record
     * @throws NullPointerException if a required component is null
     * @throws IllegalArgumentException if {@code id} is blank
     */
    public Session {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(familyHash, "familyHash");
        Objects.requireNonNull(currentHash, "currentHash");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(idleExpiresAt, "idleExpiresAt");
        Objects.requireNonNull(lastUsedAt, "lastUsedAt");
        if (id.isBlank()) {
            throw new IllegalArgumentException("id must not be blank");
        }
    }

    /**
     * Creates a session as a log-in does, for a user whose password has never been changed
     * (credentials version 0): not yet rotated, not revoked.
     *
     * @param id the session id
     * @param userId the user's id
     * @param familyHash hash of the family secret
     * @param currentHash hash of the first refresh-token secret
     * @param createdAt the log-in instant, also the first {@code lastUsedAt}
     * @param expiresAt the absolute end
     * @param idleExpiresAt the idle end
     * @param clientIp the client's address, or null
     * @param userAgent the client's user agent, or null
     * @return the new session
     */
    public static Session start(String id, String userId, String familyHash, String currentHash,
                                Instant createdAt, Instant expiresAt, Instant idleExpiresAt,
                                String clientIp, String userAgent) {
        return start(id, userId, 0, familyHash, currentHash, createdAt, expiresAt, idleExpiresAt, clientIp,
                userAgent);
    }

    /**
     * Creates a session as a log-in does: not yet rotated, not revoked.
     *
     * @param id the session id
     * @param userId the user's id
     * @param credentialsVersion the user's credentials version, as read at the log-in
     * @param familyHash hash of the family secret
     * @param currentHash hash of the first refresh-token secret
     * @param createdAt the log-in instant, also the first {@code lastUsedAt}
     * @param expiresAt the absolute end
     * @param idleExpiresAt the idle end
     * @param clientIp the client's address, or null
     * @param userAgent the client's user agent, or null
     * @return the new session
     */
    public static Session start(String id, String userId, long credentialsVersion, String familyHash,
                                String currentHash, Instant createdAt, Instant expiresAt, Instant idleExpiresAt,
                                String clientIp, String userAgent) {
        return new Session(id, userId, familyHash, currentHash, null, null, createdAt, expiresAt,
                idleExpiresAt, null, createdAt, null, null, clientIp, userAgent, credentialsVersion);
    }

    /**
     * Tells whether the session has been revoked.
     *
     * @return true once {@code revokedAt} is set
     */
    public boolean isRevoked() {
        return revokedAt != null;
    }

    /**
     * Tells whether the session has reached its absolute or its idle expiry at {@code now}.
     *
     * @param now the instant to test
     * @return true when {@code now} is at or after either expiry
     */
    public boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt) || !now.isBefore(idleExpiresAt);
    }

    /**
     * Tells whether the session is active at {@code now}: not revoked and not expired.
     *
     * @param now the instant to test
     * @return true when the session can still be refreshed
     */
    public boolean isActive(Instant now) {
        return !isRevoked() && !isExpired(now);
    }

    @Override
    public String toString() {
        return "Session[id=" + id + ", userId=" + userId + ", createdAt=" + createdAt
                + ", expiresAt=" + expiresAt + ", idleExpiresAt=" + idleExpiresAt
                + ", rotatedAt=" + rotatedAt + ", lastUsedAt=" + lastUsedAt
                + ", revokedAt=" + revokedAt + ", revokeReason=" + revokeReason
                + ", clientIp=" + clientIp + ", userAgent=" + userAgent
                + ", credentialsVersion=" + credentialsVersion + "]";
    }
}
