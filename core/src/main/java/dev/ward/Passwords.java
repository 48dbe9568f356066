package dev.ward;

import dev.ward.internal.password.PasswordEncoding;
import dev.ward.internal.password.PasswordHasher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Password handling: the policy check, and hashing and verifying through the configured
 * hasher and encoding (pepper). Every prepared byte array is wiped as soon as it was used.
 */
final class Passwords {

    private final PasswordPolicy policy;
    private final PasswordHasher hasher;
    private final PasswordEncoding encoding;

    Passwords(PasswordPolicy policy, PasswordHasher hasher, PasswordEncoding encoding) {
        this.policy = policy;
        this.hasher = hasher;
        this.encoding = encoding;
    }

    /**
     * Checks a new password against the policy.
     *
     * @return one violation of {@code field} per problem; empty when the password is acceptable
     */
    List<FieldViolation> check(String password, String field, String userName, String email) {
        List<FieldViolation> violations = new ArrayList<>();
        for (String problem : policy.check(password, userName, email)) {
            violations.add(new FieldViolation(field, problem));
        }
        return violations;
    }

    String hash(String password) {
        return withPrepared(password, hasher::hash);
    }

    /**
     * Tells whether a password matches an account's stored hash, without upgrading it.
     */
    boolean matches(String password, String storedHash) {
        return withPrepared(password, prepared -> hasher.verify(prepared, storedHash));
    }

    /**
     * Verifies a password against a stored hash, or against a dummy hash when there is none,
     * so that an unknown account costs the same work as a known one. A stored hash of a lower
     * cost than configured is made up for: a match re-hashes at the configured cost, a
     * mismatch also checks the dummy hash, so neither answer comes faster than an unknown
     * address's.
     *
     * @param storedHash the account's hash, or null for an unknown account
     * @return whether it matched and whether the stored hash should be upgraded; never a match
     *     for a null hash
     */
    Verification verify(String password, String storedHash) {
        return withPrepared(password, prepared -> {
            if (storedHash == null) {
                hasher.verify(prepared, hasher.dummyHash());
                return new Verification(false, null);
            }
            boolean matches = hasher.verify(prepared, storedHash);
            if (!hasher.needsRehash(storedHash)) {
                return new Verification(matches, null);
            }
            // The stored hash is cheaper than the configured cost (a dormant account after the
            // cost was raised, or an imported hash): top the work up to at least one check at the
            // configured cost, so that a wrong password takes no less time than an unknown address.
            if (matches) {
                return new Verification(true, hasher.hash(prepared));
            }
            hasher.verify(prepared, hasher.dummyHash());
            return new Verification(false, null);
        });
    }

    private <T> T withPrepared(String password, Function<byte[], T> work) {
        byte[] prepared = encoding.prepare(password);
        try {
            return work.apply(prepared);
        } finally {
            Arrays.fill(prepared, (byte) 0);
        }
    }

    /**
     * The outcome of {@link #verify}.
     *
     * @param matches whether the password matched
     * @param upgradedHash a new hash at the configured cost when the stored one was weaker, else null
     */
    record Verification(boolean matches, String upgradedHash) {
        @Override
        public String toString() {
            return "Verification[matches=" + matches + "]";
        }
    }
}
