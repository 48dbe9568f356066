package dev.ward.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ward.store.Session;
import dev.ward.store.StoreException;
import dev.ward.store.TokenStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The conformance kit for {@link TokenStore}: the promises of the SPI's Javadoc as tests, which
 * every implementation runs from a subclass that only implements {@link #createTokenStore()}:
 *
 * <pre>{@code
 * class MyTokenStoreTest extends TokenStoreKit {
 *     @Override
 *     protected TokenStore createTokenStore() {
 *         return new MyTokenStore(dataSource);
 *     }
 * }
 * }</pre>
 *
 * <p>The tests come in {@link Nested @Nested} groups (create and find, rotate, rotate within
 * re-stamp, revoke, delete all for user, find active by user, purge, arguments) that JUnit Jupiter runs for every
 * subclass; a subclass may add tests and groups of its own, with {@link #tokenStore()} for the
 * store under test. They use fresh random session and user ids, so a store backed by a shared
 * database need not be emptied between tests; the purge tests only assert on their own
 * sessions. Races run on up to 32 threads, and every test times out after two minutes.
 */
@Timeout(120)
public abstract class TokenStoreKit {

    /** A fixed instant with millisecond precision, the precision every store keeps. */
    protected static final Instant T0 = Instant.parse("2030-01-01T00:00:00.123Z");
    private static final Duration IDLE = Duration.ofDays(30);
    private static final Duration MAX = Duration.ofDays(90);

    private TokenStore store;

    /** For subclasses, which JUnit Jupiter instantiates once per test. */
    protected TokenStoreKit() {
    }

    /**
     * Returns the store under test. Called before each test; it may return a new instance over
     * the same backing storage each time.
     *
     * @return the store
     */
    protected abstract TokenStore createTokenStore();

    /**
     * Gives subclasses the store under test, for extra tests of their own.
     *
     * @return the store created for the current test
     */
    protected final TokenStore tokenStore() {
        return store;
    }

    @BeforeEach
    void setUpTokenStore() {
        store = createTokenStore();
    }

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    /** A session id shaped like Ward's: 16 random bytes in base64url (22 characters). */
    private static String id() {
        return random(16);
    }

    /** A hash shaped like Ward's: 32 bytes in base64url (43 characters), the length of SHA-256. */
    private static String hash(String label) {
        return random(32);
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static Session newSession(String userId, Instant createdAt) {
        return Session.start(id(), userId, hash("family"), hash("current"), createdAt,
                createdAt.plus(MAX), createdAt.plus(IDLE), "203.0.113.7", "KitAgent/1.0");
    }

    private Session created(String userId, Instant createdAt) {
        Session session = newSession(userId, createdAt);
        store.create(session);
        return session;
    }

    private Session reload(Session session) {
        return store.findById(session.id()).orElseThrow();
    }

    /** Creating sessions and finding them by id. */
    @Nested
    @DisplayName("create and find")
    class CreateAndFind {

        @Test
        @DisplayName("create then find by id returns every field as stored")
        void createThenFindReturnsEveryField() {
            Session session = newSession(UUID.randomUUID().toString(), T0);

            store.create(session);

            assertThat(store.findById(session.id())).contains(session);
        }

        @Test
        @DisplayName("a session without client info keeps nulls, and a 512-character user agent is kept whole")
        void clientInfoIsOptionalAndLongUserAgentIsKept() {
            Session bare = Session.start(id(), "u-" + id(), hash("f"), hash("c"), T0, T0.plus(MAX), T0.plus(IDLE),
                    null, null);
            Session rich = Session.start(id(), "u-" + id(), hash("f"), hash("c"), T0, T0.plus(MAX), T0.plus(IDLE),
                    "2001:db8:85a3:0000:0000:8a2e:0370:7334", "Ä".repeat(511) + "z");
            store.create(bare);
            store.create(rich);

            assertThat(store.findById(bare.id())).contains(bare);
            assertThat(store.findById(rich.id())).contains(rich);
        }

        @Test
        @DisplayName("the credentials version is kept as created, through rotation, listing and revocation")
        void credentialsVersionIsKept() {
            String userId = "u-" + id();
            Session session = Session.start(id(), userId, 7, hash("f"), hash("c"), T0, T0.plus(MAX), T0.plus(IDLE),
                    null, null);
            Session large = Session.start(id(), userId, Long.MAX_VALUE, hash("f"), hash("c"), T0, T0.plus(MAX),
                    T0.plus(IDLE), null, null);
            store.create(session);
            store.create(large);

            assertThat(store.findById(session.id())).contains(session);
            assertThat(reload(large).credentialsVersion()).isEqualTo(Long.MAX_VALUE);
            assertThat(store.rotate(session.id(), session.currentHash(), hash("n"), hash("mask"), T0.plusSeconds(1),
                    T0.plus(IDLE))).isTrue();
            assertThat(reload(session).credentialsVersion()).isEqualTo(7);
            assertThat(store.findActiveByUser(userId, T0.plusSeconds(2))).extracting(Session::credentialsVersion)
                    .containsExactlyInAnyOrder(7L, Long.MAX_VALUE);
            assertThat(store.revoke(session.id(), T0.plusSeconds(3), "password-changed")).isTrue();
            assertThat(reload(session).credentialsVersion()).isEqualTo(7);
        }

        @Test
        @DisplayName("find by id of an unknown id is empty")
        void findUnknownIsEmpty() {
            assertThat(store.findById(id())).isEmpty();
        }

        @Test
        @DisplayName("create with an existing id throws StoreException and keeps the first session")
        void createWithExistingIdThrows() {
            Session first = created("u-" + id(), T0);
            Session clash = Session.start(first.id(), "other-user", hash("f"), hash("c"), T0, T0.plus(MAX),
                    T0.plus(IDLE), null, null);

            assertThatThrownBy(() -> store.create(clash)).isInstanceOf(StoreException.class);
            assertThat(store.findById(first.id())).contains(first);
        }
    }

    /** The compare-and-set from the current hash to its successor. */
    @Nested
    @DisplayName("rotate")
    class Rotate {

        @Test
        @DisplayName("rotate on the current hash moves current to previous and stamps the rotation")
        void rotateOnCurrentHash() {
            Session session = created("u-" + id(), T0);
            Instant now = T0.plusSeconds(60);
            String next = hash("next");
            String mask = hash("mask");

            assertThat(store.rotate(session.id(), session.currentHash(), next, mask, now, now.plus(IDLE))).isTrue();

            Session rotated = reload(session);
            assertThat(rotated.currentHash()).isEqualTo(next);
            assertThat(rotated.previousHash()).isEqualTo(session.currentHash());
            assertThat(rotated.successorMask()).isEqualTo(mask);
            assertThat(rotated.rotatedAt()).isEqualTo(now);
            assertThat(rotated.lastUsedAt()).isEqualTo(now);
            assertThat(rotated.idleExpiresAt()).isEqualTo(now.plus(IDLE));
            assertThat(rotated.familyHash()).isEqualTo(session.familyHash());
            assertThat(rotated.createdAt()).isEqualTo(session.createdAt());
            assertThat(rotated.expiresAt()).isEqualTo(session.expiresAt());
            assertThat(rotated.clientIp()).isEqualTo(session.clientIp());
            assertThat(rotated.userAgent()).isEqualTo(session.userAgent());
            assertThat(rotated.revokedAt()).isNull();
        }

        @Test
        @DisplayName("rotate with a stale expected hash returns false and changes nothing")
        void rotateWithStaleHashChangesNothing() {
            Session session = created("u-" + id(), T0);
            String first = hash("first");
            store.rotate(session.id(), session.currentHash(), first, null, T0.plusSeconds(1), T0.plus(IDLE));
            Session afterFirst = reload(session);

            assertThat(store.rotate(session.id(), session.currentHash(), hash("second"), null, T0.plusSeconds(2),
                    T0.plus(IDLE))).isFalse();
            assertThat(reload(session)).isEqualTo(afterFirst);
        }

        @Test
        @DisplayName("rotate of an unknown session returns false")
        void rotateUnknownReturnsFalse() {
            assertThat(store.rotate(id(), hash("c"), hash("n"), null, T0, T0.plus(IDLE))).isFalse();
        }

        @Test
        @DisplayName("rotate of a revoked session returns false and changes nothing")
        void rotateRevokedReturnsFalse() {
            Session session = created("u-" + id(), T0);
            store.revoke(session.id(), T0.plusSeconds(1), "logout");
            Session revoked = reload(session);

            assertThat(store.rotate(session.id(), session.currentHash(), hash("n"), null, T0.plusSeconds(2),
                    T0.plus(IDLE))).isFalse();
            assertThat(reload(session)).isEqualTo(revoked);
        }

        @Test
        @DisplayName("32 threads rotating one session on the same hash: exactly one wins")
        void concurrentRotationsHaveExactlyOneWinner() {
            Session session = created("u-" + id(), T0);
            List<String> candidates = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                candidates.add(hash("n" + i));
            }

            List<Concurrently.Outcome<Boolean>> outcomes = Concurrently.run(32, i -> () ->
                    store.rotate(session.id(), session.currentHash(), candidates.get(i), null, T0.plusSeconds(5),
                            T0.plus(IDLE)));

            assertThat(outcomes).allMatch(Concurrently.Outcome::succeeded);
            List<Integer> winners = new ArrayList<>();
            for (int i = 0; i < outcomes.size(); i++) {
                if (outcomes.get(i).value()) {
                    winners.add(i);
                }
            }
            assertThat(winners).hasSize(1);
            Session rotated = reload(session);
            assertThat(rotated.currentHash()).isEqualTo(candidates.get(winners.get(0)));
            assertThat(rotated.previousHash()).isEqualTo(session.currentHash());
        }
    }

    /** The successor mask that a rotation keeps for grace-window refreshes. */
    @Nested
    @DisplayName("successor mask")
    class SuccessorMask {

        @Test
        @DisplayName("each rotation replaces the mask, and a rotation that keeps none clears it")
        void eachRotationReplacesTheMask() {
            Session session = created("u-" + id(), T0);
            String first = hash("first");
            String second = hash("second");
            String secondMask = hash("mask-2");
            store.rotate(session.id(), session.currentHash(), first, hash("mask-1"), T0.plusSeconds(1),
                    T0.plus(IDLE));
            store.rotate(session.id(), first, second, secondMask, T0.plusSeconds(2), T0.plus(IDLE));
            assertThat(reload(session).successorMask()).isEqualTo(secondMask);

            store.rotate(session.id(), second, hash("third"), null, T0.plusSeconds(3), T0.plus(IDLE));
            assertThat(reload(session).successorMask()).isNull();
        }

        @Test
        @DisplayName("a losing rotation leaves the winner's mask, and other texts are kept as given")
        void losingRotationLeavesWinnersMask() {
            Session session = created("u-" + id(), T0);
            store.rotate(session.id(), session.currentHash(), hash("winner"), "any opaque text",
                    T0.plusSeconds(1), T0.plus(IDLE));

            assertThat(store.rotate(session.id(), session.currentHash(), hash("loser"), hash("loser-mask"),
                    T0.plusSeconds(1), T0.plus(IDLE))).isFalse();
            assertThat(reload(session).successorMask()).isEqualTo("any opaque text");
        }

        @Test
        @DisplayName("a session created with a mask finds it again, and toString never shows it")
        void createdMaskIsKept() {
            String mask = hash("created-mask");
            Session session = new Session(id(), "u-" + id(), hash("f"), hash("c"), hash("p"), mask, T0,
                    T0.plus(MAX), T0.plus(IDLE), T0.plusSeconds(1), T0.plusSeconds(1), null, null, null, null, 0);
            store.create(session);

            assertThat(store.findById(session.id())).contains(session);
            assertThat(session.toString()).doesNotContain(mask);
        }

        @Test
        @DisplayName("32 threads rotating one session with their own masks: the winner's mask is the one kept")
        void concurrentRotationsKeepTheWinnersMask() {
            Session session = created("u-" + id(), T0);
            List<String> hashes = new ArrayList<>();
            List<String> masks = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                hashes.add(hash("n" + i));
                masks.add(hash("m" + i));
            }

            List<Concurrently.Outcome<Boolean>> outcomes = Concurrently.run(32, i -> () ->
                    store.rotate(session.id(), session.currentHash(), hashes.get(i), masks.get(i),
                            T0.plusSeconds(5), T0.plus(IDLE)));

            int winner = -1;
            for (int i = 0; i < outcomes.size(); i++) {
                if (outcomes.get(i).succeeded() && outcomes.get(i).value()) {
                    winner = i;
                }
            }
            Session rotated = reload(session);
            assertThat(winner).isNotNegative();
            assertThat(rotated.currentHash()).isEqualTo(hashes.get(winner));
            assertThat(rotated.successorMask()).isEqualTo(masks.get(winner));
        }
    }

    /** Moving the start of the grace window later, for a rotation the store applied late. */
    @Nested
    @DisplayName("re-stamp a rotation")
    class Restamp {

        @Test
        @DisplayName("re-stamp on the current hash moves rotatedAt later and changes nothing else")
        void restampMovesRotatedAtLater() {
            String next = hash("next");
            Session session = created("u-" + id(), T0);
            store.rotate(session.id(), session.currentHash(), next, hash("mask"), T0.plusSeconds(1), T0.plus(IDLE));
            Session rotated = reload(session);

            assertThat(store.restampRotation(session.id(), next, T0.plusSeconds(41))).isTrue();

            Session after = reload(session);
            assertThat(after.rotatedAt()).isEqualTo(T0.plusSeconds(41));
            assertThat(after).usingRecursiveComparison().ignoringFields("rotatedAt").isEqualTo(rotated);
        }

        @Test
        @DisplayName("re-stamp never moves rotatedAt earlier, nor to the same instant")
        void restampNeverMovesEarlier() {
            Session session = created("u-" + id(), T0);
            String next = hash("next");
            store.rotate(session.id(), session.currentHash(), next, null, T0.plusSeconds(10), T0.plus(IDLE));
            Session rotated = reload(session);

            assertThat(store.restampRotation(session.id(), next, T0.plusSeconds(5))).isFalse();
            assertThat(store.restampRotation(session.id(), next, T0.plusSeconds(10))).isFalse();
            assertThat(reload(session)).isEqualTo(rotated);
        }

        @Test
        @DisplayName("re-stamp fails before any rotation, after another rotation, when revoked, or when unknown")
        void restampFailsOtherwise() {
            Session fresh = created("u-" + id(), T0);
            assertThat(store.restampRotation(fresh.id(), fresh.currentHash(), T0.plusSeconds(5))).isFalse();
            assertThat(reload(fresh).rotatedAt()).isNull();

            Session session = created("u-" + id(), T0);
            String first = hash("first");
            String second = hash("second");
            store.rotate(session.id(), session.currentHash(), first, null, T0.plusSeconds(1), T0.plus(IDLE));
            store.rotate(session.id(), first, second, null, T0.plusSeconds(2), T0.plus(IDLE));
            assertThat(store.restampRotation(session.id(), first, T0.plusSeconds(40))).isFalse();
            assertThat(reload(session).rotatedAt()).isEqualTo(T0.plusSeconds(2));

            store.revoke(session.id(), T0.plusSeconds(3), "logout");
            assertThat(store.restampRotation(session.id(), second, T0.plusSeconds(40))).isFalse();
            assertThat(reload(session).rotatedAt()).isEqualTo(T0.plusSeconds(2));

            assertThat(store.restampRotation(id(), hash("c"), T0.plusSeconds(40))).isFalse();
        }
    }

    /** Revoking one session and every session of a user. */
    @Nested
    @DisplayName("revoke")
    class Revoke {

        @Test
        @DisplayName("revoke is idempotent and keeps the first instant and reason")
        void revokeIsIdempotent() {
            Session session = created("u-" + id(), T0);

            assertThat(store.revoke(session.id(), T0.plusSeconds(1), "logout")).isTrue();
            assertThat(store.revoke(session.id(), T0.plusSeconds(2), "reuse")).isFalse();

            Session revoked = reload(session);
            assertThat(revoked.revokedAt()).isEqualTo(T0.plusSeconds(1));
            assertThat(revoked.revokeReason()).isEqualTo("logout");
            assertThat(revoked.isActive(T0.plusSeconds(3))).isFalse();
        }

        @Test
        @DisplayName("revoke of an unknown session returns false")
        void revokeUnknownReturnsFalse() {
            assertThat(store.revoke(id(), T0, "logout")).isFalse();
        }

        @Test
        @DisplayName("16 threads revoking one session: exactly one revokes it")
        void concurrentRevokesHaveOneWinner() {
            Session session = created("u-" + id(), T0);

            List<Concurrently.Outcome<Boolean>> outcomes = Concurrently.run(16, i -> () ->
                    store.revoke(session.id(), T0.plusSeconds(i + 1), "r" + i));

            assertThat(outcomes).allMatch(Concurrently.Outcome::succeeded);
            assertThat(outcomes.stream().filter(Concurrently.Outcome::value)).hasSize(1);
        }

        @Test
        @DisplayName("revoke all for a user revokes every active session except the one kept, and no other user's")
        void revokeAllForUser() {
            String userId = "u-" + id();
            Session a = created(userId, T0);
            Session b = created(userId, T0.plusSeconds(1));
            Session keep = created(userId, T0.plusSeconds(2));
            Session alreadyRevoked = created(userId, T0.plusSeconds(3));
            store.revoke(alreadyRevoked.id(), T0.plusSeconds(4), "logout");
            Session stranger = created("u-" + id(), T0);

            assertThat(store.revokeAllForUser(userId, keep.id(), T0.plusSeconds(5), "logout-everywhere")).isEqualTo(2);

            assertThat(reload(a).revokeReason()).isEqualTo("logout-everywhere");
            assertThat(reload(b).revokedAt()).isEqualTo(T0.plusSeconds(5));
            assertThat(reload(keep).isRevoked()).isFalse();
            assertThat(reload(alreadyRevoked).revokeReason()).isEqualTo("logout");
            assertThat(reload(stranger).isRevoked()).isFalse();

            assertThat(store.revokeAllForUser(userId, null, T0.plusSeconds(6), "password-changed")).isEqualTo(1);
            assertThat(reload(keep).revokeReason()).isEqualTo("password-changed");
            assertThat(store.revokeAllForUser(userId, null, T0.plusSeconds(7), "again")).isZero();
            assertThat(store.revokeAllForUser("u-" + id(), null, T0, "nobody")).isZero();
        }
    }

    /** Deleting every session of a user, for deleting the account. */
    @Nested
    @DisplayName("delete all for user")
    class DeleteAllForUser {

        @Test
        @DisplayName("delete all for user deletes every session of the user, active or ended, and no other user's")
        void deleteAllForUserDeletesOnlyThatUsersSessions() {
            String userId = "u-" + id();
            Session active = created(userId, T0);
            Session revoked = created(userId, T0.plusSeconds(1));
            store.revoke(revoked.id(), T0.plusSeconds(2), "logout");
            Session expired = Session.start(id(), userId, hash("f"), hash("c"), T0, T0.plusSeconds(1),
                    T0.plusSeconds(1), null, null);
            store.create(expired);
            Session stranger = created("u-" + id(), T0);

            assertThat(store.deleteAllForUser(userId)).isEqualTo(3);

            assertThat(store.findById(active.id())).isEmpty();
            assertThat(store.findById(revoked.id())).isEmpty();
            assertThat(store.findById(expired.id())).isEmpty();
            assertThat(store.findActiveByUser(userId, T0)).isEmpty();
            assertThat(store.findById(stranger.id())).contains(stranger);
            assertThat(store.findActiveByUser(stranger.userId(), T0)).containsExactly(stranger);
        }

        @Test
        @DisplayName("delete all for a user without sessions returns 0, also a second time")
        void deleteAllForUserWithoutSessionsReturnsZero() {
            String userId = "u-" + id();
            created(userId, T0);
            assertThat(store.deleteAllForUser(userId)).isEqualTo(1);

            assertThat(store.deleteAllForUser(userId)).isZero();
            assertThat(store.deleteAllForUser("u-" + id())).isZero();
        }

        @Test
        @DisplayName("a user whose sessions were deleted can log in again")
        void userCanStartNewSessionAfterDelete() {
            String userId = "u-" + id();
            created(userId, T0);
            store.deleteAllForUser(userId);

            Session again = created(userId, T0.plusSeconds(5));

            assertThat(store.findActiveByUser(userId, T0.plusSeconds(5))).containsExactly(again);
        }
    }

    /** Listing a user's live sessions. */
    @Nested
    @DisplayName("find active by user")
    class ListActive {

        @Test
        @DisplayName("find active by user lists only the user's live sessions, newest first")
        void findActiveByUserListsLiveSessionsNewestFirst() {
            String userId = "u-" + id();
            Session oldest = created(userId, T0);
            Session newest = created(userId, T0.plusSeconds(20));
            Session middle = created(userId, T0.plusSeconds(10));
            Session revoked = created(userId, T0.plusSeconds(5));
            store.revoke(revoked.id(), T0.plusSeconds(6), "logout");
            Session idleExpired = Session.start(id(), userId, hash("f"), hash("c"), T0, T0.plus(MAX),
                    T0.plusSeconds(30), null, null);
            store.create(idleExpired);
            Session absoluteExpired = Session.start(id(), userId, hash("f"), hash("c"), T0, T0.plusSeconds(30),
                    T0.plusSeconds(30), null, null);
            store.create(absoluteExpired);
            created("u-" + id(), T0);

            List<Session> active = store.findActiveByUser(userId, T0.plusSeconds(30));

            assertThat(active).extracting(Session::id).containsExactly(newest.id(), middle.id(), oldest.id());
            assertThat(store.findActiveByUser(userId, T0.plusSeconds(29))).hasSize(5);
            assertThat(store.findActiveByUser("u-" + id(), T0)).isEmpty();
        }

        @Test
        @DisplayName("a rotation extends the idle expiry that find active by user sees")
        void rotationExtendsIdleExpiry() {
            String userId = "u-" + id();
            Session session = Session.start(id(), userId, hash("f"), hash("c"), T0, T0.plus(MAX), T0.plusSeconds(60),
                    null, null);
            store.create(session);
            store.rotate(session.id(), session.currentHash(), hash("n"), null, T0.plusSeconds(30), T0.plusSeconds(90));

            assertThat(store.findActiveByUser(userId, T0.plusSeconds(75))).extracting(Session::id)
                    .containsExactly(session.id());
        }
    }

    /** Deleting ended sessions in bounded batches. */
    @Nested
    @DisplayName("purge")
    class Purge {

        @Test
        @DisplayName("purge deletes ended sessions in batches no larger than the batch size and keeps live ones")
        void purgeDeletesEndedSessionsInBoundedBatches() {
            String userId = "u-" + id();
            List<Session> ended = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Session expired = Session.start(id(), userId, hash("f"), hash("c"), T0, T0.plusSeconds(10),
                        T0.plusSeconds(10), null, null);
                store.create(expired);
                ended.add(expired);
            }
            for (int i = 0; i < 3; i++) {
                Session idle = Session.start(id(), userId, hash("f"), hash("c"), T0, T0.plus(MAX), T0.plusSeconds(20),
                        null, null);
                store.create(idle);
                ended.add(idle);
            }
            Session revoked = created(userId, T0);
            store.revoke(revoked.id(), T0.plusSeconds(30), "logout");
            ended.add(revoked);
            Session revokedLater = created(userId, T0);
            store.revoke(revokedLater.id(), T0.plusSeconds(90), "logout");
            Session live = created(userId, T0);
            Instant cutoff = T0.plusSeconds(60);

            int rounds = 0;
            int deleted;
            do {
                deleted = store.purge(cutoff, 3);
                assertThat(deleted).isBetween(0, 3);
                rounds++;
            } while (deleted == 3 && rounds < 10_000);

            for (Session session : ended) {
                assertThat(store.findById(session.id())).as("ended session %s", session.id()).isEmpty();
            }
            assertThat(store.findById(live.id())).isPresent();
            assertThat(store.findById(revokedLater.id())).isPresent();
        }

        @Test
        @DisplayName("purge keeps a session whose idle expiry a rotation moved past the cut-off")
        void purgeKeepsSessionExtendedByRotation() {
            Session session = Session.start(id(), "u-" + id(), hash("f"), hash("c"), T0, T0.plus(MAX),
                    T0.plusSeconds(60), null, null);
            store.create(session);
            store.rotate(session.id(), session.currentHash(), hash("n"), null, T0.plusSeconds(30), T0.plusSeconds(90));

            while (store.purge(T0.plusSeconds(75), 100) == 100) {
                // drain every other ended session
            }

            assertThat(store.findById(session.id())).isPresent();
        }

        @Test
        @DisplayName("purge from several threads at once deletes every ended session once")
        void concurrentPurgeDeletesEverything() {
            String userId = "u-" + id();
            List<Session> ended = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                Session expired = Session.start(id(), userId, hash("f"), hash("c"), T0, T0.plusSeconds(1),
                        T0.plusSeconds(1), null, null);
                store.create(expired);
                ended.add(expired);
            }

            List<Concurrently.Outcome<Integer>> outcomes = Concurrently.run(4, i -> () -> {
                int total = 0;
                int n;
                do {
                    n = store.purge(T0.plusSeconds(2), 5);
                    assertThat(n).isBetween(0, 5);
                    total += n;
                } while (n > 0);
                return total;
            });

            assertThat(outcomes).allMatch(Concurrently.Outcome::succeeded);
            for (Session session : ended) {
                assertThat(store.findById(session.id())).isEmpty();
            }
        }
    }

    /** What the store refuses: null arguments, and a purge batch size below one. */
    @Nested
    @DisplayName("arguments")
    class Arguments {

        @Test
        @DisplayName("purge with a batch size below one is refused")
        void purgeWithBadBatchSizeIsRefused() {
            assertThatThrownBy(() -> store.purge(T0, 0)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        @DisplayName("null arguments are refused with NullPointerException")
        void nullArgumentsAreRefused() {
            assertThatThrownBy(() -> store.create(null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> store.findById(null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> store.rotate(null, "a", "b", null, T0, T0))
                    .isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> store.rotate("s", null, "b", null, T0, T0))
                    .isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> store.restampRotation("s", "a", null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> store.restampRotation(null, "a", T0)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> store.revoke(null, T0, "r")).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> store.revokeAllForUser(null, null, T0, "r"))
                    .isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> store.findActiveByUser(null, T0)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> store.purge(null, 1)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> store.deleteAllForUser(null)).isInstanceOf(NullPointerException.class);
        }
    }
}
