package dev.ward.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ward.store.LockoutPolicy;
import dev.ward.store.NewUser;
import dev.ward.store.Session;
import dev.ward.store.StoreException;
import dev.ward.store.User;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What each database keeps: values at their limits in any Unicode, exact matching of e-mail
 * addresses and keys (no case folding, no trailing-space padding), and values past the limits
 * refused alike everywhere, without repeating them.
 */
@DisplayName("stored values")
class StoredValuesTest {

    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00.123Z");
    private static final String EMOJI = "😀";

    private static String unique() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    @DisplayName("a user name of 100 emoji and a non-ASCII e-mail address come back as they went in")
    void unicodeValuesRoundTrip(TestDatabase database) {
        JdbcUserRepository users = new JdbcUserRepository(database.dataSource());
        String email = "zoë-" + unique() + "@bücher.example";
        NewUser request = new NewUser(EMOJI.repeat(100), email, "$2a$12$" + "h".repeat(248), Set.of("super_admin"),
                T0);

        User created = users.create(request);

        assertThat(users.findByEmail(email)).contains(created);
        assertThat(created.userName().codePointCount(0, created.userName().length())).isEqualTo(100);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    @DisplayName("e-mail addresses match exactly: not across case, accents or trailing spaces")
    void emailMatchesExactly(TestDatabase database) {
        JdbcUserRepository users = new JdbcUserRepository(database.dataSource());
        String email = "exact-" + unique() + "@example.test";
        User user = users.create(new NewUser("n", email, "h", Set.of(), T0));

        assertThat(users.findByEmail(email)).contains(user);
        assertThat(users.findByEmail(email + " ")).isEmpty();
        assertThat(users.findByEmail(email.replace("exact", "EXACT"))).isEmpty();
        User other = users.create(new NewUser("n", email + " ", "h", Set.of(), T0));
        assertThat(users.findByEmail(email + " ")).contains(other);
        User accented = users.create(new NewUser("n", email.replace("exact", "éxact"), "h", Set.of(), T0));
        assertThat(users.findByEmail(email.replace("exact", "éxact"))).contains(accented);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    @DisplayName("login-attempt keys match exactly, 320 emoji included")
    void attemptKeysMatchExactly(TestDatabase database) {
        JdbcLoginAttemptStore attempts = new JdbcLoginAttemptStore(database.dataSource());
        String key = "key-" + unique();
        String emojiKey = (unique() + EMOJI.repeat(320)).substring(0, 32 + 2 * 288);

        attempts.recordFailure(key, T0, LockoutPolicy.NEVER);
        attempts.recordFailure(key + " ", T0, LockoutPolicy.NEVER);
        attempts.recordFailure(key + " ", T0, LockoutPolicy.NEVER);
        attempts.recordFailure(key.toUpperCase(java.util.Locale.ROOT), T0, LockoutPolicy.NEVER);
        attempts.recordFailure(emojiKey, T0, LockoutPolicy.NEVER);

        assertThat(attempts.find(key).orElseThrow().failures()).isEqualTo(1);
        assertThat(attempts.find(key + " ").orElseThrow().failures()).isEqualTo(2);
        assertThat(attempts.find(emojiKey).orElseThrow().key()).isEqualTo(emojiKey);
        assertThat(emojiKey.codePointCount(0, emojiKey.length())).isEqualTo(320);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    @DisplayName("a session with a 512-emoji user agent and a 64-character reason comes back whole")
    void sessionAtLimitsRoundTrips(TestDatabase database) {
        JdbcTokenStore sessions = new JdbcTokenStore(database.dataSource());
        String sixtyFour = (unique() + unique()).substring(0, 64);
        Session session = Session.start(sixtyFour, (unique() + unique()).substring(0, 64), sixtyFour, sixtyFour, T0,
                T0.plusSeconds(90), T0.plusSeconds(30), "2001:db8:85a3:0000:0000:8a2e:0370:7334", EMOJI.repeat(512));
        sessions.create(session);

        sessions.revoke(session.id(), T0.plusSeconds(1), "r".repeat(63) + EMOJI);

        assertThat(sessions.findById(session.id()).orElseThrow().userAgent()).isEqualTo(EMOJI.repeat(512));
        assertThat(sessions.findById(session.id()).orElseThrow().revokeReason()).isEqualTo("r".repeat(63) + EMOJI);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    @DisplayName("values past the limits are refused with StoreException, which does not repeat them")
    void valuesPastLimitsAreRefused(TestDatabase database) {
        JdbcUserRepository users = new JdbcUserRepository(database.dataSource());
        JdbcTokenStore sessions = new JdbcTokenStore(database.dataSource());
        JdbcLoginAttemptStore attempts = new JdbcLoginAttemptStore(database.dataSource());
        String email = "long-" + unique() + "@" + "d".repeat(250) + ".test";
        String hash = "$2a$12$" + unique().repeat(8);

        assertThatThrownBy(() -> users.create(new NewUser("n", email, "h", Set.of(), T0)))
                .isInstanceOf(StoreException.class).hasMessageNotContaining(email);
        assertThatThrownBy(() -> users.create(new NewUser("x".repeat(101), "ok-" + unique() + "@example.test", "h",
                Set.of(), T0))).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> users.updatePasswordHash("u", 0, hash)).isInstanceOf(StoreException.class)
                .hasMessageNotContaining(hash);
        assertThatThrownBy(() -> users.changePassword("u", 0, hash)).isInstanceOf(StoreException.class)
                .hasMessageNotContaining(hash);
        assertThatThrownBy(() -> attempts.recordFailure(email + "x".repeat(60), T0, LockoutPolicy.NEVER))
                .isInstanceOf(StoreException.class).hasMessageNotContaining(email);
        assertThatThrownBy(() -> sessions.create(Session.start(unique(), "u", "f", "c", T0, T0, T0, null,
                "a".repeat(513)))).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> sessions.revoke(unique(), T0, "r".repeat(65))).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> sessions.rotate(unique(), "c", "n".repeat(65), null, T0, T0))
                .isInstanceOf(StoreException.class);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    @DisplayName("a role that a comma-joined list cannot hold is refused")
    void badRolesAreRefused(TestDatabase database) {
        JdbcUserRepository users = new JdbcUserRepository(database.dataSource());
        User user = users.create(new NewUser("n", "roles-" + unique() + "@example.test", "h", Set.of("user"), T0));

        for (String role : new String[] {"a,b", "super admin", "", "tab\there"}) {
            assertThatThrownBy(() -> users.updateRoles(user.id(), Set.of(role))).isInstanceOf(StoreException.class);
            assertThatThrownBy(() -> users.create(new NewUser("n", "r-" + unique() + "@example.test", "h",
                    Set.of(role), T0))).isInstanceOf(StoreException.class);
        }
        assertThat(users.findById(user.id()).orElseThrow().roles()).containsExactly("user");
    }
}
