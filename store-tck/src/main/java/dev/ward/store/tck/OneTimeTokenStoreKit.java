package dev.ward.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ward.store.OneTimeToken;
import dev.ward.store.OneTimeTokenPurpose;
import dev.ward.store.OneTimeTokenStore;
import dev.ward.store.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The conformance kit for {@link OneTimeTokenStore}: the promises of the SPI's Javadoc as tests,
 * which every implementation runs from a subclass that only implements
 * {@link #createOneTimeTokenStore()}:
 *
 * <pre>{@code
 * class MyOneTimeTokenStoreTest extends OneTimeTokenStoreKit {
 *     @Override
 *     protected OneTimeTokenStore createOneTimeTokenStore() {
 *         return new MyOneTimeTokenStore(dataSource);
 *     }
 * }
 * }</pre>
 *
 * <p>The tests come in {@link Nested @Nested} groups (create and find, consume, concurrency,
 * supersede, purge, deleting a user's tokens, arguments). They use fresh random hashes and user
 * ids, so a store backed by a shared database need not be emptied between tests; only the purge
 * test deletes, and it uses instants before every other test's. Races run on 32 threads, and
 * every test times out after two minutes.
 */
@Timeout(120)
public abstract class OneTimeTokenStoreKit {

    /** A fixed instant with millisecond precision, the precision every store keeps. */
    protected static final Instant T0 = Instant.parse("2030-01-01T00:00:00.123Z");

    private static final Duration LIFETIME = Duration.ofMinutes(30);

    private OneTimeTokenStore store;

    /** For subclasses, which JUnit Jupiter instantiates once per test. */
    protected OneTimeTokenStoreKit() {
    }

    /**
     * Returns the store under test. Called before each test; it may return a new instance over
     * the same backing storage each time.
     *
     * @return the store
     */
    protected abstract OneTimeTokenStore createOneTimeTokenStore();

    @BeforeEach
    void setUpOneTimeTokenStore() {
        store = createOneTimeTokenStore();
    }

    /** A random 64-character hex string, the shape of an encoded SHA-256. */
    private static String hash() {
        return (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
    }

    private static String user() {
        return "user-" + UUID.randomUUID();
    }

    private static OneTimeToken token(String userId, OneTimeTokenPurpose purpose, Instant createdAt) {
        return new OneTimeToken(hash(), purpose, userId, null, createdAt, createdAt.plus(LIFETIME), null);
    }

    private OneTimeToken created(String userId, OneTimeTokenPurpose purpose) {
        OneTimeToken token = token(userId, purpose, T0);
        store.create(token);
        return token;
    }

    private static OneTimeToken usedAt(OneTimeToken token, Instant at) {
        return new OneTimeToken(token.tokenHash(), token.purpose(), token.userId(), token.boundValue(),
                token.createdAt(), token.expiresAt(), at);
    }

    /** Storing and finding tokens. */
    @Nested
    @DisplayName("create and find")
    class CreateAndFind {

        @Test
        @DisplayName("create then find by hash returns every field as stored, for every purpose")
        void createThenFind() {
            String user = user();
            for (OneTimeTokenPurpose purpose : OneTimeTokenPurpose.values()) {
                OneTimeToken token = new OneTimeToken(hash(), purpose, user, "new-address-" + purpose + "@example.test",
                        T0, T0.plus(LIFETIME), null);
                store.create(token);

                assertThat(store.findByHash(token.tokenHash())).contains(token);
            }
        }

        @Test
        @DisplayName("a 254-character bound value and 64-character ids are kept whole; a null bound value stays null")
        void limitsAreKept() {
            String user = "u".repeat(64);
            OneTimeToken full = new OneTimeToken(hash(), OneTimeTokenPurpose.EMAIL_CHANGE, user,
                    "é".repeat(241) + "@example.test", T0, T0.plus(LIFETIME), null);
            OneTimeToken bare = created(user, OneTimeTokenPurpose.PASSWORD_RESET);
            store.create(full);

            assertThat(full.boundValue()).hasSize(254);
            assertThat(store.findByHash(full.tokenHash())).contains(full);
            assertThat(store.findByHash(bare.tokenHash()).orElseThrow().boundValue()).isNull();
        }

        @Test
        @DisplayName("find of an unknown hash, or of one longer than any stored hash, is empty")
        void unknownIsEmpty() {
            assertThat(store.findByHash(hash())).isEmpty();
            assertThat(store.findByHash("x".repeat(65))).isEmpty();
        }

        @Test
        @DisplayName("create with an existing hash throws StoreException and keeps the first token")
        void duplicateHashIsRefused() {
            OneTimeToken first = created(user(), OneTimeTokenPurpose.EMAIL_VERIFICATION);
            OneTimeToken clash = new OneTimeToken(first.tokenHash(), OneTimeTokenPurpose.LOG_IN_LINK, user(), null,
                    T0, T0.plus(LIFETIME), null);

            assertThatThrownBy(() -> store.create(clash)).isInstanceOf(StoreException.class);
            assertThat(store.findByHash(first.tokenHash())).contains(first);
        }

        @Test
        @DisplayName("the token's description shows neither its hash nor its bound value")
        void toStringHidesSecrets() {
            OneTimeToken token = new OneTimeToken(hash(), OneTimeTokenPurpose.EMAIL_CHANGE, user(),
                    "secret-new@example.test", T0, T0.plus(LIFETIME), null);

            assertThat(token.toString()).doesNotContain(token.tokenHash()).doesNotContain("secret-new");
        }
    }

    /** Using a token once. */
    @Nested
    @DisplayName("consume")
    class Consume {

        @Test
        @DisplayName("an unused token is returned marked used, and the store keeps it used")
        void unusedTokenIsConsumed() {
            OneTimeToken token = created(user(), OneTimeTokenPurpose.PASSWORD_RESET);
            Instant now = T0.plusSeconds(10);

            assertThat(store.consume(token.tokenHash(), now)).contains(usedAt(token, now));
            assertThat(store.findByHash(token.tokenHash())).contains(usedAt(token, now));
        }

        @Test
        @DisplayName("a used token is refused, and keeps the instant of its first use")
        void usedTokenIsRefused() {
            OneTimeToken token = created(user(), OneTimeTokenPurpose.LOG_IN_LINK);
            store.consume(token.tokenHash(), T0.plusSeconds(1));

            assertThat(store.consume(token.tokenHash(), T0.plusSeconds(2))).isEmpty();
            assertThat(store.findByHash(token.tokenHash()).orElseThrow().usedAt()).isEqualTo(T0.plusSeconds(1));
        }

        @Test
        @DisplayName("a token is refused from its expiry on, and stays unused; a millisecond before it is accepted")
        void expiredTokenIsRefused() {
            OneTimeToken expired = created(user(), OneTimeTokenPurpose.EMAIL_VERIFICATION);
            OneTimeToken lastMoment = created(user(), OneTimeTokenPurpose.EMAIL_VERIFICATION);

            assertThat(store.consume(expired.tokenHash(), expired.expiresAt())).isEmpty();
            assertThat(store.findByHash(expired.tokenHash())).contains(expired);
            assertThat(store.consume(lastMoment.tokenHash(), lastMoment.expiresAt().minusMillis(1))).isPresent();
        }

        @Test
        @DisplayName("an unknown hash, or one longer than any stored hash, is empty")
        void unknownIsEmpty() {
            assertThat(store.consume(hash(), T0)).isEmpty();
            assertThat(store.consume("x".repeat(65), T0)).isEmpty();
        }
    }

    /** Races between uses of one token. */
    @Nested
    @DisplayName("concurrency")
    class Concurrency {

        @Test
        @DisplayName("32 threads consume one token at once and exactly one gets it")
        void exactlyOneConsumerWins() {
            OneTimeToken token = created(user(), OneTimeTokenPurpose.PASSWORD_RESET);

            List<Concurrently.Outcome<Optional<OneTimeToken>>> outcomes = Concurrently.run(32, i -> () ->
                    store.consume(token.tokenHash(), T0.plusMillis(1 + i)));

            assertThat(outcomes).allMatch(Concurrently.Outcome::succeeded);
            List<OneTimeToken> winners = new ArrayList<>();
            outcomes.forEach(outcome -> outcome.value().ifPresent(winners::add));
            assertThat(winners).hasSize(1);
            assertThat(store.findByHash(token.tokenHash())).contains(winners.get(0));
        }

        @Test
        @DisplayName("16 threads consume a token while 16 supersede it: it is used or superseded, exactly once")
        void consumeAndSupersedeExcludeEachOther() {
            String user = user();
            OneTimeToken token = created(user, OneTimeTokenPurpose.EMAIL_CHANGE);

            List<Concurrently.Outcome<Integer>> outcomes = Concurrently.run(32, i -> () -> i % 2 == 0
                    ? store.consume(token.tokenHash(), T0.plusSeconds(1)).map(won -> 1).orElse(0)
                    : store.supersede(user, OneTimeTokenPurpose.EMAIL_CHANGE, T0.plusSeconds(1)));

            assertThat(outcomes).allMatch(Concurrently.Outcome::succeeded);
            assertThat(outcomes.stream().mapToInt(Concurrently.Outcome::value).sum()).isEqualTo(1);
            assertThat(store.findByHash(token.tokenHash()).orElseThrow().usedAt()).isEqualTo(T0.plusSeconds(1));
        }
    }

    /** A new token of a purpose ends the user's earlier ones. */
    @Nested
    @DisplayName("supersede")
    class Supersede {

        @Test
        @DisplayName("marks the user's unused tokens of the purpose used, so they can no longer be consumed")
        void supersedesUnusedTokensOfPurpose() {
            String user = user();
            OneTimeToken first = created(user, OneTimeTokenPurpose.PASSWORD_RESET);
            OneTimeToken second = created(user, OneTimeTokenPurpose.PASSWORD_RESET);
            Instant now = T0.plusSeconds(5);

            assertThat(store.supersede(user, OneTimeTokenPurpose.PASSWORD_RESET, now)).isEqualTo(2);

            OneTimeToken fresh = token(user, OneTimeTokenPurpose.PASSWORD_RESET, now);
            store.create(fresh);
            assertThat(store.consume(first.tokenHash(), now)).isEmpty();
            assertThat(store.consume(second.tokenHash(), now)).isEmpty();
            assertThat(store.findByHash(first.tokenHash())).contains(usedAt(first, now));
            assertThat(store.consume(fresh.tokenHash(), now)).isPresent();
        }

        @Test
        @DisplayName("leaves other purposes, other users, used and expired tokens alone")
        void leavesOthersAlone() {
            String user = user();
            OneTimeToken otherPurpose = created(user, OneTimeTokenPurpose.EMAIL_VERIFICATION);
            OneTimeToken otherUser = created(user(), OneTimeTokenPurpose.PASSWORD_RESET);
            OneTimeToken used = created(user, OneTimeTokenPurpose.PASSWORD_RESET);
            store.consume(used.tokenHash(), T0.plusSeconds(1));
            OneTimeToken expired = token(user, OneTimeTokenPurpose.PASSWORD_RESET, T0.minus(LIFETIME));
            store.create(expired);

            assertThat(store.supersede(user, OneTimeTokenPurpose.PASSWORD_RESET, T0.plusSeconds(2))).isZero();

            assertThat(store.findByHash(otherPurpose.tokenHash())).contains(otherPurpose);
            assertThat(store.findByHash(otherUser.tokenHash())).contains(otherUser);
            assertThat(store.findByHash(used.tokenHash())).contains(usedAt(used, T0.plusSeconds(1)));
            assertThat(store.findByHash(expired.tokenHash())).contains(expired);
        }

        @Test
        @DisplayName("a user without tokens supersedes nothing")
        void nothingToSupersede() {
            assertThat(store.supersede(user(), OneTimeTokenPurpose.LOG_IN_LINK, T0)).isZero();
        }
    }

    /** Deleting ended tokens in bounded batches. */
    @Nested
    @DisplayName("purge")
    class Purge {

        /** Before every other test's instants, so that only this test's tokens are purged. */
        private final Instant before = T0.minus(Duration.ofDays(30));

        @Test
        @DisplayName("deletes used and expired tokens in batches of at most batchSize, and keeps the rest")
        void purgesInBoundedBatches() {
            String user = user();
            List<OneTimeToken> ended = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                OneTimeToken expired = token(user, OneTimeTokenPurpose.EMAIL_VERIFICATION,
                        before.minus(LIFETIME).minusSeconds(i + 1));
                store.create(expired);
                ended.add(expired);
            }
            OneTimeToken used = token(user, OneTimeTokenPurpose.PASSWORD_RESET, before.minusSeconds(60));
            store.create(used);
            store.consume(used.tokenHash(), before.minusSeconds(30));
            ended.add(used);
            OneTimeToken unused = token(user, OneTimeTokenPurpose.LOG_IN_LINK, before.minusSeconds(60));
            store.create(unused);
            OneTimeToken endsAtTheInstant = token(user, OneTimeTokenPurpose.EMAIL_CHANGE, before.minus(LIFETIME));
            store.create(endsAtTheInstant);

            assertThat(store.purge(before, 2)).isEqualTo(2);
            int rounds = 0;
            while (store.purge(before, 2) == 2) {
                rounds++;
                assertThat(rounds).as("purge rounds").isLessThan(1_000);
            }

            assertThat(ended).allSatisfy(token -> assertThat(store.findByHash(token.tokenHash())).isEmpty());
            assertThat(store.findByHash(unused.tokenHash())).contains(unused);
            assertThat(store.findByHash(endsAtTheInstant.tokenHash())).contains(endsAtTheInstant);
        }

        @Test
        @DisplayName("a batch size below 1 is refused")
        void batchSizeBelowOneIsRefused() {
            assertThatThrownBy(() -> store.purge(before, 0)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    /** Erasing a user's tokens, for deleting an account. */
    @Nested
    @DisplayName("delete all for a user")
    class DeleteAllForUser {

        @Test
        @DisplayName("deletes every token of the user, used or not, and no other user's")
        void deletesOnlyTheUsersTokens() {
            String user = user();
            OneTimeToken a = created(user, OneTimeTokenPurpose.EMAIL_VERIFICATION);
            OneTimeToken b = created(user, OneTimeTokenPurpose.PASSWORD_RESET);
            store.consume(b.tokenHash(), T0.plusSeconds(1));
            OneTimeToken other = created(user(), OneTimeTokenPurpose.EMAIL_VERIFICATION);

            assertThat(store.deleteAllForUser(user)).isEqualTo(2);

            assertThat(store.findByHash(a.tokenHash())).isEmpty();
            assertThat(store.findByHash(b.tokenHash())).isEmpty();
            assertThat(store.findByHash(other.tokenHash())).contains(other);
            assertThat(store.deleteAllForUser(user)).isZero();
        }
    }

    /** Null arguments. */
    @Nested
    @DisplayName("arguments")
    class Arguments {

        @Test
        @DisplayName("every null argument is a NullPointerException")
        void nullsAreRefused() {
            assertThatThrownBy(() -> store.create(null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> store.findByHash(null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> store.consume(null, T0)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> store.consume(hash(), null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> store.supersede(null, OneTimeTokenPurpose.PASSWORD_RESET, T0))
                    .isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> store.supersede(user(), null, T0)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> store.supersede(user(), OneTimeTokenPurpose.PASSWORD_RESET, null))
                    .isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> store.purge(null, 10)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> store.deleteAllForUser(null)).isInstanceOf(NullPointerException.class);
        }

        @Test
        @DisplayName("a token without a hash, purpose, user or instants cannot be built")
        void tokenRequiresItsFields() {
            assertThatThrownBy(() -> new OneTimeToken(null, OneTimeTokenPurpose.PASSWORD_RESET, "u", null, T0, T0, null))
                    .isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> new OneTimeToken(hash(), null, "u", null, T0, T0, null))
                    .isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> new OneTimeToken(hash(), OneTimeTokenPurpose.PASSWORD_RESET, null, null, T0, T0,
                    null)).isInstanceOf(NullPointerException.class);
        }

        @Test
        @DisplayName("every purpose round-trips through its code, and an unknown code is refused")
        void purposeCodesRoundTrip() {
            for (OneTimeTokenPurpose purpose : OneTimeTokenPurpose.values()) {
                assertThat(OneTimeTokenPurpose.fromCode(purpose.code())).isSameAs(purpose);
                assertThat(purpose.code()).hasSizeLessThanOrEqualTo(32);
            }
            assertThatThrownBy(() -> OneTimeTokenPurpose.fromCode("PASSWORD_RESET"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
