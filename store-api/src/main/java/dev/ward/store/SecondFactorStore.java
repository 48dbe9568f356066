package dev.ward.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Keeps what a second factor needs between requests: each user's TOTP credential (the encrypted
 * shared secret and the last time step used) and recovery codes (as slow hashes). Meant for
 * time-based one-time passwords (RFC 6238) with recovery codes; nothing in Ward's core calls it
 * yet.
 *
 * <p>A user has at most one pending and at most one confirmed TOTP credential. A new enrolment
 * is saved as pending beside the confirmed one, so that the user who enrols a new phone keeps
 * the old factor until the new one is proved with a code; {@link #confirmTotp} then makes the
 * pending credential the confirmed one. What a store must guarantee:
 * <ul>
 *   <li>{@link #confirmTotp}, {@link #recordTotpUse} and {@link #useRecoveryCode} are atomic:
 *       of any number of concurrent calls on any number of nodes sharing the store, exactly one
 *       succeeds where one may. {@link #recordTotpUse} is the replay protection: it accepts a
 *       time step only if it is later than the last one accepted, so a code is accepted once.
 *       A database store does each with a conditional statement whose row count decides the
 *       winner, never with a read followed by a write.</li>
 *   <li>{@link #replaceRecoveryCodes} is atomic: a reader sees the user's old codes or the new
 *       ones, never a mix, and of concurrent replacements one set is left whole.</li>
 *   <li>Asking for what is absent is not an error: finding returns {@link Optional#empty()} or
 *       an empty list, confirming, recording or using returns {@code false}, deleting returns
 *       zero.</li>
 * </ul>
 *
 * <p>Column limits, which a store may enforce with a {@link StoreException} that never repeats
 * the value: user id 64 characters, key id 64, encrypted secret 512, recovery-code id 64, code
 * hash 255. A recovery-code id longer than 64 characters is never found. Instants are kept to
 * the millisecond.
 *
 * <p>Every method throws {@link NullPointerException} for a null argument, and
 * {@link StoreException} when the backing storage fails. Implementations are thread-safe.
 */
public interface SecondFactorStore {

    /**
     * Stores a new, unconfirmed TOTP credential for its user, replacing the user's earlier
     * pending one. A confirmed credential of the user stays as it is, beside the pending one.
     *
     * @param pending the credential, with {@code confirmedAt} null
     * @throws IllegalArgumentException if {@code pending} is confirmed
     * @throws StoreException if a value is over its column limit, or the storage fails
     * @throws NullPointerException if {@code pending} is null
     */
    void savePendingTotp(TotpCredential pending);

    /**
     * Finds a user's pending or confirmed TOTP credential.
     *
     * @param userId the user
     * @param confirmed true for the confirmed credential, false for the pending one
     * @return the credential, or empty when the user has none in that state
     * @throws NullPointerException if {@code userId} is null
     */
    Optional<TotpCredential> findTotp(String userId, boolean confirmed);

    /**
     * Makes the user's pending credential the confirmed one, atomically: it replaces an earlier
     * confirmed credential, gets {@code confirmedAt}, and {@code step} as its last used step (the
     * step of the code that confirmed it, which is thus used). Of any number of concurrent calls
     * for one user, exactly one returns true.
     *
     * @param userId the user
     * @param confirmedAt the instant of confirmation
     * @param step the time step of the code that proved the credential, at least 0
     * @return true when a pending credential was confirmed; false when the user has none
     * @throws IllegalArgumentException if {@code step} is negative
     * @throws NullPointerException if {@code userId} or {@code confirmedAt} is null
     */
    boolean confirmTotp(String userId, Instant confirmedAt, long step);

    /**
     * Records the use of a code of the user's confirmed credential, atomically, only if its time
     * step is later than the last used step. This is the replay protection: of any number of
     * concurrent calls with one step, exactly one returns true, and a step is never accepted
     * twice. A pending credential is never touched.
     *
     * @param userId the user
     * @param step the time step of the code, at least 0
     * @return true when the step was recorded; false when the user has no confirmed credential
     *     or the step is not later than the last used one
     * @throws IllegalArgumentException if {@code step} is negative
     * @throws NullPointerException if {@code userId} is null
     */
    boolean recordTotpUse(String userId, long step);

    /**
     * Deletes the user's pending and confirmed TOTP credentials. Recovery codes stay; see
     * {@link #replaceRecoveryCodes} and {@link #deleteAllForUser}.
     *
     * @param userId the user
     * @return how many credentials were deleted: 0, 1 or 2
     * @throws NullPointerException if {@code userId} is null
     */
    int deleteTotp(String userId);

    /**
     * Replaces every recovery code of a user, used or not, with new ones, atomically: a reader
     * sees the old codes or the new ones, never a mix, and when the call fails nothing changed.
     * An empty list deletes the user's codes.
     *
     * @param userId the user
     * @param codes the new codes, all of this user, unused, with ids unique in the store
     * @throws IllegalArgumentException if a code belongs to another user, is used, or two codes
     *     share an id
     * @throws StoreException if another user's code has one of the ids, a value is over its
     *     column limit, or the storage fails; nothing changed then
     * @throws NullPointerException if an argument or a code is null
     */
    void replaceRecoveryCodes(String userId, List<RecoveryCode> codes);

    /**
     * Returns the user's unused recovery codes, ordered by id (as the store compares text; ids
     * of ASCII digits and lower-case letters of one length sort alike in every bundled store).
     *
     * @param userId the user
     * @return the unused codes; empty when the user has none
     * @throws NullPointerException if {@code userId} is null
     */
    List<RecoveryCode> findUnusedRecoveryCodes(String userId);

    /**
     * Uses one of the user's recovery codes, atomically: marks it used at {@code usedAt} if it
     * is unused. Of any number of concurrent calls for one code, exactly one returns true.
     *
     * @param userId the user the code must belong to
     * @param id the code's id
     * @param usedAt the instant of use
     * @return true when the code was used by this call; false when it is unknown, another
     *     user's, or already used
     * @throws NullPointerException if an argument is null
     */
    boolean useRecoveryCode(String userId, String id, Instant usedAt);

    /**
     * Deletes every TOTP credential and recovery code of a user; for deleting an account.
     *
     * @param userId the user
     * @return how many credentials and codes were deleted together
     * @throws NullPointerException if {@code userId} is null
     */
    int deleteAllForUser(String userId);
}
