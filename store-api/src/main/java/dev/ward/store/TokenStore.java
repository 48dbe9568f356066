package dev.ward.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Stores log-in sessions (refresh-token families) and performs their rotations.
 *
 * <p>Every method is safe to call from many threads and, for a store shared through a
 * database, from many processes at once. The rotation, its re-stamp and the revocations are
 * atomic compare-and-set operations: whatever the number of concurrent callers on however many
 * nodes, a rotation succeeds for at most one caller per state it expects, and the store never
 * shows a half-applied change. Hashes are opaque strings, compared for equality only.
 *
 * <p>Instants are kept with at least millisecond precision. Failures of the store itself come
 * out as {@link StoreException}, never as {@code false}, {@code 0} or an empty result.
 *
 * <p>Limits every store keeps whole (a store may refuse longer values with a
 * {@link StoreException} that names the field but not the value): session and user ids 64
 * characters, hashes and successor masks 64, revoke reason 64, client address 45, user agent 512.
 */
public interface TokenStore {

    /**
     * Stores a new session. Every component is kept as given, {@link Session#credentialsVersion()}
     * included; no later call of this interface changes the user id or the credentials version.
     *
     * @param session the session; its id must not exist yet
     * @throws StoreException if a session with that id exists, or the store fails
     * @throws NullPointerException if {@code session} is null
     */
    void create(Session session);

    /**
     * Finds a session by id, whatever its state (also revoked or expired, until purged).
     *
     * @param sessionId the session id
     * @return the session, or empty when there is none with that id
     * @throws StoreException if the store fails
     * @throws NullPointerException if {@code sessionId} is null
     */
    Optional<Session> findById(String sessionId);

    /**
     * Rotates a session from its current secret to a new one, if it still holds the expected
     * current secret.
     *
     * <p>Atomic compare-and-set. When the session exists, is not revoked and its
     * {@code currentHash} equals {@code expectedCurrentHash}, it is changed in one step to:
     * {@code previousHash = expectedCurrentHash}, {@code currentHash = newHash},
     * {@code successorMask = successorMask}, {@code rotatedAt = now}, {@code lastUsedAt = now},
     * {@code idleExpiresAt = newIdleExpiresAt}. Of concurrent calls that expect the same hash,
     * exactly one returns true. A caller that presents the previous secret inside the grace
     * window is answered from the stored mask, without a write, so this is the only method
     * that moves a session to a new secret.
     *
     * @param sessionId the session id
     * @param expectedCurrentHash the hash the session must hold as current
     * @param newHash the hash of the new secret
     * @param successorMask the new secret masked for the holder of the expected one (opaque
     *     text, at most 64 characters; kept as given), or null to keep none
     * @param now the instant of the rotation
     * @param newIdleExpiresAt the new idle expiry
     * @return true when this call rotated the session; false when the session is absent,
     *     revoked, or holds another current hash
     * @throws StoreException if the store fails
     * @throws NullPointerException if an argument other than {@code successorMask} is null
     */
    boolean rotate(String sessionId, String expectedCurrentHash, String newHash, String successorMask, Instant now,
                   Instant newIdleExpiresAt);

    /**
     * Moves the start of a session's grace window later, if the session still holds the expected
     * current secret: for a rotation that the store applied later than the instant it was given.
     *
     * <p>Atomic. When the session exists, is not revoked, its {@code currentHash} equals
     * {@code expectedCurrentHash} and its {@code rotatedAt} is set and before
     * {@code rotatedAt}, it is changed in one step to {@code rotatedAt = rotatedAt}; nothing
     * else changes. The window never moves earlier, and a session that has rotated again is
     * left alone.
     *
     * @param sessionId the session id
     * @param expectedCurrentHash the hash the session must hold as current
     * @param rotatedAt the new start of the grace window
     * @return true when this call moved the window; false otherwise
     * @throws StoreException if the store fails
     * @throws NullPointerException if an argument is null
     */
    boolean restampRotation(String sessionId, String expectedCurrentHash, Instant rotatedAt);

    /**
     * Revokes one session. Atomic and idempotent.
     *
     * @param sessionId the session id
     * @param now the instant of revocation, stored as {@code revokedAt}
     * @param reason why, stored as {@code revokeReason} (at most 64 characters)
     * @return true when this call revoked the session; false when it is absent or was already
     *     revoked (its first {@code revokedAt} and reason are kept)
     * @throws StoreException if the store fails
     * @throws NullPointerException if an argument is null
     */
    boolean revoke(String sessionId, Instant now, String reason);

    /**
     * Revokes every session of a user that is not yet revoked, optionally all but one.
     *
     * <p>Each session is revoked atomically; the call as a whole is not a snapshot: a session
     * created while it runs may stay active.
     *
     * @param userId the user's id
     * @param exceptSessionId a session to leave alone, or null to revoke all
     * @param now the instant of revocation
     * @param reason why (at most 64 characters)
     * @return how many sessions this call revoked; 0 when the user has none to revoke
     * @throws StoreException if the store fails
     * @throws NullPointerException if {@code userId}, {@code now} or {@code reason} is null
     */
    int revokeAllForUser(String userId, String exceptSessionId, Instant now, String reason);

    /**
     * Lists a user's active sessions (not revoked, not expired at {@code now}), newest first.
     *
     * @param userId the user's id
     * @param now the instant that decides expiry
     * @return the sessions, possibly empty; an unknown user has none
     * @throws StoreException if the store fails
     * @throws NullPointerException if an argument is null
     */
    List<Session> findActiveByUser(String userId, Instant now);

    /**
     * Deletes, in one bounded batch, sessions that ended at or before {@code endedBefore}:
     * revoked at or before it, or past their absolute or idle expiry at it.
     *
     * <p>A single call never deletes more than {@code batchSize} sessions, so it never locks a
     * large table for long; call it again while it returns {@code batchSize}. Safe to run on
     * several nodes at once (each session is deleted once).
     *
     * @param endedBefore the cut-off; pass {@code now}, or an earlier instant to keep ended
     *     sessions around for a while
     * @param batchSize the most sessions to delete, at least 1
     * @return how many sessions were deleted, at most {@code batchSize}
     * @throws StoreException if the store fails
     * @throws IllegalArgumentException if {@code batchSize} is less than 1
     * @throws NullPointerException if {@code endedBefore} is null
     */
    int purge(Instant endedBefore, int batchSize);

    /**
     * Deletes every session of a user, active or ended; for deleting an account.
     *
     * <p>Each session is deleted atomically; the call as a whole is not a snapshot: a session
     * created while it runs may stay. Deleting for a user without sessions does nothing.
     *
     * @param userId the user's id
     * @return how many sessions were deleted; 0 when the user has none
     * @throws StoreException if the store fails
     * @throws NullPointerException if {@code userId} is null
     */
    int deleteAllForUser(String userId);
}
