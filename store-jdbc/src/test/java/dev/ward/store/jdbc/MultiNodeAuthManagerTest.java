package dev.ward.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.zaxxer.hikari.HikariDataSource;
import dev.ward.AuthError;
import dev.ward.AuthEvent;
import dev.ward.AuthException;
import dev.ward.AuthManager;
import dev.ward.AuthSettings;
import dev.ward.JwtKey;
import dev.ward.SignUpRequest;
import dev.ward.TokenPair;
import dev.ward.store.Session;
import dev.ward.store.StoreException;
import dev.ward.store.tck.Concurrently;
import dev.ward.store.tck.MutableClock;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two {@link AuthManager} nodes, each with its own connection pool, on one database: the
 * rotation's compare-and-set must have one winner across nodes, and the session must end
 * consistent.
 */
@Timeout(180)
@DisplayName("AuthManager nodes sharing one database")
class MultiNodeAuthManagerTest {

    private static final byte[] SECRET = "multi-node-test-secret-0123456789".getBytes(StandardCharsets.US_ASCII);
    private static final String PASSWORD = "correct horse battery";

    private final MutableClock clock = MutableClock.at("2030-01-01T10:00:00Z");
    private final List<AuthEvent> events = Collections.synchronizedList(new ArrayList<>());
    private final List<HikariDataSource> pools = new ArrayList<>();

    @AfterEach
    void closePools() {
        pools.forEach(HikariDataSource::close);
    }

    private AuthManager node(DataSource dataSource, Duration grace) {
        return AuthManager.builder()
                .userRepository(new JdbcUserRepository(dataSource))
                .tokenStore(new JdbcTokenStore(dataSource))
                .loginAttemptStore(new JdbcLoginAttemptStore(dataSource))
                .signingKey(JwtKey.hmac("multi-node", SECRET))
                .clock(clock)
                .settings(AuthSettings.builder().bcryptCost(4).refreshReuseGrace(grace).build())
                .eventListener(events::add)
                .build();
    }

    private List<AuthManager> twoNodes(TestDatabase database, Duration grace) {
        database.dataSource(); // the server and the schema
        HikariDataSource first = database.newPool("ward-node-1", 8);
        HikariDataSource second = database.newPool("ward-node-2", 8);
        pools.add(first);
        pools.add(second);
        return List.of(node(first, grace), node(second, grace));
    }

    private static String email() {
        return "nodes-" + UUID.randomUUID() + "@example.test";
    }

    private static String secretHash(String refreshToken) throws Exception {
        byte[] both = Base64.getUrlDecoder().decode(refreshToken.substring(refreshToken.indexOf('.') + 1));
        byte[] secret = java.util.Arrays.copyOfRange(both, 16, both.length);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256").digest(secret));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = TestDatabase.class, names = {"POSTGRESQL", "MARIADB"})
    @DisplayName("grace on: 64 refreshes of one token across two nodes all receive the identical refresh token, which then works")
    void graceOn(TestDatabase database) throws Exception {
        List<AuthManager> nodes = twoNodes(database, Duration.ofSeconds(30));
        String email = email();
        nodes.get(0).signUp(new SignUpRequest("node user", email, PASSWORD));
        TokenPair start = nodes.get(1).logIn(email, PASSWORD);
        events.clear();

        List<Concurrently.Outcome<TokenPair>> outcomes = Concurrently.run(64,
                i -> () -> nodes.get(i % 2).refresh(start.refreshToken()));

        assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).isNull());
        List<AuthEvent.Refreshed> refreshed = events.stream().filter(AuthEvent.Refreshed.class::isInstance)
                .map(AuthEvent.Refreshed.class::cast).toList();
        assertThat(refreshed).hasSize(64);
        assertThat(refreshed).filteredOn(e -> !e.withinGrace()).hasSize(1);
        List<String> issued = outcomes.stream().map(o -> o.value().refreshToken()).distinct().toList();
        assertThat(issued).hasSize(1);
        Session session = new JdbcTokenStore(database.dataSource()).findById(start.sessionId()).orElseThrow();
        assertThat(session.isActive(clock.instant())).isTrue();
        assertThat(secretHash(issued.get(0))).isEqualTo(session.currentHash());

