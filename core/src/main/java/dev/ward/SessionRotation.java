package dev.ward;

import dev.ward.internal.token.AccessTokenCodec;
import dev.ward.internal.token.Base64Url;
import dev.ward.internal.token.RefreshTokens;
import dev.ward.store.Session;
import dev.ward.store.StoreException;
import dev.ward.store.TokenStore;
import dev.ward.store.User;
import dev.ward.store.UserRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;

/**
 * Sessions and their tokens: starting a session at log-in, and rotating its refresh token at
 * every refresh (DESIGN.md, "Rotation"). Each success hands out a fresh access token with the
 * roles read from the user store at that moment.
 */
final class SessionRotation {

    /** Compare-and-set rounds before giving up; each lost round means another caller progressed. */
    private static final int MAX_ROTATION_ROUNDS = 4;

    /** How much later than its instant a rotation may be applied before its window is re-stamped. */
    private static final Duration LATE_ROTATION = Duration.ofSeconds(1);

    private final UserRepository users;
    private final TokenStore tokens;
    private final AccessTokenCodec codec;
    private final SessionRevocation revocation;
    private final Events events;
    private final Clock clock;
    private final Duration accessTokenTtl;
    private final Duration idleTtl;
    private final Duration maxLifetime;
    private final Duration grace;

    SessionRotation(UserRepository users, TokenStore tokens, AccessTokenCodec codec, SessionRevocation revocation,
                    Events events, Clock clock, AuthSettings settings) {
        this.users = users;
        this.tokens = tokens;
        this.codec = codec;
        this.revocation = revocation;
        this.events = events;
        this.clock = clock;
        this.accessTokenTtl = settings.accessTokenTtl();
        this.idleTtl = settings.refreshTokenIdleTtl();
        this.maxLifetime = settings.sessionMaxLifetime();
        this.grace = settings.refreshReuseGrace();
    }

    /** Starts a new session, under the user's credentials version, for a user who just proved who they are. */
    TokenPair start(User user, ClientInfo client, Instant now) {
        String sessionId = RefreshTokens.newSessionId();
        byte[] family = RefreshTokens.newFamilySecret();
        try {
            RefreshTokens.Issued refresh = RefreshTokens.issue(sessionId, family);
            Instant expiresAt = now.plus(maxLifetime);
            Instant idleExpiresAt = earlier(now.plus(idleTtl), expiresAt);
            // The version as the caller read the user: a password change that commits after that
            // read ends this session at its first refresh, however late it is stored.
            tokens.create(Session.start(sessionId, user.id(), user.credentialsVersion(), RefreshTokens.sha256(family),
                    refresh.secretHash(), now, expiresAt, idleExpiresAt, client.ip(), client.userAgent()));
            return pair(user, sessionId, refresh.token(), idleExpiresAt, now);
        } finally {
            Arrays.fill(family, (byte) 0);
        }
    }

    /** See {@link AuthManager#refresh(String, ClientInfo)}. */
    TokenPair refresh(String refreshToken, ClientInfo client) {
        RefreshTokens.Parsed presented = RefreshTokens.parse(refreshToken);
        if (presented == null) {
            throw new AuthException(AuthError.INVALID_TOKEN, "not a valid refresh token");
        }
        try {
            return refresh(presented, client);
        } finally {
            presented.clear();
        }
    }

