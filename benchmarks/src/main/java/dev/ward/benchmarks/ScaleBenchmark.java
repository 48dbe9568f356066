package dev.ward.benchmarks;

import dev.ward.AuthManager;
import dev.ward.JwtAlgorithm;
import dev.ward.TokenPair;
import dev.ward.store.jdbc.JdbcLoginAttemptStore;
import dev.ward.store.jdbc.JdbcTokenStore;
import dev.ward.store.jdbc.JdbcUserRepository;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Scale: Ward's {@code refresh} on embedded PostgreSQL with a sessions table that already
 * holds 10,000 or 1,000,000 sessions of other users (loaded with {@code COPY}: random ids and
 * hashes of Ward's lengths, 5,000 users, creation over the last 60 days, four in five rotated,
 * one in twenty revoked, a client address and user agent each), then {@code VACUUM ANALYZE}.
 * The refreshes cycle through {@value #LIVE} sessions made by Ward's {@code logIn} after the
 * load, so their ids sit at random places of the primary-key index. One thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class ScaleBenchmark {

    /** Sessions the benchmark refreshes; a power of two. */
    static final int LIVE = 1024;
    private static final int USERS = 5_000;
    private static final int ROWS_PER_CHUNK = 10_000;
    private static final String[] USER_AGENTS = {
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 "
            + "Safari/537.36",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
        "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
        "okhttp/4.12.0",
    };

    /** Sessions in the table besides the live ones. */
    @Param({"10000", "1000000"})
    public int sessions;

    private Database.Server server;
    private AuthManager auth;
    private final String[] refreshTokens = new String[LIVE];
    private int next;

    /**
     * Starts PostgreSQL, loads the other sessions, and logs in {@value #LIVE} times.
     *
     * @throws SQLException if the load fails
     */
    @Setup
    public void setUp() throws SQLException {
        server = Database.POSTGRESQL.start();
        DataSource dataSource = server.dataSource();
        load(dataSource, sessions);
        JdbcUserRepository users = new JdbcUserRepository(dataSource);
        auth = Fixtures.manager(users, new JdbcTokenStore(dataSource), new JdbcLoginAttemptStore(dataSource),
                Fixtures.keys(JwtAlgorithm.HS256).ward(), Fixtures.CHEAP_BCRYPT_COST);
        String[] emails = new String[8];
        for (int u = 0; u < emails.length; u++) {
            emails[u] = "scale" + u + "@example.com";
            Fixtures.signUp(auth, users, emails[u]);
        }
        for (int i = 0; i < LIVE; i++) {
            refreshTokens[i] = auth.logIn(emails[i % emails.length], Fixtures.PASSWORD).refreshToken();
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("VACUUM ANALYZE ward_sessions");
            statement.execute("VACUUM ANALYZE ward_users");
        }
    }

    /** Stops the database. */
    @TearDown
    public void tearDown() {
        server.close();
    }

    /**
     * Ward's refresh over the JDBC stores.
     *
     * @return the new token pair
     */
    @Benchmark
    public TokenPair refresh() {
        int i = next++ & (LIVE - 1);
        TokenPair pair = auth.refresh(refreshTokens[i]);
        refreshTokens[i] = pair.refreshToken();
        return pair;
    }

    /** Loads {@code count} sessions with COPY, in chunks, on one connection. */
    static void load(DataSource dataSource, int count) throws SQLException {
        SplittableRandom random = new SplittableRandom(42);
        String[] userIds = new String[USERS];
        for (int u = 0; u < USERS; u++) {
            userIds[u] = new UUID(random.nextLong(), random.nextLong()).toString();
        }
        long now = Fixtures.NOW.toEpochMilli();
        long day = Duration.ofDays(1).toMillis();
        byte[] id = new byte[16];
        byte[] hash = new byte[32];
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        try (Connection connection = dataSource.getConnection()) {
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY ward_sessions (id, user_id, "
                    + "family_hash, current_hash, previous_hash, created_at, expires_at, idle_expires_at, rotated_at, "
                    + "last_used_at, revoked_at, revoke_reason, client_ip, user_agent, ended_at) FROM STDIN");
            StringBuilder rows = new StringBuilder(ROWS_PER_CHUNK * 400);
            for (int n = 0; n < count; n++) {
                long created = now - random.nextLong(60 * day);
                long lastUsed = created + random.nextLong(now - created + 1);
                long expires = created + 90 * day;
                long idle = Math.min(lastUsed + 30 * day, expires);
                boolean rotated = random.nextInt(5) != 0;
                boolean revoked = random.nextInt(20) == 0;
                long ended = revoked ? Math.min(lastUsed, idle) : idle;
                random.nextBytes(id);
                rows.append(base64.encodeToString(id)).append('\t')
                        .append(userIds[random.nextInt(USERS)]).append('\t');
                for (int h = 0; h < 3; h++) {
                    if (h == 2 && !rotated) {
                        rows.append("\\N\t");
                    } else {
                        random.nextBytes(hash);
                        rows.append(base64.encodeToString(hash)).append('\t');
                    }
                }
                rows.append(created).append('\t').append(expires).append('\t').append(idle).append('\t')
                        .append(rotated ? Long.toString(lastUsed) : "\\N").append('\t')
                        .append(lastUsed).append('\t')
                        .append(revoked ? Long.toString(lastUsed) : "\\N").append('\t')
                        .append(revoked ? "logout" : "\\N").append('\t')
                        .append("198.51.100.").append(random.nextInt(256)).append('\t')
                        .append(USER_AGENTS[random.nextInt(USER_AGENTS.length)]).append('\t')
                        .append(ended).append('\n');
                if ((n + 1) % ROWS_PER_CHUNK == 0 || n == count - 1) {
                    byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
                    copy.writeToCopy(bytes, 0, bytes.length);
                    rows.setLength(0);
                }
            }
            long loaded = copy.endCopy();
            if (loaded != count) {
                throw new IllegalStateException("COPY loaded " + loaded + " of " + count + " sessions");
            }
        }
    }
}
