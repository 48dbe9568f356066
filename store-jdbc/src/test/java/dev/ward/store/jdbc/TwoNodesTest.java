package dev.ward.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.ward.store.DuplicateEmailException;
import dev.ward.store.LockoutPolicy;
import dev.ward.store.NewUser;
import dev.ward.store.RecoveryCode;
import dev.ward.store.Session;
import dev.ward.store.TotpCredential;
import dev.ward.store.User;
import dev.ward.store.tck.Concurrently;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two application nodes, each with a pool of its own, sharing one database: what the kit's
 * race tests check within one store instance, checked across nodes.
 */
@Timeout(120)
@DisplayName("two nodes on one database")
class TwoNodesTest {

    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00.123Z");

    private HikariDataSource first;
    private HikariDataSource second;

    private void startNodes(TestDatabase database) {
        first = database.newPool("ward-test-node-1", 4);
        second = database.newPool("ward-test-node-2", 4);
    }

    @AfterEach
    void stopNodes() {
        if (first != null) {
            first.close();
            second.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    @DisplayName("failures recorded for one key on both nodes at once lose no count until the lock, which holds on both")
    void failuresAcrossNodesLoseNoCount(TestDatabase database) {
        startNodes(database);
        List<JdbcLoginAttemptStore> nodes = List.of(new JdbcLoginAttemptStore(first), new JdbcLoginAttemptStore(second));
        String key = "nodes-" + UUID.randomUUID() + "@example.test";
        // 200 attempts; the 100th locks the key, and failures during a lock are not counted.
        LockoutPolicy lockAt100 = (failures, now) -> failures >= 100 ? now.plusSeconds(600) : null;

        List<Concurrently.Outcome<Integer>> outcomes = Concurrently.run(8, i -> () -> {
            int last = 0;
            for (int n = 0; n < 25; n++) {
                last = nodes.get(i % 2).recordFailure(key, T0.plusMillis(n), lockAt100).failures();
            }
            return last;
        });

        assertThat(outcomes).allMatch(Concurrently.Outcome::succeeded);
        assertThat(outcomes.stream().map(Concurrently.Outcome::value)).contains(100);
        for (JdbcLoginAttemptStore node : nodes) {
            assertThat(node.find(key).orElseThrow().failures()).isEqualTo(100);
            assertThat(node.find(key).orElseThrow().isLockedAt(T0.plusSeconds(300))).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    @DisplayName("rotations of one session on both nodes at once have exactly one winner")
    void rotationsAcrossNodesHaveOneWinner(TestDatabase database) {
        startNodes(database);
        List<JdbcTokenStore> nodes = List.of(new JdbcTokenStore(first), new JdbcTokenStore(second));
        Session session = Session.start(UUID.randomUUID().toString(), "u-" + UUID.randomUUID(), "family", "current",
                T0, T0.plusSeconds(900), T0.plusSeconds(600), null, null);
        nodes.get(0).create(session);

        List<Concurrently.Outcome<Boolean>> outcomes = Concurrently.run(16, i -> () ->
                nodes.get(i % 2).rotate(session.id(), "current", "next-" + i, null, T0.plusSeconds(1),
                        T0.plusSeconds(601)));

        assertThat(outcomes).allMatch(Concurrently.Outcome::succeeded);
        assertThat(outcomes.stream().filter(Concurrently.Outcome::value)).hasSize(1);
        int winner = outcomes.indexOf(outcomes.stream().filter(Concurrently.Outcome::value).findFirst().orElseThrow());
        Session rotated = nodes.get(1).findById(session.id()).orElseThrow();
        assertThat(rotated.currentHash()).isEqualTo("next-" + winner);
        assertThat(rotated.previousHash()).isEqualTo("current");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    @DisplayName("one TOTP step and one recovery code, used on both nodes at once, are each accepted once")
    void secondFactorUsesAcrossNodesHaveOneWinner(TestDatabase database) {
        startNodes(database);
        List<JdbcSecondFactorStore> nodes =
                List.of(new JdbcSecondFactorStore(first), new JdbcSecondFactorStore(second));
        String user = "u-" + UUID.randomUUID();
        nodes.get(0).savePendingTotp(TotpCredential.pending(user, "sealed", "key-1", T0));
        RecoveryCode code = new RecoveryCode("c-" + UUID.randomUUID(), user, "$2b$12$h", T0, null);
        nodes.get(1).replaceRecoveryCodes(user, List.of(code));

        List<Concurrently.Outcome<Boolean>> confirms = Concurrently.run(8, i -> () ->
                nodes.get(i % 2).confirmTotp(user, T0.plusSeconds(1), 100));
        List<Concurrently.Outcome<Boolean>> steps = Concurrently.run(16, i -> () ->
                nodes.get(i % 2).recordTotpUse(user, 101));
        List<Concurrently.Outcome<Boolean>> codes = Concurrently.run(16, i -> () ->
                nodes.get(i % 2).useRecoveryCode(user, code.id(), T0.plusSeconds(2)));

        for (List<Concurrently.Outcome<Boolean>> outcomes : List.of(confirms, steps, codes)) {
            assertThat(outcomes).allMatch(Concurrently.Outcome::succeeded);
            assertThat(outcomes.stream().filter(Concurrently.Outcome::value)).hasSize(1);
        }
        assertThat(nodes.get(0).findTotp(user, true).orElseThrow().lastUsedStep()).isEqualTo(101);
        assertThat(nodes.get(1).findUnusedRecoveryCodes(user)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    @DisplayName("sign-ups with one e-mail on both nodes at once create one user")
    void signUpsAcrossNodesCreateOneUser(TestDatabase database) {
        startNodes(database);
        List<JdbcUserRepository> nodes = List.of(new JdbcUserRepository(first), new JdbcUserRepository(second));
        String email = "nodes-" + UUID.randomUUID() + "@example.test";

        List<Concurrently.Outcome<User>> outcomes = Concurrently.run(8, i -> () ->
                nodes.get(i % 2).create(new NewUser("racer " + i, email, "h", Set.of("user"), T0)));

        assertThat(outcomes.stream().filter(Concurrently.Outcome::succeeded)).hasSize(1);
        assertThat(outcomes.stream().filter(o -> !o.succeeded()).map(Concurrently.Outcome::failure))
                .hasSize(7)
                .allMatch(DuplicateEmailException.class::isInstance);
    }
}
