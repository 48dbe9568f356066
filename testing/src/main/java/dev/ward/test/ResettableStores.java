package dev.ward.test;

import dev.ward.store.KnownDevice;
import dev.ward.store.LockoutPolicy;
import dev.ward.store.LoginAttemptStore;
import dev.ward.store.LoginAttempts;
import dev.ward.store.OneTimeToken;
import dev.ward.store.OneTimeTokenPurpose;
import dev.ward.store.OneTimeTokenStore;
import dev.ward.store.Session;
import dev.ward.store.TokenStore;
import dev.ward.store.memory.InMemoryLoginAttemptStore;
import dev.ward.store.memory.InMemoryOneTimeTokenStore;
import dev.ward.store.memory.InMemoryTokenStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The in-memory session, log-in attempt and one-time token stores behind references that
 * {@code reset()} points at fresh, empty stores: the manager keeps its stores, and a test starts
 * from nothing. The in-memory stores have no "delete everything", and this needs none.
 */
final class ResettableStores {

    private ResettableStores() {
    }

    /** An {@link InMemoryTokenStore} that {@link #reset()} empties. */
    static final class Tokens implements TokenStore {

        private final AtomicReference<InMemoryTokenStore> store = new AtomicReference<>(new InMemoryTokenStore());

        void reset() {
            store.set(new InMemoryTokenStore());
        }

        int size() {
            return store.get().size();
        }

        @Override
        public void create(Session session) {
            store.get().create(session);
        }

        @Override
        public Optional<Session> findById(String sessionId) {
            return store.get().findById(sessionId);
        }

        @Override
        public boolean rotate(String sessionId, String expectedCurrentHash, String newHash, String successorMask,
                              Instant now, Instant newIdleExpiresAt) {
            return store.get().rotate(sessionId, expectedCurrentHash, newHash, successorMask, now, newIdleExpiresAt);
        }

        @Override
        public boolean restampRotation(String sessionId, String expectedCurrentHash, Instant rotatedAt) {
            return store.get().restampRotation(sessionId, expectedCurrentHash, rotatedAt);
        }

        @Override
        public boolean revoke(String sessionId, Instant now, String reason) {
            return store.get().revoke(sessionId, now, reason);
        }

        @Override
        public int revokeAllForUser(String userId, String exceptSessionId, Instant now, String reason) {
            return store.get().revokeAllForUser(userId, exceptSessionId, now, reason);
        }

        @Override
        public List<Session> findActiveByUser(String userId, Instant now) {
            return store.get().findActiveByUser(userId, now);
        }

        @Override
        public int purge(Instant endedBefore, int batchSize) {
            return store.get().purge(endedBefore, batchSize);
        }

        @Override
        public int deleteAllForUser(String userId) {
            return store.get().deleteAllForUser(userId);
        }

        @Override
        public String toString() {
            return "Resettable" + store.get();
        }
    }

    /** An {@link InMemoryLoginAttemptStore} that {@link #reset()} empties. */
    static final class Attempts implements LoginAttemptStore {

        private final AtomicReference<InMemoryLoginAttemptStore> store =
                new AtomicReference<>(new InMemoryLoginAttemptStore());

        void reset() {
            store.set(new InMemoryLoginAttemptStore());
        }

        int size() {
            return store.get().size();
        }

        @Override
        public LoginAttempts recordFailure(String key, Instant now, LockoutPolicy policy) {
            return store.get().recordFailure(key, now, policy);
        }

        @Override
        public Optional<LoginAttempts> find(String key) {
            return store.get().find(key);
        }

        @Override
        public void reset(String key) {
            store.get().reset(key);
        }

        @Override
        public int purge(Instant staleBefore, Instant now, int batchSize) {
            return store.get().purge(staleBefore, now, batchSize);
        }

        @Override
        public void saveDevice(KnownDevice device) {
            store.get().saveDevice(device);
        }

        @Override
        public Optional<KnownDevice> findDevice(String id) {
            return store.get().findDevice(id);
        }

        @Override
        public int purgeDevices(Instant now, int batchSize) {
            return store.get().purgeDevices(now, batchSize);
        }

        @Override
        public int deleteDevicesForUser(String userId) {
            return store.get().deleteDevicesForUser(userId);
        }

        @Override
        public String toString() {
            return "Resettable" + store.get();
        }
    }

    /** An {@link InMemoryOneTimeTokenStore} that {@link #reset()} empties. */
    static final class OneTimeTokens implements OneTimeTokenStore {

        private final AtomicReference<InMemoryOneTimeTokenStore> store =
                new AtomicReference<>(new InMemoryOneTimeTokenStore());

        void reset() {
            store.set(new InMemoryOneTimeTokenStore());
        }

        @Override
        public void create(OneTimeToken token) {
            store.get().create(token);
        }

        @Override
        public Optional<OneTimeToken> findByHash(String tokenHash) {
            return store.get().findByHash(tokenHash);
        }

        @Override
        public Optional<OneTimeToken> consume(String tokenHash, Instant now) {
            return store.get().consume(tokenHash, now);
        }

        @Override
        public int supersede(String userId, OneTimeTokenPurpose purpose, Instant now) {
            return store.get().supersede(userId, purpose, now);
        }

        @Override
        public int purge(Instant endedBefore, int batchSize) {
            return store.get().purge(endedBefore, batchSize);
        }

        @Override
        public int deleteAllForUser(String userId) {
            return store.get().deleteAllForUser(userId);
        }

        @Override
        public String toString() {
            return "Resettable" + store.get();
        }
    }
}
