package dev.ward.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.zaxxer.hikari.HikariDataSource;
import dev.ward.AuthError;
import dev.ward.AuthException;
import dev.ward.AuthManager;
import dev.ward.AuthSettings;
import dev.ward.JwtKey;
import dev.ward.RevocationReason;
import dev.ward.SignUpRequest;
import dev.ward.TokenPair;
import dev.ward.store.TokenStore;
import dev.ward.store.tck.MutableClock;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A password reset on one node while a log-in with the old password is in flight on another,
 * each node with its own pool: the session the log-in stores afterwards records the old
 * credentials version, and the first refresh on either node ends it.
 */
@Timeout(180)
@DisplayName("a credentials change across nodes ends a log-in in flight")
class CredentialsChangeAcrossNodesTest {

    private static final byte[] SECRET = "credentials-test-secret-0123456789".getBytes(StandardCharsets.US_ASCII);
    private static final String OLD = "correct horse battery";
    private static final String NEW = "a brand new passphrase";

    private final MutableClock clock = MutableClock.at("2030-01-01T10:00:00Z");
    private final List<HikariDataSource> pools = new ArrayList<>();
    private final CountDownLatch creating = new CountDownLatch(1);
    private final CountDownLatch proceed = new CountDownLatch(1);

    @AfterEach
    void closePools() {
        pools.forEach(HikariDataSource::close);
    }

    /** The token store of the logging-in node: its first session waits, unstored, until released. */
    private TokenStore holdingFirstCreate(TokenStore real) {
        return (TokenStore) Proxy.newProxyInstance(TokenStore.class.getClassLoader(), new Class<?>[] {TokenStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("create") && creating.getCount() > 0) {
                        creating.countDown();
                        assertThat(proceed.await(30, TimeUnit.SECONDS)).isTrue();
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private AuthManager node(TestDatabase database, String name, boolean holding) {
        database.dataSource(); // the server and the schema
        HikariDataSource pool = database.newPool(name, 4);
        pools.add(pool);
        TokenStore tokens = new JdbcTokenStore(pool);
        return AuthManager.builder()
                .userRepository(new JdbcUserRepository(pool))
                .tokenStore(holding ? holdingFirstCreate(tokens) : tokens)
                .loginAttemptStore(new JdbcLoginAttemptStore(pool))
                .signingKey(JwtKey.hmac("credentials", SECRET))
                .clock(clock)
                .settings(AuthSettings.builder().bcryptCost(4).build())
                .build();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = TestDatabase.class, names = {"POSTGRESQL", "MARIADB"})
    @DisplayName("a reset on node 2 ends the session that node 1 stores after it for a log-in with the old password")
    void resetOnOneNodeEndsLogInInFlightOnAnother(TestDatabase database) throws Exception {
        AuthManager loggingIn = node(database, "ward-credentials-1", true);
        AuthManager resetting = node(database, "ward-credentials-2", false);
        String email = "credentials-" + UUID.randomUUID() + "@example.test";
        String userId = resetting.signUp(new SignUpRequest("node user", email, OLD)).id();
        CompletableFuture<TokenPair> inFlight = CompletableFuture.supplyAsync(() -> loggingIn.logIn(email, OLD));
        assertThat(creating.await(30, TimeUnit.SECONDS)).isTrue();

        assertThat(resetting.setPassword(userId, NEW)).isTrue();
        proceed.countDown();
        TokenPair late = inFlight.get(30, TimeUnit.SECONDS);

        AuthException refused = catchThrowableOfType(AuthException.class, () -> resetting.refresh(late.refreshToken()));
        assertThat(refused.error()).isEqualTo(AuthError.INVALID_TOKEN);
        assertThat(catchThrowableOfType(AuthException.class, () -> loggingIn.refresh(late.refreshToken())).error())
                .isEqualTo(AuthError.INVALID_TOKEN);
        DataSource shared = database.dataSource();
        assertThat(new JdbcTokenStore(shared).findById(late.sessionId()).orElseThrow().revokeReason())
                .isEqualTo(RevocationReason.PASSWORD_CHANGED.code());
        assertThat(new JdbcUserRepository(shared).findById(userId).orElseThrow().credentialsVersion()).isEqualTo(1);
        assertThat(loggingIn.refresh(loggingIn.logIn(email, NEW).refreshToken())).isNotNull();
    }
}
