package dev.ward;

import dev.ward.internal.password.BcryptPasswordHasher;
import dev.ward.internal.password.PasswordHasher;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * bcrypt (cost 4 unless given) that records every hash it verifies against, to prove how much work a
 * log-in did without a stopwatch. Installed through the package-private
 * {@code AuthManager.Builder.passwordHasher} hook.
 */
final class CountingHasher implements PasswordHasher {

    private final BcryptPasswordHasher real;
    /** The stored hashes verified against, in order. */
    final List<String> verifiedAgainst = Collections.synchronizedList(new ArrayList<>());
    /** The bcrypt cost of every computation, hashes made and checked alike, in order. */
    final List<Integer> costs = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger hashes = new AtomicInteger();

    CountingHasher() {
        this(4);
    }

    /** Makes new hashes at the given cost (the configured cost, as a manager would). */
    CountingHasher(int cost) {
        this.real = new BcryptPasswordHasher(cost);
    }

    /** How many bcrypt computations ran: hashes made plus hashes verified against. */
    int runs() {
        return hashes.get() + verifiedAgainst.size();
    }

    @Override
    public String hash(byte[] password) {
        hashes.incrementAndGet();
        costs.add(real.cost());
        return real.hash(password);
    }

    @Override
    public boolean verify(byte[] password, String hash) {
        verifiedAgainst.add(hash);
        costs.add(hash.matches("\\$2[aby]\\$\\d\\d\\$.*") ? Integer.parseInt(hash.substring(4, 6)) : -1);
        return real.verify(password, hash);
    }

    @Override
    public String dummyHash() {
        return real.dummyHash();
    }

    @Override
    public boolean needsRehash(String hash) {
        return real.needsRehash(hash);
    }
}
