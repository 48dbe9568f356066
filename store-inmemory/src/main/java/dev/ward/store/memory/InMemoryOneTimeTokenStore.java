package dev.ward.store.memory;

import dev.ward.store.OneTimeToken;
import dev.ward.store.OneTimeTokenPurpose;
import dev.ward.store.OneTimeTokenStore;
import dev.ward.store.StoreException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link OneTimeTokenStore} that keeps tokens in memory, keyed by their hash.
 *
 * <p>For tests, demos and single-node applications; not for a cluster, where a token issued on
 * one node could not be used on another (use the JDBC store there), nor for tokens that must
 * survive a restart. Thread-safe: {@link #consume} and each token's supersession are one atomic
 * {@code compute} of a {@link ConcurrentHashMap}, so of concurrent uses of one token exactly one
 * wins. Not bounded in size: tokens are created only for known users, and {@link #purge}
 * deletes the ended ones. Searching by user scans every token, which is fine at the sizes this
 * store is meant for.
 */
public final class InMemoryOneTimeTokenStore implements OneTimeTokenStore {

    private final ConcurrentMap<String, OneTimeToken> tokens = new ConcurrentHashMap<>();

    /** Creates an empty store. */
    public InMemoryOneTimeTokenStore() {
    }

    @Override
    public void create(OneTimeToken token) {
        Objects.requireNonNull(token, "token");
        if (tokens.putIfAbsent(token.tokenHash(), token) != null) {
            throw new StoreException("a one-time token with this hash already exists");
        }
    }

    @Override
    public Optional<OneTimeToken> findByHash(String tokenHash) {
        Objects.requireNonNull(tokenHash, "tokenHash");
        return Optional.ofNullable(tokens.get(tokenHash));
    }

    @Override
    public Optional<OneTimeToken> consume(String tokenHash, Instant now) {
        Objects.requireNonNull(tokenHash, "tokenHash");
        Objects.requireNonNull(now, "now");
        OneTimeToken[] won = new OneTimeToken[1];
        tokens.computeIfPresent(tokenHash, (hash, token) -> {
            if (!token.isUsableAt(now)) {
                return token;
            }
            won[0] = used(token, now);
            return won[0];
        });
        return Optional.ofNullable(won[0]);
    }

    private static OneTimeToken used(OneTimeToken token, Instant now) {
        return new OneTimeToken(token.tokenHash(), token.purpose(), token.userId(), token.boundValue(),
                token.createdAt(), token.expiresAt(), now);
    }

    @Override
    public int supersede(String userId, OneTimeTokenPurpose purpose, Instant now) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(now, "now");
        AtomicInteger superseded = new AtomicInteger();
        for (String hash : tokens.keySet()) {
            tokens.computeIfPresent(hash, (key, token) -> {
                if (token.userId().equals(userId) && token.purpose() == purpose && token.isUsableAt(now)) {
                    superseded.incrementAndGet();
                    return used(token, now);
                }
                return token;
            });
        }
        return superseded.get();
    }

    @Override
    public int purge(Instant endedBefore, int batchSize) {
        Objects.requireNonNull(endedBefore, "endedBefore");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
        int deleted = 0;
        for (OneTimeToken token : tokens.values()) {
            if (deleted == batchSize) {
                break;
            }
            // remove(key, value) skips a token that changed meanwhile, such as one just used.
            if (token.endedAt().isBefore(endedBefore) && tokens.remove(token.tokenHash(), token)) {
                deleted++;
            }
        }
        return deleted;
    }

    @Override
    public int deleteAllForUser(String userId) {
        Objects.requireNonNull(userId, "userId");
        AtomicInteger deleted = new AtomicInteger();
        for (String hash : tokens.keySet()) {
            tokens.computeIfPresent(hash, (key, token) -> {
                if (token.userId().equals(userId)) {
                    deleted.incrementAndGet();
                    return null;
                }
                return token;
            });
        }
        return deleted.get();
    }

    @Override
    public String toString() {
        return "InMemoryOneTimeTokenStore[size=" + tokens.size() + "]";
    }
}
