package dev.ward.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ward.store.NewUser;
import dev.ward.store.OneTimeToken;
import dev.ward.store.OneTimeTokenPurpose;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The stores behind WardTest: test ids, and reset. */
class ResettableStoresTest {

    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    @Nested
    class Users {

        private final TestUserRepository users = new TestUserRepository();

        @Test
        void aUserCreatedWithATestIdIsFoundAndChangedUnderThatId() {
            assertThat(users.createWithId("user-1", newUser("ann@example.com"))).isTrue();

            assertThat(users.findById("user-1")).hasValueSatisfying(u -> assertThat(u.id()).isEqualTo("user-1"));
            assertThat(users.findByEmail("ann@example.com")).hasValueSatisfying(u -> assertThat(u.id()).isEqualTo("user-1"));
            assertThat(users.updateRoles("user-1", Set.of("admin"))).isTrue();
            assertThat(users.findById("user-1").orElseThrow().roles()).containsExactly("admin");
            assertThat(users.setDisabled("user-1", true)).isTrue();
            assertThat(users.findById("user-1").orElseThrow().disabled()).isTrue();
        }

        @Test
        void aTakenTestIdIsNotCreatedAgain() {
            users.createWithId("user-1", newUser("ann@example.com"));

            assertThat(users.createWithId("user-1", newUser("other@example.com"))).isFalse();
            assertThat(users.size()).isOne();
        }

        @Test
        void aUserCreatedByTheStoreKeepsItsStoreId() {
            String id = users.create(newUser("bob@example.com")).id();

            assertThat(id).hasSize(36);
            assertThat(users.findById(id)).isPresent();
        }

        @Test
        void aDeletedTestUserCanBeCreatedAgain() {
            users.createWithId("user-1", newUser("ann@example.com"));

            assertThat(users.delete("user-1")).isTrue();

            assertThat(users.findById("user-1")).isEmpty();
            assertThat(users.createWithId("user-1", newUser("ann@example.com"))).isTrue();
        }

        @Test
        void resetForgetsEveryUserAndEveryTestId() {
            users.createWithId("user-1", newUser("ann@example.com"));
            users.create(newUser("bob@example.com"));

            users.reset();

            assertThat(users.size()).isZero();
            assertThat(users.findById("user-1")).isEmpty();
            assertThat(users.findByEmail("bob@example.com")).isEmpty();
        }

        private NewUser newUser(String email) {
            return new NewUser("name", email, "!", Set.of("user"), NOW);
        }
    }

    @Test
    void resetEmptiesTheOneTimeTokenStore() {
        ResettableStores.OneTimeTokens store = new ResettableStores.OneTimeTokens();
        store.create(new OneTimeToken("hash-1", OneTimeTokenPurpose.PASSWORD_RESET, "user-1", "ann@example.com", NOW,
                NOW.plusSeconds(600), null));
        assertThat(store.findByHash("hash-1")).isPresent();

        store.reset();

        assertThat(store.findByHash("hash-1")).isEmpty();
    }
}
