package dev.ward.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A device on which a user has logged in: the stored half of a device token, which lets the
 * owner's own browser or app log in while failures from unknown clients lock the account (the
 * OWASP device-cookie pattern).
 *
 * <p>The store keeps only a hash of the token's secret; {@link #toString()} does not show it.
 *
 * @param id the device id, the public part of the token (base64url, at most 64 characters)
 * @param userId the user the token was issued to
 * @param secretHash the SHA-256 of the token's secret, as the issuer encodes it (at most 64
 *     characters)
 * @param createdAt when the token was issued
 * @param expiresAt when the token stops counting as a known device
 */
public record KnownDevice(String id, String userId, String secretHash, Instant createdAt, Instant expiresAt) {

    /**
     * Checks the components.
     *
     * @param id as described for the record
     * @param userId as described for the record
     * @param secretHash as described for the record
     * @param createdAt as described for the record
     * @param expiresAt as described for the record
     * @throws NullPointerException if a component is null
     */
    public KnownDevice {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(secretHash, "secretHash");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /**
     * Tells whether the token still counts at {@code now}.
     *
     * @param now the instant to test
     * @return true when {@code expiresAt} is after {@code now}
     */
    public boolean isValidAt(Instant now) {
        return expiresAt.isAfter(now);
    }

    @Override
    public String toString() {
        return "KnownDevice[id=" + id + ", userId=" + userId + ", secretHash=***, createdAt=" + createdAt
                + ", expiresAt=" + expiresAt + "]";
    }
}
