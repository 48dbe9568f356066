package dev.ward;

import dev.ward.store.Session;
import dev.ward.store.TokenStore;
import dev.ward.store.memory.InMemoryTokenStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory token store that counts session reads and writes, as a database would count
 * queries, and runs a hook inside every rotation before it reaches the store (to park it, as a
 * stalled database would).
 */
public final class HookedTokenStore implements TokenStore {

    private final TokenStore real = new InMemoryTokenStore();
    /** Calls of {@code findById}. */
    public final AtomicInteger reads = new AtomicInteger();
    /** Calls that change the store. */
    public final AtomicInteger writes = new AtomicInteger();
    /** Runs inside every {@code rotate}, before the store sees it. */
    public volatile Runnable beforeRotate = () -> { };
    /** Runs inside every {@code restampRotation}, before the store sees it. */
    public volatile Runnable beforeRestamp = () -> { };

    @Override
    public void create(Session session) {
        writes.incrementAndGet();
        real.create(session);
    }

    @Override
    public Optional<Session> findById(String sessionId) {
        reads.incrementAndGet();
        return real.findById(sessionId);
    }

    @Override
    public boolean rotate(String sessionId, String expectedCurrentHash, String newHash, String successorMask,
                          Instant now, Instant newIdleExpiresAt) {
        writes.incrementAndGet();
        beforeRotate.run();
        return real.rotate(sessionId, expectedCurrentHash, newHash, successorMask, now, newIdleExpiresAt);
    }

    @Override
    public boolean restampRotation(String sessionId, String expectedCurrentHash, Instant rotatedAt) {
        writes.incrementAndGet();
        beforeRestamp.run();
        return real.restampRotation(sessionId, expectedCurrentHash, rotatedAt);
    }

    @Override
    public boolean revoke(String sessionId, Instant now, String reason) {
        writes.incrementAndGet();
        return real.revoke(sessionId, now, reason);
    }

    @Override
    public int revokeAllForUser(String userId, String exceptSessionId, Instant now, String reason) {
        writes.incrementAndGet();
        return real.revokeAllForUser(userId, exceptSessionId, now, reason);
    }

    @Override
    public List<Session> findActiveByUser(String userId, Instant now) {
        return real.findActiveByUser(userId, now);
    }

    @Override
    public int purge(Instant endedBefore, int batchSize) {
        writes.incrementAndGet();
        return real.purge(endedBefore, batchSize);
    }

    @Override
    public int deleteAllForUser(String userId) {
        writes.incrementAndGet();
        return real.deleteAllForUser(userId);
    }
}
