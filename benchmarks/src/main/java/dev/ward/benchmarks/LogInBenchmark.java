package dev.ward.benchmarks;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.ward.AuthManager;
import dev.ward.JwtAlgorithm;
import dev.ward.TokenPair;
import dev.ward.store.memory.InMemoryUserRepository;
import java.nio.charset.StandardCharsets;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Log-in: Ward's {@code logIn} at bcrypt cost 10 on the in-memory stores (validate, look up,
 * bcrypt, start a session, sign an HS256 access token) next to one bare at.favre bcrypt verify
 * of the very hash Ward stored. The difference is what Ward adds around the hash.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class LogInBenchmark {

    /** The cost both sides run at. */
    static final int COST = 10;
    static final String EMAIL = "login@example.com";

    private AuthManager auth;
    private byte[] password;
    private byte[] storedHash;
    private final BCrypt.Verifyer verifyer = BCrypt.verifyer();

    /** Builds Ward at cost 10, signs up the user, and takes its stored hash for the bare check. */
    @Setup
    public void setUp() {
        InMemoryUserRepository users = new InMemoryUserRepository();
        auth = Fixtures.inMemoryManager(users, Fixtures.keys(JwtAlgorithm.HS256).ward(), COST);
        Fixtures.signUp(auth, users, EMAIL);
        storedHash = users.findByEmail(EMAIL).orElseThrow().passwordHash().getBytes(StandardCharsets.US_ASCII);
        password = Fixtures.PASSWORD.getBytes(StandardCharsets.UTF_8);
        if (!bcrypt()) {
            throw new IllegalStateException("the bare check refuses Ward's hash");
        }
    }

    /**
     * Ward's {@code logIn}: a new session each time.
     *
     * @return the tokens of the new session
     */
    @Benchmark
    public TokenPair ward() {
        return auth.logIn(EMAIL, Fixtures.PASSWORD);
    }

    /**
     * One bcrypt verify at cost 10, nothing else.
     *
     * @return whether the password matched (always true)
     */
    @Benchmark
    public boolean bcrypt() {
        return verifyer.verify(password, storedHash).verified;
    }
}
