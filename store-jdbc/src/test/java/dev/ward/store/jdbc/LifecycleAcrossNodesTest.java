package dev.ward.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.zaxxer.hikari.HikariDataSource;
import dev.ward.AuthError;
import dev.ward.AuthException;
import dev.ward.AuthManager;
import dev.ward.AuthSettings;
import dev.ward.AuthenticatedUser;
import dev.ward.ClientInfo;
import dev.ward.JwtKey;
import dev.ward.Notification;
import dev.ward.SignUpRequest;
import dev.ward.TokenPair;
import dev.ward.UserAccount;
import dev.ward.store.OneTimeTokenPurpose;
import dev.ward.store.tck.Concurrently;
import dev.ward.store.tck.MutableClock;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The account lifecycle over a real database shared by two nodes, each with its own pool: a
 * link issued by one node works on the other, exactly once however many nodes race for it, and
 * what one node changes (a disabled user, a deleted account) holds on the other.
 */
@Timeout(180)
@DisplayName("the account lifecycle across nodes")
class LifecycleAcrossNodesTest {

    private static final byte[] SECRET = "lifecycle-test-secret-0123456789ab".getBytes(StandardCharsets.US_ASCII);
    private static final String PASSWORD = "correct horse battery";
    private static final String NEW_PASSWORD = "a brand new passphrase";

    private final MutableClock clock = MutableClock.at("2030-01-01T10:00:00Z");
    private final List<HikariDataSource> pools = new ArrayList<>();
    private final List<Notification> mailbox = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void closePools() {
        pools.forEach(HikariDataSource::close);
    }

    private AuthManager node(TestDatabase database, String name) {
        database.dataSource(); // the server and the schema
        HikariDataSource pool = database.newPool(name, 8);
        pools.add(pool);
        return AuthManager.builder()
                .userRepository(new JdbcUserRepository(pool))
                .tokenStore(new JdbcTokenStore(pool))
                .loginAttemptStore(new JdbcLoginAttemptStore(pool))
                .oneTimeTokenStore(new JdbcOneTimeTokenStore(pool))
                .notifier(mailbox::add)
                .signingKey(JwtKey.hmac("lifecycle", SECRET))
                .clock(clock)
                .settings(AuthSettings.builder().bcryptCost(4).logInLinks(true).build())
                .build();
    }

    private String lastLink(OneTimeTokenPurpose purpose, String recipient) {
        synchronized (mailbox) {
            for (int i = mailbox.size() - 1; i >= 0; i--) {
                if (mailbox.get(i) instanceof Notification.OneTimeLink link && link.purpose() == purpose
                        && link.recipient().equals(recipient)) {
                    return link.token();
                }
            }
        }
        throw new AssertionError("no " + purpose + " link for " + recipient);
    }

    private static String newEmail() {
        return "lifecycle-" + UUID.randomUUID() + "@example.test";
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    @DisplayName("a reset link asked for on node 1 works once on node 2, however many threads of both nodes race for it")
    void resetLinkRacedAcrossNodes(TestDatabase database) {
        AuthManager one = node(database, "ward-lifecycle-1");
        AuthManager two = node(database, "ward-lifecycle-2");
        String email = newEmail();
        one.signUp(new SignUpRequest("node user", email, PASSWORD));
        TokenPair before = two.logIn(email, PASSWORD);
        one.requestPasswordReset(email, new ClientInfo("192.0.2.7", null));
        String token = lastLink(OneTimeTokenPurpose.PASSWORD_RESET, email);

        List<Concurrently.Outcome<UserAccount>> outcomes = Concurrently.run(8,
                i -> () -> (i % 2 == 0 ? one : two).resetPassword(token, NEW_PASSWORD + " " + i));

        assertThat(outcomes).filteredOn(Concurrently.Outcome::succeeded).hasSize(1);
        assertThat(outcomes).filteredOn(o -> !o.succeeded())
                .allSatisfy(o -> assertThat(((AuthException) o.failure()).error())
                        .isEqualTo(AuthError.INVALID_ONE_TIME_TOKEN));
        int winner = outcomes.indexOf(outcomes.stream().filter(Concurrently.Outcome::succeeded).findFirst().orElseThrow());
        assertThat(one.logIn(email, NEW_PASSWORD + " " + winner)).isNotNull();
        assertThat(catchThrowableOfType(AuthException.class, () -> two.refresh(before.refreshToken())).error())
                .isEqualTo(AuthError.INVALID_TOKEN);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    @DisplayName("verification, e-mail change and log-in link issued on one node are used on the other")
    void linksWorkOnEitherNode(TestDatabase database) {
        AuthManager one = node(database, "ward-lifecycle-1");
        AuthManager two = node(database, "ward-lifecycle-2");
        String email = newEmail();
        String moved = newEmail();
        UserAccount created = one.signUp(new SignUpRequest("node user", email, PASSWORD));

        assertThat(two.verifyEmail(lastLink(OneTimeTokenPurpose.EMAIL_VERIFICATION, email)).emailVerified()).isTrue();
        AuthenticatedUser user = one.authenticate(one.logIn(email, PASSWORD).accessToken());
        one.requestEmailChange(user, PASSWORD, moved);
        assertThat(two.confirmEmailChange(lastLink(OneTimeTokenPurpose.EMAIL_CHANGE, moved)).email()).isEqualTo(moved);
        two.requestLogInLink(moved, ClientInfo.UNKNOWN);
        TokenPair linked = one.logInWithLink(lastLink(OneTimeTokenPurpose.LOG_IN_LINK, moved), ClientInfo.UNKNOWN);

        assertThat(two.authenticate(linked.accessToken()).userId()).isEqualTo(created.id());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    @DisplayName("a user disabled on one node cannot refresh or log in on the other; a deleted one leaves nothing behind")
    void disableAndDeleteAcrossNodes(TestDatabase database) {
        AuthManager one = node(database, "ward-lifecycle-1");
        AuthManager two = node(database, "ward-lifecycle-2");
        String email = newEmail();
        String id = one.signUp(new SignUpRequest("node user", email, PASSWORD)).id();
        TokenPair session = two.logIn(email, PASSWORD);

        assertThat(one.disableUser(id)).isTrue();
        assertThat(catchThrowableOfType(AuthException.class, () -> two.refresh(session.refreshToken())).error())
                .isEqualTo(AuthError.INVALID_TOKEN);
        assertThat(catchThrowableOfType(AuthException.class, () -> two.logIn(email, PASSWORD)).error())
                .isEqualTo(AuthError.ACCOUNT_DISABLED);
        assertThat(two.enableUser(id)).isTrue();

        TokenPair again = two.logIn(email, PASSWORD);
        one.requestPasswordReset(email);
        one.deleteAccount(one.authenticate(again.accessToken()), PASSWORD);

        DataSource shared = database.dataSource();
        assertThat(new JdbcUserRepository(shared).findById(id)).isEmpty();
        assertThat(new JdbcTokenStore(shared).findById(again.sessionId())).isEmpty();
        assertThat(catchThrowableOfType(AuthException.class,
                () -> two.resetPassword(lastLink(OneTimeTokenPurpose.PASSWORD_RESET, email), NEW_PASSWORD)).error())
                .isEqualTo(AuthError.INVALID_ONE_TIME_TOKEN);
        assertThat(two.signUp(new SignUpRequest("new owner", email, PASSWORD)).id()).isNotEqualTo(id);
    }
}
