package dev.ward.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A single-use recovery code of a user's second factor, as a {@link SecondFactorStore} keeps it:
 * only a slow hash of the code, never the code.
 *
 * <p>{@link #toString()} does not show the hash. Stores keep instants to the millisecond.
 *
 * @param id the code's id, assigned by the caller and unique in the store (at most 64
 *     characters)
 * @param userId the user (at most 64 characters)
 * @param codeHash a slow hash of the code, such as a bcrypt modular-crypt string (at most 255
 *     characters)
 * @param createdAt when the code was generated
 * @param usedAt when the code was used, or null while it is unused
 */
public record RecoveryCode(String id, String userId, String codeHash, Instant createdAt, Instant usedAt) {

    /**
     * Checks the components.
     *
     * @param id as described for the record
     * @param userId as described for the record
     * @param codeHash as described for the record
     * @param createdAt as described for the record
     * @param usedAt as described for the record
     * @throws NullPointerException if a component but {@code usedAt} is null
     */
    public RecoveryCode {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(codeHash, "codeHash");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /**
     * Tells whether the code was used.
     *
     * @return true when {@code usedAt} is set
     */
    public boolean used() {
        return usedAt != null;
    }

    /**
     * Returns the code with its hash hidden.
     *
     * @return a description for logs
     */
    @Override
    public String toString() {
        return "RecoveryCode[id=" + id + ", userId=" + userId + ", codeHash=***, createdAt=" + createdAt
                + ", usedAt=" + usedAt + "]";
    }
}
