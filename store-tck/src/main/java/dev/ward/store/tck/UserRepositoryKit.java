package dev.ward.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ward.store.DuplicateEmailException;
import dev.ward.store.NewUser;
import dev.ward.store.User;
import dev.ward.store.UserRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The conformance kit for {@link UserRepository}: the promises of the SPI's Javadoc as tests,
 * which every implementation runs from a subclass that only implements
 * {@link #createUserRepository()}:
 *
 * <pre>{@code
 * class MyUserRepositoryTest extends UserRepositoryKit {
 *     @Override
 *     protected UserRepository createUserRepository() {
 *         return new MyUserRepository(dataSource);
 *     }
 * }
 * }</pre>
 *
 * <p>The tests come in {@link Nested @Nested} groups (create and find, unique e-mail, updates, e-mail
 * verification, e-mail change, disable and delete, arguments) that JUnit Jupiter runs for every subclass; a subclass may add tests and groups of
 * its own. They use fresh random e-mail addresses, so a store backed by a shared database need
 * not be emptied between tests. Races run on up to 16 threads, and every test times out after
 * two minutes.
 */
@Timeout(120)
public abstract class UserRepositoryKit {

    /** A fixed instant with millisecond precision, the precision every store keeps. */
    protected static final Instant T0 = Instant.parse("2030-01-01T00:00:00.123Z");

    private UserRepository users;

    /** For subclasses, which JUnit Jupiter instantiates once per test. */
    protected UserRepositoryKit() {
    }

    /**
     * Returns the repository under test. Called before each test; it may return a new instance
     * over the same backing storage each time.
     *
     * @return the repository
     */
    protected abstract UserRepository createUserRepository();

    @BeforeEach
    void setUpUserRepository() {
        users = createUserRepository();
    }

    private static String uniqueEmail() {
        return "kit-" + UUID.randomUUID() + "@example.test";
    }

    private static NewUser newUser(String email) {
        return new NewUser("Kit User", email, "$2a$04$abcdefghijklmnopqrstuuKg7s9jGwIzQjYh7Zi1Xl3iT7n0wq5K2",
                Set.of("user"), T0);
    }

    /** Creating users and finding them by id and by e-mail. */
    @Nested
    @DisplayName("create and find")
    class CreateAndFind {

        @Test
        @DisplayName("create assigns an id and stores every field")
        void createAssignsIdAndStoresEveryField() {
            String email = uniqueEmail();
            NewUser request = new NewUser("Zoë 😀 Ünïcode", email, "$2a$04$hash", Set.of("user", "admin"), T0);

            User created = users.create(request);

            assertThat(created.id()).isNotBlank();
            assertThat(created).isEqualTo(request.withId(created.id()));
            assertThat(users.findById(created.id())).contains(created);
            assertThat(users.findByEmail(email)).contains(created);
        }

        @Test
        @DisplayName("create gives every user its own id")
        void createGivesEveryUserItsOwnId() {
            User a = users.create(newUser(uniqueEmail()));
            User b = users.create(newUser(uniqueEmail()));

            assertThat(a.id()).isNotEqualTo(b.id());
        }

        @Test
        @DisplayName("create keeps a user name of 100 characters and an e-mail of 254")
        void createKeepsLongestAllowedValues() {
            String longName = "ÿ".repeat(99) + "x";
            String local = "kit-" + UUID.randomUUID().toString().replace("-", "");
            String email = local + "@" + "d".repeat(254 - local.length() - 1 - ".test".length()) + ".test";
            assertThat(email).hasSize(254);

            User created = users.create(new NewUser(longName, email, "$2a$04$" + "h".repeat(53), Set.of("user"), T0));

            assertThat(users.findByEmail(email)).contains(created);
        }

        @Test
        @DisplayName("a user with no roles keeps an empty set")
        void userWithNoRolesKeepsEmptySet() {
            User created = users.create(new NewUser("n", uniqueEmail(), "$2a$04$h", Set.of(), T0));

            assertThat(users.findById(created.id()).orElseThrow().roles()).isEmpty();
        }

        @Test
        @DisplayName("find by id of an unknown id is empty")
        void findByIdOfUnknownIdIsEmpty() {
            assertThat(users.findById(UUID.randomUUID().toString())).isEmpty();
        }

        @Test
        @DisplayName("find by e-mail is an exact match and does not normalise")
        void findByEmailIsExactMatch() {
            String email = uniqueEmail();
            users.create(newUser(email));

            assertThat(users.findByEmail(email)).isPresent();
            assertThat(users.findByEmail(email.toUpperCase(java.util.Locale.ROOT))).isEmpty();
            assertThat(users.findByEmail(" " + email)).isEmpty();
            assertThat(users.findByEmail(email + " ")).isEmpty();
            assertThat(users.findByEmail(uniqueEmail())).isEmpty();
        }
    }

    /** One user per e-mail address, however many callers race for it. */
    @Nested
    @DisplayName("unique e-mail")
    class UniqueEmail {

        @Test
        @DisplayName("create with a taken e-mail throws DuplicateEmailException and keeps the first user")
        void createWithTakenEmailThrowsAndKeepsFirstUser() {
            String email = uniqueEmail();
            User first = users.create(newUser(email));

            assertThatThrownBy(() -> users.create(new NewUser("Other", email, "$2a$04$other", Set.of("admin"), T0)))
                    .isInstanceOf(DuplicateEmailException.class)
                    .hasMessageNotContaining(email);

            assertThat(users.findByEmail(email)).contains(first);
        }

        @Test
        @DisplayName("16 threads creating one e-mail at once give exactly one user")
        void concurrentCreatesOfOneEmailGiveExactlyOneUser() {
            String email = uniqueEmail();

            List<Concurrently.Outcome<User>> outcomes = Concurrently.run(16, i -> () ->
                    users.create(new NewUser("racer " + i, email, "$2a$04$h" + i, Set.of("user"), T0)));

            List<User> created = outcomes.stream().filter(Concurrently.Outcome::succeeded)
                    .map(Concurrently.Outcome::value).toList();
            assertThat(created).hasSize(1);
            assertThat(outcomes.stream().filter(o -> !o.succeeded()).map(Concurrently.Outcome::failure))
                    .hasSize(15)
                    .allSatisfy(f -> assertThat(f).isInstanceOf(DuplicateEmailException.class));
            assertThat(users.findByEmail(email)).contains(created.get(0));
        }
    }

    /** Replacing the password hash (an upgrade, or a new password) and the roles. */
    @Nested
    @DisplayName("updates")
    class Updates {

        @Test
        @DisplayName("a new user has credentials version 0")
        void newUserHasCredentialsVersionZero() {
            User user = users.create(newUser(uniqueEmail()));

            assertThat(user.credentialsVersion()).isZero();
            assertThat(users.findById(user.id()).orElseThrow().credentialsVersion()).isZero();
        }

        @Test
        @DisplayName("update password hash replaces the hash of an existing user only, and keeps its version")
        void updatePasswordHashReplacesHash() {
            User user = users.create(newUser(uniqueEmail()));
            User other = users.create(newUser(uniqueEmail()));

            assertThat(users.updatePasswordHash(user.id(), 0, "$2a$12$new")).isTrue();

            assertThat(users.findById(user.id())).contains(user.withPasswordHash("$2a$12$new"));
            assertThat(users.findById(user.id()).orElseThrow().credentialsVersion()).isZero();
            assertThat(users.findById(other.id())).contains(other);
        }

        @Test
        @DisplayName("update password hash of an unknown user returns false")
        void updatePasswordHashOfUnknownUserReturnsFalse() {
            assertThat(users.updatePasswordHash(UUID.randomUUID().toString(), 0, "$2a$12$new")).isFalse();
        }

        @Test
        @DisplayName("update password hash after a password change leaves the new password in place")
        void updatePasswordHashAfterChangeIsRefused() {
            User user = users.create(newUser(uniqueEmail()));
            assertThat(users.changePassword(user.id(), 0, "$2a$12$changed")).isTrue();

            assertThat(users.updatePasswordHash(user.id(), 0, "$2a$14$upgraded-old")).isFalse();

            User stored = users.findById(user.id()).orElseThrow();
            assertThat(stored.passwordHash()).isEqualTo("$2a$12$changed");
            assertThat(stored.credentialsVersion()).isEqualTo(1);
        }

        @Test
        @DisplayName("change password replaces the hash and bumps the version in one step")
        void changePasswordReplacesHashAndBumpsVersion() {
            User user = users.create(newUser(uniqueEmail()));
            User other = users.create(newUser(uniqueEmail()));

            assertThat(users.changePassword(user.id(), 0, "$2a$12$first")).isTrue();
            assertThat(users.changePassword(user.id(), 1, "$2a$12$second")).isTrue();

            assertThat(users.findById(user.id())).contains(user.withNewPassword("$2a$12$first")
                    .withNewPassword("$2a$12$second"));
            assertThat(users.findByEmail(user.email()).orElseThrow().credentialsVersion()).isEqualTo(2);
            assertThat(users.findById(other.id())).contains(other);
        }

        @Test
        @DisplayName("change password expecting another version, or of an unknown user, changes nothing")
        void changePasswordExpectingAnotherVersionChangesNothing() {
            User user = users.create(newUser(uniqueEmail()));

            assertThat(users.changePassword(user.id(), 1, "$2a$12$stale")).isFalse();
            assertThat(users.changePassword(UUID.randomUUID().toString(), 0, "$2a$12$new")).isFalse();

            assertThat(users.findById(user.id())).contains(user);
        }

        @Test
        @DisplayName("16 concurrent password changes expecting one version: exactly one wins, whole")
        void concurrentPasswordChangesHaveOneWinner() {
            User user = users.create(newUser(uniqueEmail()));

            List<Concurrently.Outcome<Boolean>> outcomes = Concurrently.run(16, i -> () ->
                    i % 2 == 0 ? users.changePassword(user.id(), 0, "$2a$12$racer" + i)
                            : users.updatePasswordHash(user.id(), 0, "$2a$14$upgrade" + i));

            List<Integer> winners = new ArrayList<>();
            for (int i = 0; i < outcomes.size(); i++) {
                assertThat(outcomes.get(i).succeeded()).isTrue();
                if (i % 2 == 0 && outcomes.get(i).value()) {
                    winners.add(i);
                }
            }
            assertThat(winners).hasSize(1);
            User stored = users.findById(user.id()).orElseThrow();
            assertThat(stored.credentialsVersion()).isEqualTo(1);
            // Upgrades that came before the change are overwritten by it; none may come after it.
            assertThat(stored.passwordHash()).isEqualTo("$2a$12$racer" + winners.get(0));
        }

        @Test
        @DisplayName("update roles replaces the roles, including with an empty set")
        void updateRolesReplacesRoles() {
            User user = users.create(newUser(uniqueEmail()));

            assertThat(users.updateRoles(user.id(), Set.of("admin", "user", "super_admin"))).isTrue();
            assertThat(users.findById(user.id()).orElseThrow().roles())
                    .containsExactly("admin", "super_admin", "user");

            assertThat(users.updateRoles(user.id(), Set.of())).isTrue();
            assertThat(users.findByEmail(user.email()).orElseThrow().roles()).isEmpty();
        }

        @Test
        @DisplayName("update roles of an unknown user returns false")
        void updateRolesOfUnknownUserReturnsFalse() {
            assertThat(users.updateRoles(UUID.randomUUID().toString(), Set.of("admin"))).isFalse();
        }

        @Test
        @DisplayName("concurrent role updates leave one whole set, never a mix")
        void concurrentRoleUpdatesLeaveOneWholeSet() {
            User user = users.create(newUser(uniqueEmail()));
            List<Set<String>> candidates = List.of(Set.of("a1", "a2", "a3"), Set.of("b1", "b2"), Set.of("c1"));

            Concurrently.run(12, i -> () -> users.updateRoles(user.id(), candidates.get(i % 3)));

            Set<String> roles = new HashSet<>(users.findById(user.id()).orElseThrow().roles());
            assertThat(candidates).contains(roles);
        }
    }

    /** Recording that the owner of an address proved it. */
    @Nested
    @DisplayName("e-mail verification")
    class EmailVerification {

        @Test
        @DisplayName("a new user is not verified and not disabled")
        void newUserIsNotVerifiedAndNotDisabled() {
            User user = users.create(newUser(uniqueEmail()));

            User stored = users.findById(user.id()).orElseThrow();
            assertThat(stored.emailVerifiedAt()).isNull();
            assertThat(stored.emailVerified()).isFalse();
            assertThat(stored.disabled()).isFalse();
        }

        @Test
        @DisplayName("mark e-mail verified records the time and changes nothing else")
        void markEmailVerifiedRecordsTime() {
            User user = users.create(newUser(uniqueEmail()));
            User other = users.create(newUser(uniqueEmail()));

            assertThat(users.markEmailVerified(user.id(), user.email(), T0.plusSeconds(60))).isTrue();

            User expected = user.withEmailVerifiedAt(T0.plusSeconds(60));
            assertThat(users.findById(user.id())).contains(expected);
            assertThat(users.findByEmail(user.email())).contains(expected);
            assertThat(users.findById(other.id())).contains(other);
        }

        @Test
        @DisplayName("a second mark returns true and keeps the first verification time")
        void secondMarkKeepsFirstTime() {
            User user = users.create(newUser(uniqueEmail()));
            assertThat(users.markEmailVerified(user.id(), user.email(), T0.plusSeconds(60))).isTrue();

            assertThat(users.markEmailVerified(user.id(), user.email(), T0.plusSeconds(120))).isTrue();

            assertThat(users.findById(user.id()).orElseThrow().emailVerifiedAt()).isEqualTo(T0.plusSeconds(60));
        }

        @Test
        @DisplayName("mark with an address the user no longer has returns false and changes nothing")
        void markWithStaleEmailChangesNothing() {
            User user = users.create(newUser(uniqueEmail()));
            String newEmail = uniqueEmail();
            assertThat(users.changeEmail(user.id(), user.email(), newEmail, null)).isTrue();

            assertThat(users.markEmailVerified(user.id(), user.email(), T0.plusSeconds(60))).isFalse();

            assertThat(users.findById(user.id())).contains(user.withEmail(newEmail, null));
        }

        @Test
        @DisplayName("mark of an unknown user returns false")
        void markOfUnknownUserReturnsFalse() {
            assertThat(users.markEmailVerified(UUID.randomUUID().toString(), uniqueEmail(), T0)).isFalse();
        }
    }

    /** Compare-and-set of the e-mail address, under the store's uniqueness. */
    @Nested
    @DisplayName("e-mail change")
    class EmailChange {

        @Test
        @DisplayName("change e-mail sets the address and its verification time, and frees the old address")
        void changeEmailSetsAddressAndFreesOld() {
            User user = users.create(newUser(uniqueEmail()));
            assertThat(users.changePassword(user.id(), 0, "$2a$12$changed")).isTrue();
            assertThat(users.markEmailVerified(user.id(), user.email(), T0)).isTrue();
            String newEmail = uniqueEmail();

            assertThat(users.changeEmail(user.id(), user.email(), newEmail, T0.plusSeconds(5))).isTrue();

            User expected = user.withNewPassword("$2a$12$changed").withEmail(newEmail, T0.plusSeconds(5));
            assertThat(users.findById(user.id())).contains(expected);
            assertThat(users.findByEmail(newEmail)).contains(expected);
            assertThat(users.findByEmail(user.email())).isEmpty();
            User next = users.create(newUser(user.email()));
            assertThat(users.findByEmail(user.email())).contains(next);
        }

        @Test
        @DisplayName("change e-mail with a null verification time leaves the new address unverified")
        void changeEmailWithNullTimeLeavesUnverified() {
            User user = users.create(newUser(uniqueEmail()));
            assertThat(users.markEmailVerified(user.id(), user.email(), T0)).isTrue();
            String newEmail = uniqueEmail();

            assertThat(users.changeEmail(user.id(), user.email(), newEmail, null)).isTrue();

            User stored = users.findByEmail(newEmail).orElseThrow();
            assertThat(stored.emailVerified()).isFalse();
            assertThat(stored.credentialsVersion()).isZero();
        }

        @Test
        @DisplayName("change e-mail to the same address only sets the verification time")
        void changeEmailToSameAddressSetsTime() {
            User user = users.create(newUser(uniqueEmail()));

            assertThat(users.changeEmail(user.id(), user.email(), user.email(), T0.plusSeconds(7))).isTrue();

            assertThat(users.findByEmail(user.email())).contains(user.withEmailVerifiedAt(T0.plusSeconds(7)));
        }

        @Test
        @DisplayName("change e-mail to an address another user has throws DuplicateEmailException and changes nothing")
        void changeEmailToTakenAddressThrows() {
            User user = users.create(newUser(uniqueEmail()));
            User other = users.create(newUser(uniqueEmail()));

            assertThatThrownBy(() -> users.changeEmail(user.id(), user.email(), other.email(), T0))
                    .isInstanceOf(DuplicateEmailException.class)
                    .hasMessageNotContaining(other.email());

            assertThat(users.findById(user.id())).contains(user);
            assertThat(users.findByEmail(user.email())).contains(user);
            assertThat(users.findByEmail(other.email())).contains(other);
        }

        @Test
        @DisplayName("change e-mail expecting an address the user no longer has returns false and changes nothing")
        void changeEmailWithStaleExpectedReturnsFalse() {
            User user = users.create(newUser(uniqueEmail()));
            String current = uniqueEmail();
            assertThat(users.changeEmail(user.id(), user.email(), current, null)).isTrue();
            String unused = uniqueEmail();

            assertThat(users.changeEmail(user.id(), user.email(), unused, T0)).isFalse();

            assertThat(users.findById(user.id())).contains(user.withEmail(current, null));
            assertThat(users.findByEmail(unused)).isEmpty();
            users.create(newUser(unused));
        }

        @Test
        @DisplayName("change e-mail of an unknown user returns false and leaves the new address free")
        void changeEmailOfUnknownUserReturnsFalse() {
            String newEmail = uniqueEmail();

            assertThat(users.changeEmail(UUID.randomUUID().toString(), uniqueEmail(), newEmail, T0)).isFalse();

            assertThat(users.findByEmail(newEmail)).isEmpty();
            users.create(newUser(newEmail));
        }

        @Test
        @DisplayName("16 users changing to one new address at once: exactly one wins")
        void concurrentChangesToOneAddressHaveOneWinner() {
            List<User> racers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                racers.add(users.create(newUser(uniqueEmail())));
            }
            String target = uniqueEmail();

            List<Concurrently.Outcome<Boolean>> outcomes = Concurrently.run(16, i -> () ->
                    users.changeEmail(racers.get(i).id(), racers.get(i).email(), target, null));

            List<Integer> winners = new ArrayList<>();
            for (int i = 0; i < outcomes.size(); i++) {
                Concurrently.Outcome<Boolean> outcome = outcomes.get(i);
                if (outcome.succeeded()) {
                    assertThat(outcome.value()).isTrue();
                    winners.add(i);
                } else {
                    assertThat(outcome.failure()).isInstanceOf(DuplicateEmailException.class);
                }
            }
            assertThat(winners).hasSize(1);
            User winner = racers.get(winners.get(0));
            assertThat(users.findByEmail(target)).contains(winner.withEmail(target, null));
            for (int i = 0; i < racers.size(); i++) {
                if (i != winners.get(0)) {
                    assertThat(users.findById(racers.get(i).id())).contains(racers.get(i));
                }
            }
        }
    }

    /** Disabling, enabling and deleting accounts. */
    @Nested
    @DisplayName("disable and delete")
    class DisableAndDelete {

        @Test
        @DisplayName("set disabled round-trips through find by id and find by e-mail")
        void setDisabledRoundTrips() {
            User user = users.create(newUser(uniqueEmail()));
            User other = users.create(newUser(uniqueEmail()));

            assertThat(users.setDisabled(user.id(), true)).isTrue();
            assertThat(users.findById(user.id())).contains(user.withDisabled(true));
            assertThat(users.findByEmail(user.email())).contains(user.withDisabled(true));
            assertThat(users.findById(other.id())).contains(other);

            assertThat(users.setDisabled(user.id(), true)).isTrue();
            assertThat(users.setDisabled(user.id(), false)).isTrue();
            assertThat(users.findByEmail(user.email())).contains(user);
        }

        @Test
        @DisplayName("set disabled of an unknown user returns false")
        void setDisabledOfUnknownUserReturnsFalse() {
            assertThat(users.setDisabled(UUID.randomUUID().toString(), true)).isFalse();
        }

        @Test
        @DisplayName("delete removes the user, leaves others, and frees its e-mail for a new sign-up")
        void deleteRemovesUserAndFreesEmail() {
            User user = users.create(newUser(uniqueEmail()));
            User other = users.create(newUser(uniqueEmail()));

            assertThat(users.delete(user.id())).isTrue();

            assertThat(users.findById(user.id())).isEmpty();
            assertThat(users.findByEmail(user.email())).isEmpty();
            assertThat(users.findById(other.id())).contains(other);
            User next = users.create(newUser(user.email()));
            assertThat(next.id()).isNotEqualTo(user.id());
            assertThat(users.findByEmail(user.email())).contains(next);
        }

        @Test
        @DisplayName("delete of an absent id returns false, also a second time")
        void deleteOfAbsentIdReturnsFalse() {
            User user = users.create(newUser(uniqueEmail()));
            assertThat(users.delete(user.id())).isTrue();

            assertThat(users.delete(user.id())).isFalse();
            assertThat(users.delete(UUID.randomUUID().toString())).isFalse();
        }

        @Test
        @DisplayName("a deleted user can no longer be changed")
        void deletedUserCanNoLongerBeChanged() {
            User user = users.create(newUser(uniqueEmail()));
            assertThat(users.delete(user.id())).isTrue();

            assertThat(users.setDisabled(user.id(), true)).isFalse();
            assertThat(users.markEmailVerified(user.id(), user.email(), T0)).isFalse();
            assertThat(users.changeEmail(user.id(), user.email(), uniqueEmail(), T0)).isFalse();
            assertThat(users.findById(user.id())).isEmpty();
        }
    }

    /** What every method refuses. */
    @Nested
    @DisplayName("arguments")
    class Arguments {

        @Test
        @DisplayName("null arguments are refused with NullPointerException")
        void nullArgumentsAreRefused() {
            assertThatThrownBy(() -> users.create(null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> users.findById(null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> users.findByEmail(null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> users.updatePasswordHash(null, 0, "h")).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> users.updatePasswordHash("id", 0, null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> users.changePassword(null, 0, "h")).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> users.changePassword("id", 0, null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> users.updateRoles(null, Set.of())).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> users.updateRoles("id", null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> users.markEmailVerified(null, "e", T0)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> users.markEmailVerified("id", null, T0)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> users.markEmailVerified("id", "e", null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> users.changeEmail(null, "e", "f", T0)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> users.changeEmail("id", null, "f", T0)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> users.changeEmail("id", "e", null, T0)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> users.setDisabled(null, true)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> users.delete(null)).isInstanceOf(NullPointerException.class);
        }
    }
}
