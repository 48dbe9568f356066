package dev.ward;

import dev.ward.store.Session;
import dev.ward.store.TokenStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Strict sessions: an access token is accepted only while its session is still active in the
 * store, so that log-out, reuse detection and password changes end access at once.
 *
 * <p>With {@link AuthSettings#strictSessionCacheTtl()} above zero, a positive check is reused
 * on this node for that long; the sessions this node revokes are forgotten at once.
 */
final class StrictSessions {

    private static final int CACHE_LIMIT = 100_000;

    private final TokenStore tokens;
    private final Clock clock;
    private final long cacheTtlMillis;
    /** Session id to the epoch millisecond until which it counts as active. */
    private final ConcurrentHashMap<String, Long> activeSessions = new ConcurrentHashMap<>();

    StrictSessions(TokenStore tokens, Clock clock, AuthSettings settings) {
        this.tokens = tokens;
        this.clock = clock;
        this.cacheTtlMillis = settings.strictSessionCacheTtl().toMillis();
    }

    /**
     * Requires the token's session to be active and to belong to the token's user.
     *
     * @throws AuthException {@link AuthError#INVALID_TOKEN} when the session has ended
     */
    void requireActive(AuthenticatedUser user) {
        Instant now = clock.instant();
        Long until = activeSessions.get(user.sessionId());
        if (until != null && until > now.toEpochMilli()) {
            return;
        }
        Optional<Session> session = tokens.findById(user.sessionId());
        if (session.isEmpty() || !session.get().userId().equals(user.userId()) || !session.get().isActive(now)) {
            activeSessions.remove(user.sessionId());
            throw new AuthException(AuthError.INVALID_TOKEN, "the session of this access token has ended");
        }
        if (cacheTtlMillis > 0) {
            if (activeSessions.size() >= CACHE_LIMIT) {
                activeSessions.clear();
            }
            activeSessions.put(user.sessionId(), now.toEpochMilli() + cacheTtlMillis);
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
