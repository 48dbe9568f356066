package dev.ward;

import dev.ward.internal.token.Base64Url;
import dev.ward.internal.token.RefreshTokens;
import dev.ward.store.OneTimeToken;
import dev.ward.store.OneTimeTokenPurpose;
import dev.ward.store.OneTimeTokenStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

/**
 * The single-use token engine behind every link the lifecycle sends. A token is 256 random
 * bits as 43 characters of base64url; the store keeps only its SHA-256 (a hash of a random
 * secret needs no salt or slow hashing: there is nothing to guess from). Issuing supersedes the
 * user's earlier tokens of the purpose; redeeming checks purpose and expiry before the store's
 * atomic consume decides which of several concurrent uses wins.
 */
final class OneTimeTokens {

    /** Random bytes per token: 256 bits. */
    static final int TOKEN_BYTES = 32;

    private final OneTimeTokenStore store;
    private final Clock clock;

    /**
     * A token just issued: the text for the link, never stored, and when it stops working.
     *
     * @param token the token text
     * @param expiresAt when it expires
     */
    record Issued(String token, Instant expiresAt) {

        @Override
        public String toString() {
            return "Issued[token=***, expiresAt=" + expiresAt + "]";
        }
    }

    OneTimeTokens(OneTimeTokenStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Issues a token for a user and purpose, superseding the user's earlier ones of the purpose.
     *
     * @param boundValue what the token is bound to besides the user (the new address of an
     *     e-mail change), or null
     */
    Issued issue(OneTimeTokenPurpose purpose, String userId, String boundValue, Duration lifetime) {
        Instant now = clock.instant();
        byte[] secret = RefreshTokens.randomBytes(TOKEN_BYTES);
        String token = Base64Url.encode(secret);
        String hash = RefreshTokens.sha256(secret);
        Arrays.fill(secret, (byte) 0);
        Instant expiresAt = now.plus(lifetime);
        store.supersede(userId, purpose, now);
        store.create(new OneTimeToken(hash, purpose, userId, boundValue, now, expiresAt, null));
        return new Issued(token, expiresAt);
    }

    /**
     * Does the work of {@link #issue} for an address without an account, without keeping
     * anything: the same random draw and hash, and the same supersede query (for a user id that
     * cannot exist), so that the answer's timing tells little about whether the address has an
     * account. Only the insert is missing.
     */
    void issueNothing(OneTimeTokenPurpose purpose) {
        byte[] secret = RefreshTokens.randomBytes(TOKEN_BYTES);
        RefreshTokens.sha256(secret);
        Arrays.fill(secret, (byte) 0);
        store.supersede("none:" + UUID.randomUUID(), purpose, clock.instant());
    }

    /**
     * Uses a token once: it must be well-formed, known, of {@code purpose}, unused, not
     * superseded and not expired, and this call must win the store's atomic consume.
     *
     * @param token the token text as the client sent it; may be null
     * @return the token as consumed
     * @throws AuthException {@link AuthError#INVALID_ONE_TIME_TOKEN} for every kind of failure
     */
    OneTimeToken redeem(String token, OneTimeTokenPurpose purpose) {
        // Checked before consuming, so that a token sent to the wrong endpoint is not burnt.
        return consume(find(token, purpose));
    }

    /**
     * Uses a token that {@link #find} returned, for flows that check more between the two.
     *
     * @throws AuthException {@link AuthError#INVALID_ONE_TIME_TOKEN} when another use came first,
     *     or it expired or was superseded meanwhile
     */
    OneTimeToken consume(OneTimeToken found) {
        // The conditional update decides: of concurrent uses, exactly one gets the token.
        return store.consume(found.tokenHash(), clock.instant()).orElseThrow(OneTimeTokens::invalid);
    }

    /**
     * Finds a usable token without using it, for checks that must not burn it (a new password
     * that breaks the policy).
     *
     * @param token the token text; may be null
     * @return the token, unused
     * @throws AuthException {@link AuthError#INVALID_ONE_TIME_TOKEN} unless it is well-formed,
     *     known, of {@code purpose}, unused, not superseded and not expired
     */
    OneTimeToken find(String token, OneTimeTokenPurpose purpose) {
        String hash = hashOf(token);
        if (hash == null) {
            throw invalid();
        }
        Optional<OneTimeToken> found = store.findByHash(hash);
        if (found.isEmpty() || found.get().purpose() != purpose || !found.get().isUsableAt(clock.instant())) {
            throw invalid();
        }
        return found.get();
    }

    /**
     * Supersedes every outstanding link of a user that acts on the account (a password reset, an
     * address change, a log-in link), after its password changed.
     */
    void supersedeLinks(String userId) {
        Instant now = clock.instant();
        for (OneTimeTokenPurpose purpose : new OneTimeTokenPurpose[] {OneTimeTokenPurpose.PASSWORD_RESET,
                OneTimeTokenPurpose.EMAIL_CHANGE, OneTimeTokenPurpose.LOG_IN_LINK}) {
            store.supersede(userId, purpose, now);
        }
    }

    /** Deletes one bounded batch of ended tokens. */
    int purge(Instant now, int batchSize) {
        return store.purge(now, batchSize);
    }

    /** Deletes every token of a user. */
    int deleteAllForUser(String userId) {
        return store.deleteAllForUser(userId);
    }

    /** Returns the stored hash of a token text, or null when the text cannot be a token. */
    static String hashOf(String token) {
        if (token == null || token.length() != 43) {
            return null;
        }
        byte[] secret = Base64Url.decode(token);
        if (secret == null || secret.length != TOKEN_BYTES) {
            return null;
        }
        String hash = RefreshTokens.sha256(secret);
        Arrays.fill(secret, (byte) 0);
        return hash;
    }

    static AuthException invalid() {
        return new AuthException(AuthError.INVALID_ONE_TIME_TOKEN, "the link is invalid, expired or already used");
    }
}
