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
 * a user's sessions independent of the total number of sessions.
 *
 * <p>Memory grows with the number of sessions, about 340 to 390 bytes each for the ids and
 * hashes Ward makes (a session id of 16 bytes, SHA-256 hashes and the 32-byte successor mask, in
 * base64url, are kept as numbers rather than text); call {@link #purge(Instant, int)} regularly.
 */
public final class InMemoryTokenStore implements TokenStore {

    private final ConcurrentMap<Object, Entry> sessions = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Set<Object>> sessionIdsByUser = new ConcurrentHashMap<>();

    /** Creates an empty store. */
    public InMemoryTokenStore() {
    }

    @Override
    public void create(Session session) {
        Objects.requireNonNull(session, "session");
        Object key = Compact.id(session.id());
        if (sessions.putIfAbsent(key, Entry.of(session)) != null) {
            throw new StoreException("a session with this id already exists");
        }
        // compute() on the user's entry so that a purge emptying the same set cannot drop it.
        sessionIdsByUser.compute(session.userId(), (user, ids) -> {
            Set<Object> set = ids == null ? ConcurrentHashMap.newKeySet() : ids;
            set.add(key);
            return set;
        });
    }

    @Override
    public Optional<Session> findById(String sessionId) {
        Objects.requireNonNull(sessionId, "sessionId");
        Object key = Compact.id(sessionId);
        Entry entry = sessions.get(key);
        return entry == null ? Optional.empty() : Optional.of(entry.toSession(key));
    }

    @Override
    public boolean rotate(String sessionId, String expectedCurrentHash, String newHash, String successorMask,
                          Instant now, Instant newIdleExpiresAt) {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(expectedCurrentHash, "expectedCurrentHash");
        Objects.requireNonNull(newHash, "newHash");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(newIdleExpiresAt, "newIdleExpiresAt");
        Object expected = Compact.hash(expectedCurrentHash);
        Object next = Compact.hash(newHash);
        Object mask = successorMask == null ? null : Compact.hash(successorMask);
        long at = now.toEpochMilli();
        long idle = newIdleExpiresAt.toEpochMilli();
        boolean[] won = new boolean[1];
        // The compute function runs atomically for this key: the check and the change are one step.
        sessions.computeIfPresent(Compact.id(sessionId), (id, e) -> {
            if (e.revokedAt != Entry.NONE || !e.current.equals(expected)) {
                return e;
            }
            won[0] = true;
            return new Entry(e.userId, e.family, next, e.current, mask, e.createdAt, e.expiresAt, idle, at, at,
                    Entry.NONE, null, e.clientIp, e.userAgent, e.credentialsVersion);
        });
        return won[0];
    }

    @Override
    public boolean restampRotation(String sessionId, String expectedCurrentHash, Instant rotatedAt) {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(expectedCurrentHash, "expectedCurrentHash");
        Objects.requireNonNull(rotatedAt, "rotatedAt");
        Object expected = Compact.hash(expectedCurrentHash);
        long at = rotatedAt.toEpochMilli();
        boolean[] won = new boolean[1];
        sessions.computeIfPresent(Compact.id(sessionId), (id, e) -> {
            if (e.revokedAt != Entry.NONE || !e.current.equals(expected) || e.rotatedAt == Entry.NONE
                    || e.rotatedAt >= at) {
                return e;
            }
            won[0] = true;
            return new Entry(e.userId, e.family, e.current, e.previous, e.mask(), e.createdAt, e.expiresAt,
                    e.idleExpiresAt, at, e.lastUsedAt, e.revokedAt, e.revokeReason, e.clientIp, e.userAgent,
                    e.credentialsVersion);
        });
        return won[0];
    }

    @Override
    public boolean revoke(String sessionId, Instant now, String reason) {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(reason, "reason");
        return revoke(Compact.id(sessionId), now.toEpochMilli(), reason);
    }

    private boolean revoke(Object key, long at, String reason) {
        boolean[] won = new boolean[1];
        sessions.computeIfPresent(key, (id, e) -> {
            if (e.revokedAt != Entry.NONE) {
                return e;
            }
            won[0] = true;
            return new Entry(e.userId, e.family, e.current, e.previous, e.mask(), e.createdAt, e.expiresAt,
                    e.idleExpiresAt, e.rotatedAt, e.lastUsedAt, at, reason, e.clientIp, e.userAgent,
                    e.credentialsVersion);
        });
        return won[0];
    }

    @Override
    public int revokeAllForUser(String userId, String exceptSessionId, Instant now, String reason) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(reason, "reason");
        Set<Object> ids = sessionIdsByUser.get(userId);
        if (ids == null) {
            return 0;
        }
        Object except = exceptSessionId == null ? null : Compact.id(exceptSessionId);
        int count = 0;
        for (Object id : ids) {
            if (!id.equals(except) && revoke(id, now.toEpochMilli(), reason)) {
                count++;
            }
        }
        return count;
    }

    @Override
    public List<Session> findActiveByUser(String userId, Instant now) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(now, "now");
        Set<Object> ids = sessionIdsByUser.get(userId);
        if (ids == null) {
            return List.of();
        }
        long at = now.toEpochMilli();
        List<Session> active = new ArrayList<>();
        for (Object id : ids) {
            Entry e = sessions.get(id);
            if (e != null && e.isActive(at)) {
                active.add(e.toSession(id));
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
        long cutoff = endedBefore.toEpochMilli();
        int deleted = 0;
        for (var it = sessions.entrySet().iterator(); it.hasNext() && deleted < batchSize; ) {
            var mapping = it.next();
            Entry e = mapping.getValue();
            // remove(key, value) deletes only the state we looked at; a concurrent purger deletes it once.
            if (e.endedAt() <= cutoff && sessions.remove(mapping.getKey(), e)) {
                unindex(e.userId, mapping.getKey());
                deleted++;
            }
        }
        return deleted;
    }

    @Override
    public int deleteAllForUser(String userId) {
        Objects.requireNonNull(userId, "userId");
        Set<Object> ids = sessionIdsByUser.get(userId);
        if (ids == null) {
            return 0;
        }
        int deleted = 0;
        for (Object key : ids) {
            // remove() returns the entry to one caller only, so a concurrent purge or delete counts it once.
            Entry e = sessions.remove(key);
            if (e != null) {
                unindex(e.userId, key);
                deleted++;
            }
        }
        return deleted;
    }

    private void unindex(String userId, Object key) {
        sessionIdsByUser.computeIfPresent(userId, (user, ids) -> {
            ids.remove(key);
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

    /**
     * One stored session, compact: instants as epoch milliseconds, hashes as numbers where they
     * are base64url SHA-256 (see {@link Compact}). Immutable; every change is a new entry put in
     * by an atomic compute.
     */
    private static final class Entry {
        static final long NONE = Long.MIN_VALUE;
        /** {@link #maskForm} when the mask is a {@link Compact.Hash}, kept in the four longs. */
        private static final Object MASK_IN_LONGS = new Object();

        final String userId;
        final Object family;
        final Object current;
        final Object previous;
        /**
         * The successor mask: null when there is none, {@link #MASK_IN_LONGS} when it is held in
         * {@code mask0..3} (the 32 bytes Ward makes; inline, they save a 48-byte object per
         * rotated session), else its text as given.
         */
        private final Object maskForm;
        private final long mask0;
        private final long mask1;
        private final long mask2;
        private final long mask3;
        final long createdAt;
        final long expiresAt;
        final long idleExpiresAt;
        final long rotatedAt;
        final long lastUsedAt;
        final long revokedAt;
        final String revokeReason;
        final String clientIp;
        final String userAgent;
        final long credentialsVersion;

        Entry(String userId, Object family, Object current, Object previous, Object mask, long createdAt,
              long expiresAt, long idleExpiresAt, long rotatedAt, long lastUsedAt, long revokedAt,
              String revokeReason, String clientIp, String userAgent, long credentialsVersion) {
            this.userId = userId;
            this.family = family;
            this.current = current;
            this.previous = previous;
            if (mask instanceof Compact.Hash h) {
                this.maskForm = MASK_IN_LONGS;
                this.mask0 = h.a();
                this.mask1 = h.b();
                this.mask2 = h.c();
                this.mask3 = h.d();
            } else {
                this.maskForm = mask;
                this.mask0 = 0;
                this.mask1 = 0;
                this.mask2 = 0;
                this.mask3 = 0;
            }
            this.createdAt = createdAt;
            this.expiresAt = expiresAt;
            this.idleExpiresAt = idleExpiresAt;
            this.rotatedAt = rotatedAt;
            this.lastUsedAt = lastUsedAt;
            this.revokedAt = revokedAt;
            this.revokeReason = revokeReason;
            this.clientIp = clientIp;
            this.userAgent = userAgent;
            this.credentialsVersion = credentialsVersion;
        }

        static Entry of(Session s) {
            return new Entry(s.userId(), Compact.hash(s.familyHash()), Compact.hash(s.currentHash()),
                    s.previousHash() == null ? null : Compact.hash(s.previousHash()),
                    s.successorMask() == null ? null : Compact.hash(s.successorMask()), millis(s.createdAt()),
                    millis(s.expiresAt()), millis(s.idleExpiresAt()), millis(s.rotatedAt()), millis(s.lastUsedAt()),
                    millis(s.revokedAt()), s.revokeReason(), s.clientIp(), s.userAgent(),
                    s.credentialsVersion());
        }

        /** The mask as {@link Compact#hash} gave it, or null. */
        Object mask() {
            return maskForm == MASK_IN_LONGS ? new Compact.Hash(mask0, mask1, mask2, mask3) : maskForm;
        }

        Session toSession(Object key) {
            Object mask = mask();
            return new Session(Compact.text(key), userId, Compact.text(family), Compact.text(current),
                    previous == null ? null : Compact.text(previous), mask == null ? null : Compact.text(mask),
                    instant(createdAt), instant(expiresAt),
                    instant(idleExpiresAt), instant(rotatedAt), instant(lastUsedAt), instant(revokedAt), revokeReason,
                    clientIp, userAgent, credentialsVersion);
        }

        boolean isActive(long now) {
            return revokedAt == NONE && now < expiresAt && now < idleExpiresAt;
        }

        /** The earliest of the expiries and the revocation: from then on the session has ended. */
        long endedAt() {
            long ended = Math.min(expiresAt, idleExpiresAt);
            return revokedAt == NONE ? ended : Math.min(ended, revokedAt);
        }

        private static long millis(Instant instant) {
            return instant == null ? NONE : instant.toEpochMilli();
        }

        private static Instant instant(long millis) {
            return millis == NONE ? null : Instant.ofEpochMilli(millis);
        }
    }
}
