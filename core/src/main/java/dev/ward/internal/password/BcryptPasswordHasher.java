package dev.ward.internal.password;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * bcrypt ({@code $2a$}) through {@code at.favre.lib:bcrypt}, at a fixed cost.
 */
public final class BcryptPasswordHasher implements PasswordHasher {

    /** bcrypt reads at most 72 bytes of a password. */
    public static final int MAX_PASSWORD_BYTES = 72;
    private static final byte[] PLACEHOLDER = {'x'};

    private final int cost;
    private final BCrypt.Hasher hasher = BCrypt.with(BCrypt.Version.VERSION_2A, new SecureRandom(),
            at.favre.lib.crypto.bcrypt.LongPasswordStrategies.strict(BCrypt.Version.VERSION_2A));
    private final BCrypt.Verifyer verifyer = BCrypt.verifyer();
    private final String dummyHash;

    /**
     * Creates a hasher; this computes one hash, the dummy.
     *
     * @param cost the bcrypt cost (log2 of the rounds), 4 to 31
     * @throws IllegalArgumentException if the cost is out of range
     */
    public BcryptPasswordHasher(int cost) {
        if (cost < BCrypt.MIN_COST || cost > BCrypt.MAX_COST) {
            throw new IllegalArgumentException("bcrypt cost must be between " + BCrypt.MIN_COST + " and "
                    + BCrypt.MAX_COST + ", got " + cost);
        }
        this.cost = cost;
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        this.dummyHash = hash(random);
    }

    /**
     * Returns the cost new hashes get.
     *
     * @return the cost
     */
    public int cost() {
        return cost;
    }

    @Override
    public String hash(byte[] password) {
        if (password.length == 0 || password.length > MAX_PASSWORD_BYTES) {
            throw new IllegalArgumentException("a password must be 1 to 72 bytes for bcrypt");
        }
        return new String(hasher.hash(cost, password), StandardCharsets.US_ASCII);
    }

    @Override
    public boolean verify(byte[] password, String hash) {
        boolean usable = password.length > 0 && password.length <= MAX_PASSWORD_BYTES;
        byte[] input = usable ? password : PLACEHOLDER;
        byte[] hashBytes = hash.getBytes(StandardCharsets.US_ASCII);
        BCrypt.Result result = verifyer.verify(input, hashBytes);
        if (!result.validFormat) {
            // Spend the same work as a real check before answering no.
            verifyer.verify(input, dummyHash.getBytes(StandardCharsets.US_ASCII));
            return false;
        }
        Arrays.fill(hashBytes, (byte) 0);
        return usable && result.verified;
    }

    @Override
    public String dummyHash() {
        return dummyHash;
    }

    @Override
    public boolean needsRehash(String hash) {
        // $2a$12$... : the cost is the two digits after the second '$'.
        if (hash.length() < 7 || hash.charAt(0) != '$' || hash.charAt(3) != '$' || hash.charAt(6) != '$') {
            return true;
        }
        try {
            return Integer.parseInt(hash.substring(4, 6)) < cost;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    @Override
    public String toString() {
        return "BcryptPasswordHasher[cost=" + cost + "]";
    }
}
