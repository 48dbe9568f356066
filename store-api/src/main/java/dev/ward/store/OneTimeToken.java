package dev.ward.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A single-use token as a {@link OneTimeTokenStore} keeps it: a link sent by mail to verify an
 * address, reset a password, confirm an address change or log in.
 *
 * <p>The store keeps only a hash of the token; {@link #toString()} shows neither the hash nor
 * the bound value. Stores keep instants to the millisecond.
 *
 * @param tokenHash the SHA-256 of the token, as the issuer encodes it (at most 64 characters);
 *     the token's identity
 * @param purpose what the token is for
 * @param userId the user it was issued to (at most 64 characters)
 * @param boundValue a value the token is bound to, such as the new address of an e-mail change
 *     (at most 254 characters), or null
 * @param createdAt when it was issued
 * @param expiresAt from when on it can no longer be used
 * @param usedAt when it was used or superseded, or null while it is unused
 */
public record OneTimeToken(String tokenHash, OneTimeTokenPurpose purpose, String userId, String boundValue,
        Instant createdAt, Instant expiresAt, Instant usedAt) {

    /**
     * Checks the required components.
     *
     * @param tokenHash as described for the record
     * @param purpose as described for the record
     * @param userId as described for the record
     * @param boundValue as described for the record
     * @param createdAt as described for the record
     * @param expiresAt as described for the record
     * @param usedAt as described for the record
     * @throws NullPointerException if any component but {@code boundValue} and {@code usedAt}
     *     is null
     */
    public OneTimeToken {
        Objects.requireNonNull(tokenHash, "tokenHash");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /**
     * Tells whether the token can be used at an instant: it is unused and not yet expired.
     *
     * @param now the instant
     * @return true when it is usable
     * @throws NullPointerException if {@code now} is null
     */
    public boolean isUsableAt(Instant now) {
        return usedAt == null && expiresAt.isAfter(now);
    }

    /**
     * Returns when the token stopped being usable: when it was used, or when it expired,
     * whichever came first.
     *
     * @return the instant it ended (possibly in the future, while it is unused)
     */
    public Instant endedAt() {
        return usedAt != null && usedAt.isBefore(expiresAt) ? usedAt : expiresAt;
    }

    /**
     * Returns the token with its hash and bound value hidden.
     *
     * @return a description for logs
     */
    @Override
    public String toString() {
        return "OneTimeToken[tokenHash=***, purpose=" + purpose + ", userId=" + userId + ", boundValue="
                + (boundValue == null ? "null" : "***") + ", createdAt=" + createdAt + ", expiresAt=" + expiresAt
                + ", usedAt=" + usedAt + "]";
    }
}
