package dev.ward.benchmarks;

import dev.ward.AuthManager;
import dev.ward.JwtAlgorithm;
import dev.ward.TokenPair;
import dev.ward.store.memory.InMemoryUserRepository;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issuing: {@code refresh} end to end on the in-memory stores, with an HS256 key: parse and
 * hash the presented token, read the session and the user, rotate (compare-and-set), sign a
 * new access token. On 1, 2 and 4 threads; each thread refreshes its own session, as each
 * client does, so threads contend only inside Ward and the stores. The score is the total
 * over all threads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class RefreshBenchmark {

    static final String EMAIL = "refresh@example.com";

    AuthManager auth;

    /** Builds Ward over fresh in-memory stores and signs up the user whose sessions rotate. */
    @Setup
    public void setUp() {
        InMemoryUserRepository users = new InMemoryUserRepository();
        auth = Fixtures.inMemoryManager(users, Fixtures.keys(JwtAlgorithm.HS256).ward(), Fixtures.CHEAP_BCRYPT_COST);
        Fixtures.signUp(auth, users, EMAIL);
    }

    /** One session per thread: its latest refresh token. */
    @State(Scope.Thread)
    public static class ClientSession {
        String refreshToken;

        /**
         * Logs in once for this thread.
         *
         * @param benchmark the shared Ward instance
         */
        @Setup
        public void logIn(RefreshBenchmark benchmark) {
            refreshToken = benchmark.auth.logIn(EMAIL, Fixtures.PASSWORD).refreshToken();
        }
    }

    private TokenPair refresh(ClientSession session) {
        TokenPair next = auth.refresh(session.refreshToken);
        session.refreshToken = next.refreshToken();
        return next;
    }

    /**
     * One thread refreshing.
     *
     * @param session this thread's session
     * @return the new token pair
     */
    @Benchmark
    @Threads(1)
    public TokenPair oneThread(ClientSession session) {
        return refresh(session);
    }

    /**
     * Two threads refreshing, each its own session.
     *
     * @param session this thread's session
     * @return the new token pair
     */
    @Benchmark
    @Threads(2)
    public TokenPair twoThreads(ClientSession session) {
        return refresh(session);
    }

    /**
     * Four threads refreshing, each its own session (on a machine with fewer cores than
     * threads this shows contention and scheduling, not more capacity).
     *
     * @param session this thread's session
     * @return the new token pair
     */
    @Benchmark
    @Threads(4)
    public TokenPair fourThreads(ClientSession session) {
        return refresh(session);
    }
}