    private TokenPair refresh(RefreshTokens.Parsed presented, ClientInfo client) {
        Instant now = clock.instant();
        Session session = tokens.findById(presented.sessionId()).orElseThrow(SessionRotation::unknownSession);
        if (!RefreshTokens.hashesEqual(session.familyHash(), presented.familyHash())) {
            // Not issued for this session: someone who knows only the session id. No revocation.
            throw unknownSession();
        }
        User user = null;
        for (int round = 0; round < MAX_ROTATION_ROUNDS; round++) {
            if (session.isRevoked()) {
                throw RevocationReason.REUSE_DETECTED.code().equals(session.revokeReason()) ? reused() : ended();
            }
            if (session.isExpired(now)) {
                throw new AuthException(AuthError.TOKEN_EXPIRED, "the session has expired: log in again");
            }
            boolean current = RefreshTokens.hashesEqual(presented.secretHash(), session.currentHash());
            boolean previous = !current && RefreshTokens.hashesEqual(presented.secretHash(), session.previousHash());
            if (!current && !(previous && withinGrace(session, now))) {
                revocation.revokeForReuse(session, client, now);
                throw reused();
            }
            if (user == null) {
                user = users.findById(session.userId()).orElse(null);
                if (user == null) {
                    revocation.revoke(session.id(), RevocationReason.USER_GONE, now);
                    throw ended();
                }
                if (user.disabled()) {
                    // Disabled while this session's log-in was in flight, after the sessions were revoked.
                    revocation.revoke(session.id(), RevocationReason.USER_DISABLED, now);
                    throw ended();
                }
                if (user.credentialsVersion() != session.credentialsVersion()) {
                    // Created under a password that has since changed (a log-in that was in flight).
                    revocation.revoke(session.id(), RevocationReason.PASSWORD_CHANGED, now);
                    throw ended();
                }
            }
            if (previous) {
                return sameSuccessor(presented, session, user, now);
            }
            RefreshTokens.Issued next = RefreshTokens.successor(presented);
            Instant idleExpiresAt = earlier(now.plus(idleTtl), session.expiresAt());
            // Compare-and-set: when it fails, another caller rotated first; read the session
            // again and decide anew (then most likely from the previous hash, inside the window).
            if (tokens.rotate(session.id(), session.currentHash(), next.secretHash(), next.successorMask(), now,
                    idleExpiresAt)) {
                restampIfLate(session.id(), next.secretHash(), now);
                TokenPair pair = pair(user, session.id(), next.token(), idleExpiresAt, now);
                events.emit(new AuthEvent.Refreshed(now, user.id(), session.id(), false));
                return pair;
            }
            session = tokens.findById(session.id()).orElseThrow(SessionRotation::ended);
        }
        throw new AuthException(AuthError.INVALID_TOKEN, "the session changed concurrently: try again");
    }

    /**
     * Answers the previous token inside the grace window with the successor its rotation issued,
     * unmasked from the store: no write, so the session never forks.
     */
    private TokenPair sameSuccessor(RefreshTokens.Parsed presented, Session session, User user, Instant now) {
        RefreshTokens.Issued next = RefreshTokens.unmask(presented, session.successorMask(), session.currentHash());
        if (next == null) {
            // A rotation that kept no mask (or a row changed by something other than Ward): the
            // caller is honest as far as we know, so no revocation, but there is no token to give.
            throw new AuthException(AuthError.INVALID_TOKEN, "the session changed concurrently: log in again");
        }
        TokenPair pair = pair(user, session.id(), next.token(), session.idleExpiresAt(), now);
        events.emit(new AuthEvent.Refreshed(now, user.id(), session.id(), true));
        return pair;
    }

    /**
     * A store that applied the rotation long after {@code now} (a stalled database) would
     * otherwise leave a grace window that started in the past, or has already closed, for a
     * client that retries: move its start to when the rotation really happened.
     */
    private void restampIfLate(String sessionId, String currentHash, Instant now) {
        if (grace.isZero()) {
            return;
        }
        Instant after = clock.instant();
        if (after.isAfter(now.plus(LATE_ROTATION))) {
            try {
                tokens.restampRotation(sessionId, currentHash, after);
            } catch (StoreException e) {
                // Best effort: the rotation stands and this caller gets its token; only a retry
                // of the previous token after the unmoved window would be taken for reuse.
            }
        }
    }

    private boolean withinGrace(Session session, Instant now) {
        return !grace.isZero() && session.rotatedAt() != null && now.isBefore(session.rotatedAt().plus(grace));
    }

    private TokenPair pair(User user, String sessionId, String refreshToken, Instant refreshExpiresAt, Instant now) {
        Instant issuedAt = now.truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = issuedAt.plusSeconds(accessTokenTtl.toSeconds());
        String jti = Base64Url.encode(RefreshTokens.randomBytes(16));
        String accessToken = codec.issue(user.id(), sessionId, user.roles(), issuedAt, expiresAt, jti);
        return new TokenPair(accessToken, expiresAt, refreshToken, refreshExpiresAt, sessionId);
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static AuthException unknownSession() {
        return new AuthException(AuthError.INVALID_TOKEN, "unknown refresh token");
    }

    private static AuthException ended() {
        return new AuthException(AuthError.INVALID_TOKEN, "the session of this refresh token has ended");
    }

    private static AuthException reused() {
        return new AuthException(AuthError.REFRESH_TOKEN_REUSED,
                "this refresh token was already used: the session has been ended, log in again");
    }
}
