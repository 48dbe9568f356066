package dev.ward;

import dev.ward.internal.token.RefreshTokens;
import dev.ward.internal.validation.Texts;
import dev.ward.store.Session;
import dev.ward.store.TokenStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Ending sessions: log-out with a refresh token, log-out everywhere, one device from a
 * "your devices" page, and the revocations that rotation and password changes decide on.
 * Every revocation passes through {@link #revoke}, which also forgets the session in this
 * node's strict-session cache.
 */
final class SessionRevocation {

    private static final System.Logger LOG = System.getLogger("dev.ward");

    private final TokenStore tokens;
    private final StrictSessions strict;
    private final Events events;
    private final Clock clock;

    SessionRevocation(TokenStore tokens, StrictSessions strict, Events events, Clock clock) {
        this.tokens = tokens;
        this.strict = strict;
        this.events = events;
        this.clock = clock;
    }

    /** Revokes one session; true when this call ended it (it was not revoked before). */
    boolean revoke(String sessionId, RevocationReason reason, Instant now) {
        strict.forget(sessionId);
        return tokens.revoke(sessionId, now, reason.code());
    }

    /** Revokes a session whose old refresh token came back, and raises the alarm once. */
    void revokeForReuse(Session session, ClientInfo client, Instant now) {
        if (revoke(session.id(), RevocationReason.REUSE_DETECTED, now)) {
            LOG.log(System.Logger.Level.WARNING, "refresh token reuse detected: session " + session.id()
                    + " of user " + session.userId() + " revoked");
            events.emit(new AuthEvent.RefreshTokenReused(now, session.userId(), session.id(), client));
        }
    }

    /** See {@link AuthManager#logOut(String)}. */
    void logOut(String refreshToken) {
        RefreshTokens.Parsed presented = RefreshTokens.parse(refreshToken);
        if (presented == null) {
            return;
        }
        Optional<Session> session = tokens.findById(presented.sessionId());
        if (session.isEmpty() || !RefreshTokens.hashesEqual(session.get().familyHash(), presented.familyHash())) {
            return;
        }
        Instant now = clock.instant();
        if (revoke(presented.sessionId(), RevocationReason.LOGOUT, now)) {
            events.emit(new AuthEvent.LoggedOut(now, session.get().userId(), presented.sessionId()));
        }
    }

    /**
     * Revokes every active session of a user but one.
     *
     * @param exceptSessionId the session to keep, or null for none
     * @return how many sessions were ended
     */
    int revokeAll(String userId, String exceptSessionId, RevocationReason reason) {
        Instant now = clock.instant();
        if (strict.remembersAny()) {
            // Only the strict-session cache needs the ids; it is empty unless its TTL is set.
            for (Session s : tokens.findActiveByUser(userId, now)) {
                strict.forget(s.id());
            }
        }
        int count = tokens.revokeAllForUser(userId, exceptSessionId, now, reason.code());
        if (count > 0) {
            events.emit(new AuthEvent.SessionsRevoked(now, userId, count, reason));
        }
        return count;
    }

    /** See {@link AuthManager#sessions(String)}. */
    List<SessionInfo> list(String userId) {
        List<SessionInfo> result = new ArrayList<>();
        for (Session s : tokens.findActiveByUser(userId, clock.instant())) {
            result.add(new SessionInfo(s.id(), s.createdAt(), s.lastUsedAt(), s.idleExpiresAt(), s.clientIp(),
                    s.userAgent()));
        }
        return List.copyOf(result);
    }

    /** See {@link AuthManager#revokeSession(String, String)}. */
    boolean revokeOne(String userId, String sessionId) {
        if (!Texts.isPlain(sessionId)) {
            // No session has such an id, and some stores refuse the text itself (a NUL is an
            // error on PostgreSQL): the answer is "not found" on every store, never a failure.
            return false;
        }
        Instant now = clock.instant();
        Optional<Session> session = tokens.findById(sessionId);
        if (session.isEmpty() || !session.get().userId().equals(userId) || !session.get().isActive(now)) {
            return false;
        }
        boolean revoked = revoke(sessionId, RevocationReason.REVOKED_BY_USER, now);
        if (revoked) {
            events.emit(new AuthEvent.SessionsRevoked(now, userId, 1, RevocationReason.REVOKED_BY_USER));
        }
        return revoked;
    }
}
