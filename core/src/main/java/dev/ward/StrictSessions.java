package dev.ward;

import dev.ward.internal.cache.ExpiringCache;
import dev.ward.store.Session;
import dev.ward.store.TokenStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Strict sessions: an access token is accepted only while its session is still active in the
 * store, so that log-out, reuse detection and password changes end access at once.
 *
 * <p>With {@link AuthSettings#strictSessionCacheTtl()} above zero, a positive check is reused
 * on this node for that long; the sessions this node revokes are forgotten at once.
 */
final class StrictSessions {

    /** The most sessions remembered; past it the cache evicts, expired entries first. */
    private static final int CACHE_LIMIT = 100_000;

    private final TokenStore tokens;
    private final Clock clock;
    private final long cacheTtlMillis;
    /** Ids of sessions found active, each until its check may no longer be reused. */
    private final ExpiringCache<String, Boolean> activeSessions;

    StrictSessions(TokenStore tokens, Clock clock, AuthSettings settings) {
        this.tokens = tokens;
        this.clock = clock;
        this.cacheTtlMillis = settings.strictSessionCacheTtl().toMillis();
        this.activeSessions = new ExpiringCache<>(cacheTtlMillis > 0 ? CACHE_LIMIT : 0);
    }

    /**
     * Requires the token's session to be active and to belong to the token's user.
     *
     * @throws AuthException {@link AuthError#INVALID_TOKEN} when the session has ended
     */
    void requireActive(AuthenticatedUser user) {
        Instant now = clock.instant();
        if (activeSessions.get(user.sessionId(), now.toEpochMilli()) != null) {
            return;
        }
        Optional<Session> session = tokens.findById(user.sessionId());
        if (session.isEmpty() || !session.get().userId().equals(user.userId()) || !session.get().isActive(now)) {
            activeSessions.remove(user.sessionId());
            throw new AuthException(AuthError.INVALID_TOKEN, "the session of this access token has ended");
        }
        if (cacheTtlMillis > 0) {
            activeSessions.put(user.sessionId(), Boolean.TRUE, now.toEpochMilli() + cacheTtlMillis);
        }
    }

    /** Forgets a session that this node is about to revoke. */
    void forget(String sessionId) {
        activeSessions.remove(sessionId);
    }

    /** Tells whether anything is remembered, so that revoking many sessions can skip the look-up. */
    boolean remembersAny() {
        return !activeSessions.isEmpty();
    }
}
