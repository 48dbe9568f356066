package dev.ward.store.memory;

import dev.ward.store.Session;
import dev.ward.store.StoreException;
import dev.ward.store.TokenStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A {@link TokenStore} that keeps sessions in memory.
 *
 * <p>For tests, demos and single-node applications that can afford to log everyone out on
 * restart; not for anything that runs on more than one process. Thread-safe and lock-free:
 * every rotation and revocation is one atomic {@code compute} of a {@link ConcurrentHashMap},
 * so its compare-and-set has exactly one winner. A per-user index makes listing and revoking
 * a user's sessions independent of the total number of sessions. Memory grows with the number
 * of sessions; call {@link #purge(Instant, int)} regularly.
 */
public final class InMemoryTokenStore implements TokenStore {

    private final ConcurrentMap<String, Session> sessions = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Set<String>> sessionIdsByUser = new ConcurrentHashMap<>();

    /** Creates an empty store. */
    public InMemoryTokenStore() {
    }

    @Override
    public void create(Session session) {
        Objects.requireNonNull(session, "session");
        if (sessions.putIfAbsent(session.id(), session) != null) {
            throw new StoreException("a session with this id already exists");
        }
        // compute() on the user's entry so that a purge emptying the same set cannot drop it.
        sessionIdsByUser.compute(session.userId(), (user, ids) -> {
            Set<String> set = ids == null ? ConcurrentHashMap.newKeySet() : ids;
            set.add(session.id());
            return set;
        });
    }

    @Override
    public Optional<Session> findById(String sessionId) {
        Objects.requireNonNull(sessionId, "sessionId");
        return Optional.ofNullable(sessions.get(sessionId));
    }

    @Override
    public boolean rotate(String sessionId, String expectedCurrentHash, String newHash, Instant now,
                          Instant newIdleExpiresAt) {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(expectedCurrentHash, "expectedCurrentHash");
        Objects.requireNonNull(newHash, "newHash");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(newIdleExpiresAt, "newIdleExpiresAt");
        boolean[] won = new boolean[1];
        // The compute function runs atomically for this key: the check and the change are one step.
        sessions.computeIfPresent(sessionId, (id, s) -> {
            if (s.isRevoked() || !s.currentHash().equals(expectedCurrentHash)) {
                return s;
            }
            won[0] = true;
            return new Session(s.id(), s.userId(), s.familyHash(), newHash, expectedCurrentHash, s.createdAt(),
                    s.expiresAt(), newIdleExpiresAt, now, now, null, null, s.clientIp(), s.userAgent());
        });
        return won[0];
    }

    @Override
    public boolean rotateWithinGrace(String sessionId, String expectedPreviousHash, Instant rotatedAfter,
                                     String newHash, Instant now, Instant newIdleExpiresAt) {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(expectedPreviousHash, "expectedPreviousHash");
        Objects.requireNonNull(rotatedAfter, "rotatedAfter");
        Objects.requireNonNull(newHash, "newHash");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(newIdleExpiresAt, "newIdleExpiresAt");
        boolean[] won = new boolean[1];
        sessions.computeIfPresent(sessionId, (id, s) -> {
            if (s.isRevoked() || s.previousHash() == null || !s.previousHash().equals(expectedPreviousHash)
                    || s.rotatedAt() == null || !s.rotatedAt().isAfter(rotatedAfter)) {
                return s;
            }
            won[0] = true;
            return new Session(s.id(), s.userId(), s.familyHash(), newHash, s.previousHash(), s.createdAt(),
                    s.expiresAt(), newIdleExpiresAt, s.rotatedAt(), now, null, null, s.clientIp(), s.userAgent());
        });
        return won[0];
    }

    @Override
    public boolean revoke(String sessionId, Instant now, String reason) {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(reason, "reason");
        boolean[] won = new boolean[1];
        sessions.computeIfPresent(sessionId, (id, s) -> {
            if (s.isRevoked()) {
                return s;
            }
            won[0] = true;
            return revoked(s, now, reason);
        });
        return won[0];
    }

    private static Session revoked(Session s, Instant now, String reason) {
        return new Session(s.id(), s.userId(), s.familyHash(), s.currentHash(), s.previousHash(), s.createdAt(),
                s.expiresAt(), s.idleExpiresAt(), s.rotatedAt(), s.lastUsedAt(), now, reason, s.clientIp(),
                s.userAgent());
    }

    @Override
    public int revokeAllForUser(String userId, String exceptSessionId, Instant now, String reason) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(reason, "reason");
        Set<String> ids = sessionIdsByUser.get(userId);
        if (ids == null) {
            return 0;
        }
        int count = 0;
        for (String id : ids) {
            if (!id.equals(exceptSessionId) && revoke(id, now, reason)) {
                count++;
            }
        }
        return count;
    }

    @Override
    public List<Session> findActiveByUser(String userId, Instant now) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(now, "now");
        Set<String> ids = sessionIdsByUser.get(userId);
        if (ids == null) {
            return List.of();
        }
        List<Session> active = new ArrayList<>();
        for (String id : ids) {
            Session s = sessions.get(id);
            if (s != null && s.isActive(now)) {
                active.add(s);
            }
        }
        active.sort(Comparator.comparing(Session::createdAt).reversed().thenComparing(Session::id));
        return List.copyOf(active);
    }

    @Override
    public int purge(Instant endedBefore, int batchSize) {
        Objects.requireNonNull(endedBefore, "endedBefore");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
        int deleted = 0;
        for (Session s : sessions.values()) {
            if (deleted >= batchSize) {
                break;
            }
            boolean ended = s.isExpired(endedBefore)
                    || (s.revokedAt() != null && !s.revokedAt().isAfter(endedBefore));
            // remove(key, value) deletes only the state we looked at; a concurrent purger deletes it once.
            if (ended && sessions.remove(s.id(), s)) {
                unindex(s);
                deleted++;
            }
        }
        return deleted;
    }

    private void unindex(Session s) {
        sessionIdsByUser.computeIfPresent(s.userId(), (user, ids) -> {
            ids.remove(s.id());
            return ids.isEmpty() ? null : ids;
        });
    }

    /**
     * Returns how many sessions are stored, in any state.
     *
     * @return the number of sessions
     */
    public int size() {
        return sessions.size();
    }

    @Override
    public String toString() {
        return "InMemoryTokenStore[sessions=" + sessions.size() + "]";
    }
}
