package dev.ward.internal.token;

import dev.ward.AuthenticatedUser;
import dev.ward.internal.cache.ExpiringCache;
import java.security.SecureRandom;

/**
 * Remembers tokens that passed every verification rule, so that a client presenting the same
 * token again is answered without the signature and JSON work. Speed work only: the rules are
 * all in {@link AccessTokenCodec}, and this class never answers for a token they did not pass.
 *
 * <p>Why it is safe: it is keyed by the whole token text (a token that differs in one character
 * is another key), it is filled only with tokens that passed every rule, and each entry keeps
 * the window in which its token is valid, checked again at every hit. A hit before the window
 * (a clock set back) drops the entry, so the token is verified in full again.
 *
 * <p>Three measured tricks keep it cheap (benchmarks/RESULTS.md, "The targets, one by one"):
 * <ul>
 *   <li>A {@link Key} hashes only the last 32 characters of the token, which lie in the
 *       signature and so differ between tokens, seeded with a per-process secret so that no one
 *       can aim tokens at one bucket; {@code equals} still compares the whole text. A token
 *       arrives as a new string each time, so its own hash would cover all its few hundred
 *       characters at every request.</li>
 *   <li>A token is admitted at its second verification. A table of fingerprints remembers the
 *       first, so that tokens seen once (a client that calls once and leaves, or an attacker's
 *       stream of fresh tokens) cost neither an entry nor garbage.</li>
 *   <li>Nothing is allocated on a miss but the key, and nothing at all when the cache is off.</li>
 * </ul>
 *
 * <p>Thread-safe. The fingerprint table is racy by design: a lost or overwritten slot only
 * delays caching a token by one request.
 */
final class VerifiedTokenCache {

    /** The most fingerprint slots, and the fewest for a cache that is on. */
    private static final int MAX_SLOTS = 1 << 16;
    private static final int MIN_SLOTS = 1024;
    /** How many characters at the end of a token its key hashes. */
    private static final int HASHED_SUFFIX = 32;

    private final ExpiringCache<Key, Hit> entries;
    private final boolean enabled;
    /** Secret seed of the key hash. */
    private final long seed = new SecureRandom().nextLong();
    /** Fingerprints of tokens verified once, direct-mapped by hash; 0 is an empty slot. */
    private final long[] seenOnce;

    /** A cached token's result and the first instant, in epoch milliseconds, it may be used. */
    private record Hit(AuthenticatedUser user, long validFromMillis) {
    }

    /**
     * A token as a cache key: a hash of its last characters, and the whole text for
     * {@code equals}.
     */
    static final class Key {
        private final String token;
        private final long fingerprint;
        private final int hash;

        private Key(String token, long seed) {
            this.token = token;
            long h = seed ^ token.length();
            for (int i = Math.max(0, token.length() - HASHED_SUFFIX); i < token.length(); i++) {
                h = (h ^ token.charAt(i)) * 0x9E3779B97F4A7C15L;
                h ^= h >>> 29;
            }
            this.fingerprint = h == 0 ? 1 : h;
            this.hash = (int) (h ^ (h >>> 32));
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.hash == hash && key.token.equals(token);
        }

        /** Never the token: it is a credential. */
        @Override
        public String toString() {
            return "VerifiedTokenCache.Key[" + token.length() + " characters]";
        }
    }

    /**
     * Creates an empty cache.
     *
     * @param maxSize how many verified tokens to remember; 0 turns the cache off
     * @throws IllegalArgumentException if {@code maxSize} is negative
     */
    VerifiedTokenCache(int maxSize) {
        this.entries = new ExpiringCache<>(maxSize);
        this.enabled = maxSize > 0;
        this.seenOnce = new long[enabled
                ? Integer.highestOneBit(Math.min(Math.max(maxSize, MIN_SLOTS), MAX_SLOTS) * 2 - 1) : 0];
    }

    /**
     * Returns the key of a token, to pass to {@link #find} and then to {@link #admit}.
     *
     * @param token the token text, not null
     * @return its key, or null when the cache is off
     */
    Key keyOf(String token) {
        return enabled ? new Key(token, seed) : null;
    }

    /**
     * Returns the user of a token that passed every rule before and is valid now.
     *
     * @param key the token's key, or null when the cache is off
     * @param nowMillis the current time, in epoch milliseconds
     * @return the user, or null when the token must be verified in full: unknown, expired (the
     *     entry is dropped), before its validity window (the entry is dropped) or the cache is off
     */
    AuthenticatedUser find(Key key, long nowMillis) {
        if (key == null) {
            return null;
        }
        Hit hit = entries.get(key, nowMillis);
        if (hit == null) {
            return null;
        }
        if (nowMillis < hit.validFromMillis()) {
            entries.remove(key); // a clock that went back: check it all again
            return null;
        }
        return hit.user();
    }

    /**
     * Records a token that has just passed every rule. It is stored at its second admission;
     * the first only leaves its fingerprint.
     *
     * @param key the token's key, or null when the cache is off (nothing happens)
     * @param user the verified result
     * @param validFromMillis the first instant at which the token is valid, in epoch milliseconds
     * @param validUntilMillis the first instant at which it has expired, in epoch milliseconds
     */
    void admit(Key key, AuthenticatedUser user, long validFromMillis, long validUntilMillis) {
        if (key != null && seenBefore(key)) {
            entries.put(key, new Hit(user, validFromMillis), validUntilMillis);
        }
    }

    /**
     * Returns how many tokens are remembered now.
     *
     * @return the number of cached tokens
     */
    int size() {
        return entries.size();
    }

    /** Tells whether this token was admitted once before, and remembers it if it was not. */
    private boolean seenBefore(Key key) {
        int slot = key.hash & (seenOnce.length - 1);
        if (seenOnce[slot] == key.fingerprint) {
            seenOnce[slot] = 0;
            return true;
        }
        seenOnce[slot] = key.fingerprint;
        return false;
    }
}
