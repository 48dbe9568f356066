package dev.ward;

import dev.ward.internal.cache.ExpiringCache;
import dev.ward.store.Session;
import dev.ward.store.TokenStore;
import dev.ward.store.User;
import dev.ward.store.UserRepository;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Strict sessions: an access token is accepted only while its session is still active in the
 * store, with the roles the user has now, so that log-out, reuse detection, password changes
 * (also one that committed while the session's log-in was in flight: the session records
 * another credentials version than the user's) and a demotion take effect at once.
 *
 * <p>With {@link AuthSettings#strictSessionCacheTtl()} above zero, a positive check (and the
 * roles it read) is reused on this node for that long. A session this node revokes is marked
 * revoked here before the store is changed, and a check that read the session before the
 * revocation cannot cache it over that mark: the revocation wins any race on this node.
 */
final class StrictSessions {

    /** The most sessions remembered; past it the cache evicts, expired entries first. */
    private static final int CACHE_LIMIT = 100_000;
    /**
     * How much longer than a positive check a revocation mark lives: it must outlast any read
     * still in flight when the session was revoked (reads slower than this fail as StoreException).
     */
    private static final Duration MARK_MARGIN = Duration.ofMinutes(1);

    /** What this node knows of a session: active with these roles, or revoked here (roles null). */
    private record Known(Set<String> roles) {
        static final Known REVOKED = new Known(null);
    }

    private final TokenStore tokens;
    private final UserRepository users;
    private final Clock clock;
    private final long cacheTtlMillis;
    private final ExpiringCache<String, Known> known;

    StrictSessions(TokenStore tokens, UserRepository users, Clock clock, AuthSettings settings) {
        this.tokens = tokens;
        this.users = users;
        this.clock = clock;
        this.cacheTtlMillis = settings.strictSessionCacheTtl().toMillis();
        this.known = new ExpiringCache<>(cacheTtlMillis > 0 ? CACHE_LIMIT : 0);
    }

    /**
     * Requires the token's session to be active and to belong to the token's user, and
     * returns the user with the roles the user store holds now.
     *
     * @throws AuthException {@link AuthError#INVALID_TOKEN} when the session has ended or the
     *     user no longer exists
     */
    AuthenticatedUser requireActive(AuthenticatedUser user) {
        long now = clock.millis();
        Known cached = known.get(user.sessionId(), now);
        if (cached != null && cached.roles() != null) {
            return withRoles(user, cached.roles());
        }
        Optional<Session> session = tokens.findById(user.sessionId());
        if (session.isEmpty() || !session.get().userId().equals(user.userId())
                || !session.get().isActive(clock.instant())) {
            throw ended();
        }
        User stored = users.findById(user.userId()).orElseThrow(StrictSessions::ended);
        if (stored.credentialsVersion() != session.get().credentialsVersion() || stored.disabled()) {
            // Created under a password that has since changed, or by a log-in that was in flight
            // while an administrator disabled the user (after its sessions were revoked).
            throw ended();
        }
        // Never over a mark set while this read was in flight: the revocation wins.
        known.putIfAbsent(user.sessionId(), new Known(stored.roles()), now + cacheTtlMillis, now);
        return withRoles(user, stored.roles());
    }

    /** Marks a session that this node is about to revoke, before the store is changed. */
    void forget(String sessionId) {
        known.put(sessionId, Known.REVOKED, clock.millis() + cacheTtlMillis + MARK_MARGIN.toMillis());
    }

    /** Tells whether anything is remembered, so that revoking many sessions can skip the look-up. */
    boolean remembersAny() {
        return !known.isEmpty();
    }

    private static AuthenticatedUser withRoles(AuthenticatedUser user, Set<String> roles) {
        return roles.equals(user.roles()) ? user : new AuthenticatedUser(user.userId(), roles, user.sessionId(),
                user.issuedAt(), user.expiresAt(), user.tokenId());
    }

    private static AuthException ended() {
        return new AuthException(AuthError.INVALID_TOKEN, "the session of this access token has ended");
    }
}
