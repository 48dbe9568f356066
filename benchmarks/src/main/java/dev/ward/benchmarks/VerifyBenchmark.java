package dev.ward.benchmarks;

import dev.ward.AuthManager;
import dev.ward.AuthenticatedUser;
import dev.ward.JwtAlgorithm;
import dev.ward.UserAccount;
import dev.ward.store.memory.InMemoryLoginAttemptStore;
import dev.ward.store.memory.InMemoryTokenStore;
import dev.ward.store.memory.InMemoryUserRepository;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Verifying an access token, the hot path: the JCA floor, three peer libraries and Ward, on
 * the very same tokens (issued by Ward, claims iss, aud, sub, iat, exp, jti, sid and two
 * roles; header alg, typ {@code at+jwt}, kid).
 *
 * <p>{@link #wardUncached} is {@link #wardCold} with Ward's cache of verified tokens turned
 * off: the difference between the two is what the cache costs a token it has not seen.
 *
 * <p>Cold: every method but {@link #wardWarm} cycles through a pool of distinct tokens, so
 * that a token comes back only after all the others. Ward remembers verified tokens (10,000
 * by default), so its pool must be far larger than that cache, or cold would turn into warm:
 * {@value #HS256_POOL} tokens for HS256 (for every method, so that all read them from memory
 * alike) and {@value #WARD_COLD_POOL} for Ward's cold methods with ES256 and EdDSA, more than a
 * quick run verifies. The other ES256 and EdDSA methods cache nothing and spend a quarter of a
 * millisecond or more per token, so they get {@value #SMALL_POOL} tokens, which saves set-up
 * time: each token takes a signature to make. {@code -p pool=N} sets one size for all. Warm: {@link #wardWarm}
 * presents one token again and again, as a client does for the thousands of requests it makes
 * during the token's lifetime. Either way each call gets a fresh {@code String}, as a server
 * gets one per request from its header, so that nothing rides on the hash code a
 * {@code String} caches; making it (a copy of 365 to 408 bytes) is part of every method's time
 * alike. The Ward instance that verifies is not the one that issued the tokens, so it has
 * seen none of them before.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class VerifyBenchmark {

    /** Distinct HS256 tokens every cold method cycles through. */
    public static final int HS256_POOL = 1 << 18;
    /** Distinct ES256 or EdDSA tokens Ward's cold methods cycle through. */
    public static final int WARD_COLD_POOL = 1 << 16;
    /** Distinct ES256 or EdDSA tokens for the methods that cache nothing. */
    public static final int SMALL_POOL = 1 << 12;

    /** The algorithm; java-jwt has no EdDSA, so {@link #javaJwt} fails at once for it. */
    @Param({"HS256", "ES256", "EdDSA"})
    public String alg;

    /** The size of the token pool, rounded down to a power of two; 0 for the defaults above. */
    @Param({"0"})
    public int pool;

    byte[][] tokens;
    byte[] warmToken;
    Fixtures.Keys keys;
    AuthManager ward;
    AuthManager wardUncached;
    Peers.Nimbus nimbus;
    Peers.Jjwt jjwt;
    Peers.JavaJwt javaJwt;

    /**
     * Makes a key, issues the token pool with one Ward instance, builds a second Ward instance
     * and every peer, and checks that each of them reads the same subject and roles.
     *
     * @param params which benchmark method runs, for the size of the pool
     * @throws Exception if a library cannot be set up or disagrees
     */
    @Setup
    public void setUp(BenchmarkParams params) throws Exception {
        JwtAlgorithm algorithm = JwtAlgorithm.valueOf(alg);
        int size = Integer.highestOneBit(pool > 0 ? pool : poolSize(algorithm, params.getBenchmark()));
        keys = Fixtures.keys(algorithm);
        InMemoryUserRepository users = new InMemoryUserRepository();
        AuthManager issuer = Fixtures.inMemoryManager(users, keys.ward(), Fixtures.CHEAP_BCRYPT_COST);
        UserAccount user = Fixtures.signUp(issuer, users, "bench@example.com");
        String[] issued = Fixtures.accessTokens(issuer, "bench@example.com", size);
        tokens = new byte[size][];
        for (int i = 0; i < size; i++) {
            tokens[i] = issued[i].getBytes(StandardCharsets.ISO_8859_1);
        }
        warmToken = tokens[0];
        ward = Fixtures.inMemoryManager(new InMemoryUserRepository(), keys.ward(), Fixtures.CHEAP_BCRYPT_COST);
        wardUncached = Fixtures.manager(new InMemoryUserRepository(), new InMemoryTokenStore(),
                new InMemoryLoginAttemptStore(), keys.ward(),
                Fixtures.settings(Fixtures.CHEAP_BCRYPT_COST).verifiedTokenCacheSize(0).build());
        nimbus = new Peers.Nimbus(keys);
        jjwt = new Peers.Jjwt(keys);
        javaJwt = Peers.JavaJwt.supports(algorithm) ? new Peers.JavaJwt(keys) : null;

        // Every verifier must agree before any of them is timed.
        String token = issued[size - 1];
        AuthenticatedUser expected = Fixtures.inMemoryManager(new InMemoryUserRepository(), keys.ward(),
                Fixtures.CHEAP_BCRYPT_COST).authenticate(token);
        check("ward", new Principal(expected.userId(), List.copyOf(expected.roles())), user.id());
        check("floor", new JcaFloor(keys).verify(token), user.id());
        check("nimbus", nimbus.verify(token), user.id());
        check("jjwt", jjwt.verify(token), user.id());
        if (javaJwt != null) {
            check("java-jwt", javaJwt.verify(token), user.id());
        }
    }

    /** The default pool size of a benchmark method, given by its full name. */
    static int poolSize(JwtAlgorithm algorithm, String benchmark) {
        if (algorithm == JwtAlgorithm.HS256) {
            return HS256_POOL;
        }
        return benchmark.endsWith(".wardCold") || benchmark.endsWith(".wardUncached") ? WARD_COLD_POOL : SMALL_POOL;
    }

    private static void check(String library, Principal principal, String userId) {
        if (!principal.subject().equals(userId) || !new HashSet<>(principal.roles()).equals(Fixtures.ROLES)
                || principal.roles().size() != Fixtures.ROLES.size()) {
            throw new IllegalStateException(library + " read " + principal + ", expected " + userId + " "
                    + Fixtures.ROLES);
        }
    }

    /** A token as a server receives it: a new {@code String} of the ASCII bytes. */
    static String received(byte[] token) {
        return new String(token, StandardCharsets.ISO_8859_1);
    }

    /** The position in the token pool, one per thread. */
    @State(Scope.Thread)
    public static class Cursor {
        private int next;

        String next(byte[][] tokens) {
            return received(tokens[next++ & (tokens.length - 1)]);
        }
    }

    /** The floor's {@code Mac} or {@code Signature}, one per thread as they are not thread-safe. */
    @State(Scope.Thread)
    public static class Floor {
        JcaFloor floor;

        /**
         * Makes this thread's floor verifier.
         *
         * @param benchmark the shared state, for its key
         */
        @Setup
        public void setUp(VerifyBenchmark benchmark) {
            floor = new JcaFloor(benchmark.keys);
        }
    }

    /**
     * Hand-written JCA: base64url, Mac or Signature, subject and roles by {@code indexOf}.
     *
     * @param floor this thread's verifier
     * @param cursor this thread's position in the pool
     * @return subject and roles
     */
    @Benchmark
    public Principal floor(Floor floor, Cursor cursor) {
        return floor.floor.verify(cursor.next(tokens));
    }

    /**
     * Nimbus JOSE+JWT: parse, verify with a prebuilt verifier, check the claims.
     *
     * @param cursor this thread's position in the pool
     * @return subject and roles
     * @throws Exception if nimbus refuses the token
     */
    @Benchmark
    public Principal nimbus(Cursor cursor) throws Exception {
        return nimbus.verify(cursor.next(tokens));
    }

    /**
     * jjwt with a prebuilt parser that requires issuer and audience.
     *
     * @param cursor this thread's position in the pool
     * @return subject and roles
     */
    @Benchmark
    public Principal jjwt(Cursor cursor) {
        return jjwt.verify(cursor.next(tokens));
    }

    /**
     * Auth0 java-jwt with a prebuilt verifier that requires issuer and audience (HS256 and
     * ES256 only).
     *
     * @param cursor this thread's position in the pool
     * @return subject and roles
     */
    @Benchmark
    public Principal javaJwt(Cursor cursor) {
        if (javaJwt == null) {
            throw new UnsupportedOperationException("java-jwt 4.6 has no " + alg);
        }
        return javaJwt.verify(cursor.next(tokens));
    }

    /**
     * Ward's {@code authenticate} on a token it has not seen (cycling through the pool).
     *
     * @param cursor this thread's position in the pool
     * @return the authenticated user
     */
    @Benchmark
    public AuthenticatedUser wardCold(Cursor cursor) {
        return ward.authenticate(cursor.next(tokens));
    }

    /**
     * Ward's {@code authenticate} with its cache of verified tokens turned off, on tokens from
     * the same pool: what a verification costs without the cache's bookkeeping.
     *
     * @param cursor this thread's position in the pool
     * @return the authenticated user
     */
    @Benchmark
    public AuthenticatedUser wardUncached(Cursor cursor) {
        return wardUncached.authenticate(cursor.next(tokens));
    }

    /**
     * Ward's {@code authenticate} on the same token every time (a fresh {@code String} of it).
     *
     * @return the authenticated user
     */
    @Benchmark
    public AuthenticatedUser wardWarm() {
        return ward.authenticate(received(warmToken));
    }
}
