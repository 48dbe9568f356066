package dev.ward.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A user's TOTP (RFC 6238) second factor as a {@link SecondFactorStore} keeps it: pending while
 * the user has not yet proved it with a code, confirmed from then on.
 *
 * <p>The shared secret is stored encrypted; the store never interprets {@code encryptedSecret},
 * and {@link #toString()} does not show it. Stores keep instants to the millisecond.
 *
 * @param userId the user (at most 64 characters)
 * @param encryptedSecret the encrypted shared secret as opaque text, such as base64 of
 *     AES-256-GCM output (at most 512 characters)
 * @param keyId names the key the secret was encrypted with, so that keys can be rotated (at most
 *     64 characters)
 * @param createdAt when the enrolment began
 * @param confirmedAt when the user proved the factor with a code, or null while it is pending
 * @param lastUsedStep the TOTP time step of the last code accepted, or -1 when no code was
 *     accepted yet; a code of this step or an earlier one is never accepted again
 */
public record TotpCredential(String userId, String encryptedSecret, String keyId, Instant createdAt,
        Instant confirmedAt, long lastUsedStep) {

    /** The {@link #lastUsedStep()} of a credential whose codes were never used. */
    public static final long NO_STEP = -1;

    /**
     * Checks the components.
     *
     * @param userId as described for the record
     * @param encryptedSecret as described for the record
     * @param keyId as described for the record
     * @param createdAt as described for the record
     * @param confirmedAt as described for the record
     * @param lastUsedStep as described for the record
     * @throws NullPointerException if a component but {@code confirmedAt} is null
     * @throws IllegalArgumentException if {@code lastUsedStep} is below {@value #NO_STEP}
     */
    public TotpCredential {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(encryptedSecret, "encryptedSecret");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(createdAt, "createdAt");
        if (lastUsedStep < NO_STEP) {
            throw new IllegalArgumentException("lastUsedStep must be at least -1, got " + lastUsedStep);
        }
    }

    /**
     * Creates a pending credential, not yet confirmed and never used.
     *
     * @param userId the user
     * @param encryptedSecret the encrypted shared secret
     * @param keyId the encryption key's id
     * @param createdAt when the enrolment began
     * @return the credential
     * @throws NullPointerException if an argument is null
     */
    public static TotpCredential pending(String userId, String encryptedSecret, String keyId, Instant createdAt) {
        return new TotpCredential(userId, encryptedSecret, keyId, createdAt, null, NO_STEP);
    }

    /**
     * Tells whether the user has proved this credential with a code.
     *
     * @return true when {@code confirmedAt} is set
     */
    public boolean confirmed() {
        return confirmedAt != null;
    }

    /**
     * Returns the credential with its encrypted secret hidden.
     *
     * @return a description for logs
     */
    @Override
    public String toString() {
        return "TotpCredential[userId=" + userId + ", encryptedSecret=***, keyId=" + keyId + ", createdAt="
                + createdAt + ", confirmedAt=" + confirmedAt + ", lastUsedStep=" + lastUsedStep + "]";
    }
}
