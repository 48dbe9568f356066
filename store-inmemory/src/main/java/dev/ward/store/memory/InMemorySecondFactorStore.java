package dev.ward.store.memory;

import dev.ward.store.RecoveryCode;
import dev.ward.store.SecondFactorStore;
import dev.ward.store.StoreException;
import dev.ward.store.TotpCredential;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A {@link SecondFactorStore} that keeps TOTP credentials and recovery codes in memory, keyed by
 * user.
 *
 * <p>For tests, demos and single-node applications; not for a cluster, where a code used on one
 * node could be replayed on another (use the JDBC store there), nor for factors that must
 * survive a restart. Thread-safe: each user's credentials are one immutable value changed by an
 * atomic {@code compute} of a {@link ConcurrentHashMap}, and so are each user's recovery codes,
 * so confirming, recording a step and using a code each have exactly one winner, and a reader
 * sees a user's old codes or the new ones, never a mix. Replacements take one lock, so that the
 * uniqueness of code ids across users is checked and kept; checking scans every user's codes,
 * which is fine at the sizes this store is meant for.
 */
public final class InMemorySecondFactorStore implements SecondFactorStore {

    /** A user's credentials: either may be null, never both. */
    private record Totp(TotpCredential pending, TotpCredential confirmed) {
    }

    private final ConcurrentMap<String, Totp> totp = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, SortedMap<String, RecoveryCode>> codes = new ConcurrentHashMap<>();
    private final Object replacing = new Object();

    /** Creates an empty store. */
    public InMemorySecondFactorStore() {
    }

    @Override
    public void savePendingTotp(TotpCredential pending) {
        Objects.requireNonNull(pending, "pending");
        if (pending.confirmed()) {
            throw new IllegalArgumentException("a pending TOTP credential has no confirmation instant");
        }
        totp.compute(pending.userId(), (user, old) -> new Totp(pending, old == null ? null : old.confirmed()));
    }

    @Override
    public Optional<TotpCredential> findTotp(String userId, boolean confirmed) {
        Objects.requireNonNull(userId, "userId");
        Totp current = totp.get(userId);
        if (current == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(confirmed ? current.confirmed() : current.pending());
    }

    @Override
    public boolean confirmTotp(String userId, Instant confirmedAt, long step) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(confirmedAt, "confirmedAt");
        checkStep(step);
        boolean[] won = new boolean[1];
        totp.computeIfPresent(userId, (user, old) -> {
            TotpCredential pending = old.pending();
            if (pending == null) {
                return old;
            }
            won[0] = true;
            return new Totp(null, new TotpCredential(pending.userId(), pending.encryptedSecret(), pending.keyId(),
                    pending.createdAt(), confirmedAt, step));
        });
        return won[0];
    }

    @Override
    public boolean recordTotpUse(String userId, long step) {
        Objects.requireNonNull(userId, "userId");
        checkStep(step);
        boolean[] won = new boolean[1];
        totp.computeIfPresent(userId, (user, old) -> {
            TotpCredential confirmed = old.confirmed();
            if (confirmed == null || step <= confirmed.lastUsedStep()) {
                return old;
            }
            won[0] = true;
            return new Totp(old.pending(), new TotpCredential(confirmed.userId(), confirmed.encryptedSecret(),
                    confirmed.keyId(), confirmed.createdAt(), confirmed.confirmedAt(), step));
        });
        return won[0];
    }

    private static void checkStep(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("a TOTP time step is at least 0, got " + step);
        }
    }

    @Override
    public int deleteTotp(String userId) {
        Objects.requireNonNull(userId, "userId");
        Totp removed = totp.remove(userId);
        return removed == null ? 0 : count(removed);
    }

    private static int count(Totp credentials) {
        return (credentials.pending() == null ? 0 : 1) + (credentials.confirmed() == null ? 0 : 1);
    }

    @Override
    public void replaceRecoveryCodes(String userId, List<RecoveryCode> newCodes) {
        Objects.requireNonNull(userId, "userId");
        SortedMap<String, RecoveryCode> replacement = checkedCodes(userId, newCodes);
        synchronized (replacing) {
            for (Map.Entry<String, SortedMap<String, RecoveryCode>> other : codes.entrySet()) {
                if (!other.getKey().equals(userId)
                        && !Collections.disjoint(other.getValue().keySet(), replacement.keySet())) {
                    throw new StoreException("a recovery code with one of these ids exists for another user");
                }
            }
            if (replacement.isEmpty()) {
                codes.remove(userId);
            } else {
                codes.put(userId, replacement);
            }
        }
    }

    /**
     * Checks new codes as the SPI demands and returns them by id, unmodifiable.
     *
     * @throws IllegalArgumentException for another user's code, a used code or a repeated id
     */
    private static SortedMap<String, RecoveryCode> checkedCodes(String userId, List<RecoveryCode> newCodes) {
        Objects.requireNonNull(newCodes, "codes");
        SortedMap<String, RecoveryCode> byId = new TreeMap<>();
        Set<String> ids = new HashSet<>();
        for (RecoveryCode code : newCodes) {
            Objects.requireNonNull(code, "code");
            if (!code.userId().equals(userId)) {
                throw new IllegalArgumentException("a recovery code of another user cannot be stored for this one");
            }
            if (code.used()) {
                throw new IllegalArgumentException("a new recovery code is unused");
            }
            if (!ids.add(code.id())) {
                throw new IllegalArgumentException("two recovery codes share an id");
            }
            byId.put(code.id(), code);
        }
        return Collections.unmodifiableSortedMap(byId);
    }

    @Override
    public List<RecoveryCode> findUnusedRecoveryCodes(String userId) {
        Objects.requireNonNull(userId, "userId");
        SortedMap<String, RecoveryCode> current = codes.get(userId);
        if (current == null) {
            return List.of();
        }
        return current.values().stream().filter(code -> !code.used()).toList();
    }

    @Override
    public boolean useRecoveryCode(String userId, String id, Instant usedAt) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(usedAt, "usedAt");
        boolean[] won = new boolean[1];
        codes.computeIfPresent(userId, (user, current) -> {
            RecoveryCode code = current.get(id);
            if (code == null || code.used()) {
                return current;
            }
            won[0] = true;
            SortedMap<String, RecoveryCode> changed = new TreeMap<>(current);
            changed.put(id, new RecoveryCode(code.id(), code.userId(), code.codeHash(), code.createdAt(), usedAt));
            return Collections.unmodifiableSortedMap(changed);
        });
        return won[0];
    }

    @Override
    public int deleteAllForUser(String userId) {
        Objects.requireNonNull(userId, "userId");
        int deleted = deleteTotp(userId);
        SortedMap<String, RecoveryCode> removed = codes.remove(userId);
        return deleted + (removed == null ? 0 : removed.size());
    }

    @Override
    public String toString() {
        return "InMemorySecondFactorStore[users with TOTP=" + totp.size() + ", users with recovery codes="
                + codes.size() + "]";
    }
}
