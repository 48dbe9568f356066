package dev.ward.store;

import java.time.Instant;
import java.util.Optional;

/**
 * Keeps single-use tokens: the links that verify an address, reset a password, confirm an
 * address change or log a user in. Used by the account-lifecycle flows; nothing in Ward's core
 * calls it yet.
 *
 * <p>A store keeps only a hash of each token, found by exact match. What it must guarantee:
 * <ul>
 *   <li>{@link #consume} is atomic: of any number of concurrent calls for one token, on any
 *       number of nodes sharing the store, exactly one returns it, and only while it is unused
 *       and not expired. A database store does this with one conditional update whose row count
 *       decides the winner, never with a read followed by a write.</li>
 *   <li>{@link #supersede} is atomic per token: a token is either consumed or superseded,
 *       never both.</li>
 *   <li>Asking for what is absent is not an error: finding or consuming an unknown hash returns
 *       {@link Optional#empty()}, superseding, purging or deleting nothing returns zero.</li>
 * </ul>
 *
 * <p>Column limits, which a store may enforce with a {@link StoreException} that never repeats
 * the value: token hash 64 characters, user id 64, bound value 254. A hash longer than 64
 * characters is never found. Instants are kept to the millisecond.
 *
 * <p>Every method throws {@link NullPointerException} for a null argument, and
 * {@link StoreException} when the backing storage fails. Implementations are thread-safe.
 */
public interface OneTimeTokenStore {

    /**
     * Stores a new token. To make it the user's only usable token of its purpose, call
     * {@link #supersede} first.
     *
     * @param token the token
     * @throws StoreException if a token with the same hash exists, a value is over its column
     *     limit, or the storage fails
     * @throws NullPointerException if {@code token} is null
     */
    void create(OneTimeToken token);

    /**
     * Finds a token by its hash, used or not, expired or not.
     *
     * @param tokenHash the hash
     * @return the token, or empty when no token has this hash
     * @throws NullPointerException if {@code tokenHash} is null
     */
    Optional<OneTimeToken> findByHash(String tokenHash);

    /**
     * Uses a token, atomically: marks it used at {@code now} and returns it, if it is unused and
     * expires after {@code now}. Of any number of concurrent calls for one hash, on any number
     * of nodes, exactly one gets the token.
     *
     * @param tokenHash the hash
     * @param now the instant of use
     * @return the token as used, with {@code usedAt} set; empty when it is unknown, used,
     *     superseded or expired
     * @throws NullPointerException if an argument is null
     */
    Optional<OneTimeToken> consume(String tokenHash, Instant now);

    /**
     * Marks every unused, unexpired token of a user and purpose as used at {@code now}, so that
     * none of them can be consumed any more. The issuer calls it before creating a new token, so
     * that issuing a token supersedes the earlier ones of its purpose. Atomic per token.
     *
     * @param userId the user
     * @param purpose the purpose; tokens of other purposes are left alone
     * @param now the instant
     * @return how many tokens were superseded
     * @throws NullPointerException if an argument is null
     */
    int supersede(String userId, OneTimeTokenPurpose purpose, Instant now);

    /**
     * Deletes at most {@code batchSize} tokens that ended (were used or superseded, or expired)
     * before an instant. Call it repeatedly until it returns less than {@code batchSize}; from
     * any node.
     *
     * @param endedBefore tokens that ended strictly before this instant are deleted
     * @param batchSize the most tokens to delete in this call, at least 1
     * @return how many were deleted
     * @throws IllegalArgumentException if {@code batchSize} is less than 1
     * @throws NullPointerException if {@code endedBefore} is null
     */
    int purge(Instant endedBefore, int batchSize);

    /**
     * Deletes every token of a user, of every purpose, used or not; for deleting an account.
     *
     * @param userId the user
     * @return how many were deleted
     * @throws NullPointerException if {@code userId} is null
     */
    int deleteAllForUser(String userId);
}