        clock.advance(Duration.ofSeconds(31));
        assertThat(nodes.get(0).refresh(issued.get(0)).refreshToken()).isNotEqualTo(issued.get(0));
        AuthException late = catchThrowableOfType(AuthException.class,
                () -> nodes.get(1).refresh(start.refreshToken()));
        assertThat(late.error()).isEqualTo(AuthError.REFRESH_TOKEN_REUSED);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = TestDatabase.class, names = {"POSTGRESQL", "MARIADB"})
    @DisplayName("grace off: of 64 refreshes of one token across two nodes exactly one succeeds, the rest are reuse")
    void graceOff(TestDatabase database) {
        List<AuthManager> nodes = twoNodes(database, Duration.ZERO);
        String email = email();
        nodes.get(0).signUp(new SignUpRequest("node user", email, PASSWORD));
        TokenPair start = nodes.get(0).logIn(email, PASSWORD);

        List<Concurrently.Outcome<TokenPair>> outcomes = Concurrently.run(64,
                i -> () -> nodes.get(i % 2).refresh(start.refreshToken()));

        assertThat(outcomes).filteredOn(Concurrently.Outcome::succeeded).hasSize(1);
        assertThat(outcomes).filteredOn(o -> !o.succeeded()).hasSize(63).allSatisfy(o ->
                assertThat(((AuthException) o.failure()).error()).isEqualTo(AuthError.REFRESH_TOKEN_REUSED));
        Session session = new JdbcTokenStore(database.dataSource()).findById(start.sessionId()).orElseThrow();
        assertThat(session.revokeReason()).isEqualTo("reuse-detected");
    }

    @Test
    @DisplayName("a refresh whose UPDATE fails gives StoreException, not an auth error, and leaves the token usable")
    void failedRotationIsAStoreFailure() {
        DataSource real = TestDatabase.POSTGRESQL.dataSource();
        AtomicBoolean failUpdates = new AtomicBoolean();
        AuthManager node = node(failingUpdates(real, failUpdates), Duration.ofSeconds(30));
        String email = email();
        node.signUp(new SignUpRequest("node user", email, PASSWORD));
        TokenPair pair = node.logIn(email, PASSWORD);

        failUpdates.set(true);
        StoreException failure = catchThrowableOfType(StoreException.class, () -> node.refresh(pair.refreshToken()));
        failUpdates.set(false);

        assertThat(failure).isNotNull();
        assertThat(failure.getMessage()).doesNotContain(pair.refreshToken());
        Session untouched = new JdbcTokenStore(real).findById(pair.sessionId()).orElseThrow();
        assertThat(untouched.previousHash()).isNull();
        assertThat(untouched.isActive(clock.instant())).isTrue();
        assertThat(node.refresh(pair.refreshToken())).isNotNull();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    @DisplayName("a rotation UPDATE parked past the grace window still opens a full window: the retry gets the same token")
    void parkedRotationKeepsTheWindow(TestDatabase database) throws Exception {
        CountDownLatch parked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean park = new AtomicBoolean();
        AuthManager node = node(parkingRotations(database.dataSource(), park, parked, release), Duration.ofSeconds(30));
        String email = email();
        node.signUp(new SignUpRequest("node user", email, PASSWORD));
        TokenPair start = node.logIn(email, PASSWORD);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            park.set(true);
            Future<TokenPair> stalled = executor.submit(() -> node.refresh(start.refreshToken()));
            assertThat(parked.await(60, TimeUnit.SECONDS)).isTrue();
            park.set(false);
            clock.advance(Duration.ofSeconds(40));
            release.countDown();
            TokenPair late = stalled.get(60, TimeUnit.SECONDS);
            clock.advance(Duration.ofSeconds(20));

            assertThat(node.refresh(start.refreshToken()).refreshToken()).isEqualTo(late.refreshToken());
            assertThat(events).noneMatch(AuthEvent.RefreshTokenReused.class::isInstance);
        } finally {
            executor.shutdownNow();
        }
    }

    /** A DataSource whose connections wait for {@code release} before preparing a rotation, while the flag is set. */
    private static DataSource parkingRotations(DataSource real, AtomicBoolean park, CountDownLatch parked,
                                               CountDownLatch release) {
        return (DataSource) Proxy.newProxyInstance(MultiNodeAuthManagerTest.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    Object result = invoke(real, method, args);
                    if (!(result instanceof Connection connection)) {
                        return result;
                    }
                    return Proxy.newProxyInstance(MultiNodeAuthManagerTest.class.getClassLoader(),
                            new Class<?>[] {Connection.class}, (p, m, a) -> {
                                if (park.get() && m.getName().equals("prepareStatement") && a != null
                                        && a[0] instanceof String sql && sql.contains("successor_mask = ?")) {
                                    parked.countDown();
                                    if (!release.await(60, TimeUnit.SECONDS)) {
                                        throw new SQLException("never released");
                                    }
                                }
                                return invoke(connection, m, a);
                            });
                });
    }

    /** A DataSource whose connections refuse to prepare UPDATE statements while the flag is set. */
    private static DataSource failingUpdates(DataSource real, AtomicBoolean fail) {
        InvocationHandler dataSource = (proxy, method, args) -> {
            Object result = invoke(real, method, args);
            if (result instanceof Connection connection) {
                return Proxy.newProxyInstance(MultiNodeAuthManagerTest.class.getClassLoader(),
                        new Class<?>[] {Connection.class}, (p, m, a) -> {
                            if (fail.get() && m.getName().equals("prepareStatement") && a != null
                                    && a[0] instanceof String sql
                                    && sql.strip().toUpperCase(Locale.ROOT).startsWith("UPDATE")) {
                                throw new SQLException("connection reset (injected)", "08006");
                            }
                            return invoke(connection, m, a);
                        });
            }
            return result;
        };
        return (DataSource) Proxy.newProxyInstance(MultiNodeAuthManagerTest.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, dataSource);
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
