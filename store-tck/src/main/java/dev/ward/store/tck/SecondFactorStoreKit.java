package dev.ward.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ward.store.RecoveryCode;
import dev.ward.store.SecondFactorStore;
import dev.ward.store.StoreException;
import dev.ward.store.TotpCredential;
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
 * The conformance kit for {@link SecondFactorStore}: the promises of the SPI's Javadoc as tests,
 * which every implementation runs from a subclass that only implements
 * {@link #createSecondFactorStore()}:
 *
 * <pre>{@code
 * class MySecondFactorStoreTest extends SecondFactorStoreKit {
 *     @Override
 *     protected SecondFactorStore createSecondFactorStore() {
 *         return new MySecondFactorStore(dataSource);
 *     }
 * }
 * }</pre>
 *
 * <p>The tests come in {@link Nested @Nested} groups (pending credentials, confirmation, replay
 * protection, deleting TOTP, recovery codes, concurrency, deleting a user's factors, arguments).
 * They use fresh random user and code ids, so a store backed by a shared database need not be
 * emptied between tests. Races run on 32 threads, and every test times out after two minutes.
 */
@Timeout(120)
public abstract class SecondFactorStoreKit {

    /** A fixed instant with millisecond precision, the precision every store keeps. */
    protected static final Instant T0 = Instant.parse("2030-01-01T00:00:00.123Z");

    private SecondFactorStore store;
    private MutableClock clock;

    /** For subclasses, which JUnit Jupiter instantiates once per test. */
    protected SecondFactorStoreKit() {
    }

    /**
     * Returns the store under test. Called before each test; it may return a new instance over
     * the same backing storage each time.
     *
     * @return the store
     */
    protected abstract SecondFactorStore createSecondFactorStore();

    @BeforeEach
    void setUpSecondFactorStore() {
        store = createSecondFactorStore();
        clock = new MutableClock(T0);
    }

    private static String user() {
        return "user-" + UUID.randomUUID();
    }

    /** Moves the clock on by a second and returns the new instant. */
    private Instant later() {
        clock.advance(Duration.ofSeconds(1));
        return clock.instant();
    }

    private TotpCredential pending(String userId) {
        return TotpCredential.pending(userId, "sealed-" + UUID.randomUUID(), "key-1", clock.instant());
    }

    private TotpCredential saved(String userId) {
        TotpCredential pending = pending(userId);
        store.savePendingTotp(pending);
        return pending;
    }

    private static TotpCredential confirmedAs(TotpCredential pending, Instant confirmedAt, long step) {
        return new TotpCredential(pending.userId(), pending.encryptedSecret(), pending.keyId(), pending.createdAt(),
                confirmedAt, step);
    }

    /** Saves a pending credential and confirms it with a code of {@code step}. */
    private TotpCredential enrolled(String userId, long step) {
        TotpCredential pending = saved(userId);
        Instant at = later();
        assertThat(store.confirmTotp(userId, at, step)).isTrue();
        return confirmedAs(pending, at, step);
    }

    /** Ten codes of a user, ids {@code <prefix>00..<prefix>09} in shuffled order. */
    private List<RecoveryCode> codes(String userId, String prefix) {
        List<RecoveryCode> codes = new ArrayList<>();
        for (int i : new int[] {7, 2, 9, 0, 5, 3, 8, 1, 6, 4}) {
            codes.add(new RecoveryCode(prefix + "0" + i, userId, "$2b$12$" + UUID.randomUUID(), clock.instant(),
                    null));
        }
        return codes;
    }

    private static String codeIds() {
        return "rc-" + UUID.randomUUID().toString().replace("-", "") + "-";
    }

    private static List<RecoveryCode> byId(List<RecoveryCode> codes) {
        List<RecoveryCode> sorted = new ArrayList<>(codes);
        sorted.sort((a, b) -> a.id().compareTo(b.id()));
        return sorted;
    }

    private static RecoveryCode usedAt(RecoveryCode code, Instant at) {
        return new RecoveryCode(code.id(), code.userId(), code.codeHash(), code.createdAt(), at);
    }

    /** Saving and finding a pending credential. */
    @Nested
    @DisplayName("pending TOTP")
    class Pending {

        @Test
        @DisplayName("a saved pending credential is found as pending with every field, and not as confirmed")
        void savedIsFoundAsPending() {
            String user = user();
            TotpCredential pending = saved(user);

            assertThat(store.findTotp(user, false)).contains(pending);
            assertThat(store.findTotp(user, true)).isEmpty();
        }

        @Test
        @DisplayName("saving again replaces the earlier pending credential")
        void savingAgainReplacesPending() {
            String user = user();
            saved(user);
            later();
            TotpCredential second = saved(user);

            assertThat(store.findTotp(user, false)).contains(second);
        }

        @Test
        @DisplayName("a new pending credential leaves the confirmed one untouched, beside it")
        void pendingBesideConfirmed() {
            String user = user();
            TotpCredential confirmed = enrolled(user, 100);
            store.recordTotpUse(user, 101);

            TotpCredential newPhone = saved(user);

            assertThat(store.findTotp(user, true)).contains(confirmedAs(confirmed, confirmed.confirmedAt(), 101));
            assertThat(store.findTotp(user, false)).contains(newPhone);
            assertThat(store.recordTotpUse(user, 102)).isTrue();
        }

        @Test
        @DisplayName("a confirmed credential is refused as pending, and nothing changes")
        void confirmedIsRefused() {
            String user = user();
            TotpCredential confirmed = new TotpCredential(user, "sealed", "key-1", T0, T0, 5);

            assertThatThrownBy(() -> store.savePendingTotp(confirmed)).isInstanceOf(IllegalArgumentException.class);
            assertThat(store.findTotp(user, true)).isEmpty();
            assertThat(store.findTotp(user, false)).isEmpty();
        }

        @Test
        @DisplayName("a 64-character user and key id and a 512-character secret are kept whole")
        void limitsAreKept() {
            String user = "u" + UUID.randomUUID().toString().replace("-", "") + "x".repeat(31);
            TotpCredential full = TotpCredential.pending(user, "s".repeat(511) + "=", "k".repeat(64), T0);
            store.savePendingTotp(full);

            assertThat(user).hasSize(64);
            assertThat(store.findTotp(user, false)).contains(full);
        }

        @Test
        @DisplayName("an unknown user has no credential")
        void unknownUserHasNone() {
            assertThat(store.findTotp(user(), false)).isEmpty();
            assertThat(store.findTotp(user(), true)).isEmpty();
        }

        @Test
        @DisplayName("descriptions show neither the encrypted secret nor a code hash")
        void toStringHidesSecrets() {
            TotpCredential credential = TotpCredential.pending("u", "sealed-secret-text", "key-1", T0);
            RecoveryCode code = new RecoveryCode("id-1", "u", "$2b$12$hash-text", T0, null);

            assertThat(credential.toString()).doesNotContain("sealed-secret-text").contains("key-1");
            assertThat(code.toString()).doesNotContain("hash-text").contains("id-1");
        }
    }

    /** Turning a pending credential into the confirmed one. */
    @Nested
    @DisplayName("confirm")
    class Confirm {

        @Test
        @DisplayName("makes the pending credential the confirmed one, with its instant and the code's step as used")
        void pendingBecomesConfirmed() {
            String user = user();
            TotpCredential pending = saved(user);
            Instant at = later();

            assertThat(store.confirmTotp(user, at, 42)).isTrue();

            TotpCredential confirmed = store.findTotp(user, true).orElseThrow();
            assertThat(confirmed).isEqualTo(confirmedAs(pending, at, 42));
            assertThat(confirmed.confirmed()).isTrue();
            assertThat(store.findTotp(user, false)).isEmpty();
            assertThat(store.recordTotpUse(user, 42)).isFalse();
        }

        @Test
        @DisplayName("replaces an earlier confirmed credential: a new phone takes over from the old")
        void replacesEarlierConfirmed() {
            String user = user();
            enrolled(user, 100);
            TotpCredential newPhone = saved(user);
            Instant at = later();

            assertThat(store.confirmTotp(user, at, 90)).isTrue();

            assertThat(store.findTotp(user, true)).contains(confirmedAs(newPhone, at, 90));
            assertThat(store.findTotp(user, false)).isEmpty();
        }

        @Test
        @DisplayName("without a pending credential it returns false and leaves the confirmed one as it is")
        void withoutPendingReturnsFalse() {
            String user = user();
            assertThat(store.confirmTotp(user, later(), 1)).isFalse();

            TotpCredential confirmed = enrolled(user, 10);

            assertThat(store.confirmTotp(user, later(), 11)).isFalse();
            assertThat(store.findTotp(user, true)).contains(confirmed);
        }

        @Test
        @DisplayName("a negative step is refused")
        void negativeStepIsRefused() {
            String user = user();
            saved(user);

            assertThatThrownBy(() -> store.confirmTotp(user, T0, -1)).isInstanceOf(IllegalArgumentException.class);
            assertThat(store.findTotp(user, true)).isEmpty();
        }
    }

    /** A code's time step is accepted once. */
    @Nested
    @DisplayName("replay protection")
    class RecordUse {

        @Test
        @DisplayName("a later step is recorded; the same step or an earlier one is refused")
        void onlyLaterStepsAreRecorded() {
            String user = user();
            TotpCredential confirmed = enrolled(user, 1000);

            assertThat(store.recordTotpUse(user, 1001)).isTrue();
            assertThat(store.recordTotpUse(user, 1001)).isFalse();
            assertThat(store.recordTotpUse(user, 999)).isFalse();
            assertThat(store.recordTotpUse(user, 1003)).isTrue();
            assertThat(store.recordTotpUse(user, 1002)).isFalse();

            assertThat(store.findTotp(user, true)).contains(confirmedAs(confirmed, confirmed.confirmedAt(), 1003));
        }

        @Test
        @DisplayName("without a confirmed credential it returns false, and a pending one is not touched")
        void pendingIsNotTouched() {
            String user = user();
            assertThat(store.recordTotpUse(user, 5)).isFalse();

            TotpCredential pending = saved(user);

            assertThat(store.recordTotpUse(user, 5)).isFalse();
            assertThat(store.findTotp(user, false)).contains(pending);
            assertThat(pending.lastUsedStep()).isEqualTo(TotpCredential.NO_STEP);
        }

        @Test
        @DisplayName("step zero is a step like any other, and a negative step is refused")
        void stepZeroAndNegativeSteps() {
            String user = user();
            saved(user);
            assertThat(store.confirmTotp(user, later(), 0)).isTrue();

            assertThat(store.recordTotpUse(user, 0)).isFalse();
            assertThat(store.recordTotpUse(user, 1)).isTrue();
            assertThatThrownBy(() -> store.recordTotpUse(user, -1)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        @DisplayName("another user's steps are their own")
        void stepsArePerUser() {
            String alice = user();
            String bob = user();
            enrolled(alice, 500);
            enrolled(bob, 400);

            assertThat(store.recordTotpUse(alice, 501)).isTrue();
            assertThat(store.recordTotpUse(bob, 501)).isTrue();
            assertThat(store.findTotp(bob, true).orElseThrow().lastUsedStep()).isEqualTo(501);
        }
    }

    /** Removing the TOTP factor. */
    @Nested
    @DisplayName("delete TOTP")
    class DeleteTotp {

        @Test
        @DisplayName("deletes the pending and the confirmed credential, and leaves recovery codes and other users")
        void deletesBoth() {
            String user = user();
            enrolled(user, 7);
            saved(user);
            List<RecoveryCode> codes = codes(user, codeIds());
            store.replaceRecoveryCodes(user, codes);
            String other = user();
            TotpCredential otherCredential = enrolled(other, 7);

            assertThat(store.deleteTotp(user)).isEqualTo(2);

            assertThat(store.findTotp(user, true)).isEmpty();
            assertThat(store.findTotp(user, false)).isEmpty();
            assertThat(store.recordTotpUse(user, 8)).isFalse();
            assertThat(store.findUnusedRecoveryCodes(user)).isEqualTo(byId(codes));
            assertThat(store.findTotp(other, true)).contains(otherCredential);
            assertThat(store.deleteTotp(user)).isZero();
        }

        @Test
        @DisplayName("counts a lone pending credential as one")
        void deletesLonePending() {
            String user = user();
            saved(user);

            assertThat(store.deleteTotp(user)).isEqualTo(1);
            assertThat(store.confirmTotp(user, later(), 1)).isFalse();
        }
    }

    /** Storing, listing and using recovery codes. */
    @Nested
    @DisplayName("recovery codes")
    class RecoveryCodes {

        @Test
        @DisplayName("stored codes are listed unused, ordered by id, with every field")
        void storedCodesAreListedById() {
            String user = user();
            List<RecoveryCode> codes = codes(user, codeIds());

            store.replaceRecoveryCodes(user, codes);

            assertThat(store.findUnusedRecoveryCodes(user)).containsExactlyElementsOf(byId(codes));
        }

        @Test
        @DisplayName("replacing deletes every earlier code, used or not")
        void replacingDeletesEarlierCodes() {
            String user = user();
            List<RecoveryCode> old = codes(user, codeIds());
            store.replaceRecoveryCodes(user, old);
            store.useRecoveryCode(user, old.get(0).id(), later());
            List<RecoveryCode> fresh = codes(user, codeIds());

            store.replaceRecoveryCodes(user, fresh);

            assertThat(store.findUnusedRecoveryCodes(user)).containsExactlyElementsOf(byId(fresh));
            assertThat(store.useRecoveryCode(user, old.get(1).id(), later())).isFalse();
            assertThat(store.deleteAllForUser(user)).isEqualTo(10);
        }

        @Test
        @DisplayName("replacing with no codes deletes the user's codes")
        void emptyListDeletes() {
            String user = user();
            store.replaceRecoveryCodes(user, codes(user, codeIds()));

            store.replaceRecoveryCodes(user, List.of());

            assertThat(store.findUnusedRecoveryCodes(user)).isEmpty();
            assertThat(store.deleteAllForUser(user)).isZero();
        }

        @Test
        @DisplayName("a code is used once: then it is no longer listed and a second use fails")
        void codeIsUsedOnce() {
            String user = user();
            List<RecoveryCode> codes = codes(user, codeIds());
            store.replaceRecoveryCodes(user, codes);
            RecoveryCode code = codes.get(3);

            assertThat(store.useRecoveryCode(user, code.id(), later())).isTrue();
            assertThat(store.useRecoveryCode(user, code.id(), later())).isFalse();

            assertThat(store.findUnusedRecoveryCodes(user)).hasSize(9).doesNotContain(code)
                    .noneMatch(listed -> listed.id().equals(code.id()));
        }

        @Test
        @DisplayName("another user's code, an unknown id and an over-long id are not used")
        void otherUsersAndUnknownCodesAreNotUsed() {
            String alice = user();
            String bob = user();
            List<RecoveryCode> aliceCodes = codes(alice, codeIds());
            store.replaceRecoveryCodes(alice, aliceCodes);

            assertThat(store.useRecoveryCode(bob, aliceCodes.get(0).id(), later())).isFalse();
            assertThat(store.useRecoveryCode(alice, codeIds(), later())).isFalse();
            assertThat(store.useRecoveryCode(alice, "x".repeat(65), later())).isFalse();

            assertThat(store.findUnusedRecoveryCodes(alice)).containsExactlyElementsOf(byId(aliceCodes));
            assertThat(store.findUnusedRecoveryCodes(bob)).isEmpty();
        }

        @Test
        @DisplayName("another user's code, a used code or a repeated id is refused, and nothing changes")
        void badListsAreRefused() {
            String user = user();
            List<RecoveryCode> kept = codes(user, codeIds());
            store.replaceRecoveryCodes(user, kept);
            List<RecoveryCode> foreign = new ArrayList<>(codes(user, codeIds()));
            foreign.add(new RecoveryCode(codeIds() + "x", user(), "$2b$12$h", T0, null));
            List<RecoveryCode> used = new ArrayList<>(codes(user, codeIds()));
            used.set(0, usedAt(used.get(0), T0));
            List<RecoveryCode> repeated = new ArrayList<>(codes(user, codeIds()));
            repeated.add(repeated.get(0));

            assertThatThrownBy(() -> store.replaceRecoveryCodes(user, foreign))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.replaceRecoveryCodes(user, used))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.replaceRecoveryCodes(user, repeated))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(store.findUnusedRecoveryCodes(user)).containsExactlyElementsOf(byId(kept));
        }

        @Test
        @DisplayName("an id that another user's code has is a StoreException, and neither user's codes change")
        void idOfAnotherUserIsRefused() {
            String alice = user();
            String bob = user();
            String ids = codeIds();
            List<RecoveryCode> aliceCodes = codes(alice, ids);
            store.replaceRecoveryCodes(alice, aliceCodes);
            List<RecoveryCode> bobCodes = codes(bob, codeIds());
            store.replaceRecoveryCodes(bob, bobCodes);
            List<RecoveryCode> clash = new ArrayList<>(codes(bob, codeIds()));
            clash.add(new RecoveryCode(aliceCodes.get(5).id(), bob, "$2b$12$h", T0, null));

            assertThatThrownBy(() -> store.replaceRecoveryCodes(bob, clash)).isInstanceOf(StoreException.class);

            assertThat(store.findUnusedRecoveryCodes(alice)).containsExactlyElementsOf(byId(aliceCodes));
            assertThat(store.findUnusedRecoveryCodes(bob)).containsExactlyElementsOf(byId(bobCodes));
        }

        @Test
        @DisplayName("a 64-character id and a 255-character hash are kept whole")
        void limitsAreKept() {
            String user = user();
            String id = (codeIds() + "x".repeat(64)).substring(0, 64);
            RecoveryCode full = new RecoveryCode(id, user, "$2b$12$" + "h".repeat(248), T0, null);
            store.replaceRecoveryCodes(user, List.of(full));

            assertThat(full.codeHash()).hasSize(255);
            assertThat(store.findUnusedRecoveryCodes(user)).containsExactly(full);
            assertThat(store.useRecoveryCode(user, id, T0)).isTrue();
        }
    }

    /** Races: confirming, recording one step, using one code, replacing and reading codes. */
    @Nested
    @DisplayName("concurrency")
    class Concurrency {

        @Test
        @DisplayName("32 threads confirm one pending credential at once and exactly one succeeds, with its instant")
        void exactlyOneConfirmWins() {
            String user = user();
            TotpCredential pending = saved(user);

            List<Concurrently.Outcome<Boolean>> outcomes = Concurrently.run(32, i -> () ->
                    store.confirmTotp(user, T0.plusMillis(1 + i), 10 + i));

            assertThat(outcomes).allMatch(Concurrently.Outcome::succeeded);
            List<Integer> winners = new ArrayList<>();
            for (int i = 0; i < outcomes.size(); i++) {
                if (outcomes.get(i).value()) {
                    winners.add(i);
                }
            }
            assertThat(winners).hasSize(1);
            int winner = winners.get(0);
            assertThat(store.findTotp(user, true))
                    .contains(confirmedAs(pending, T0.plusMillis(1 + winner), 10 + winner));
            assertThat(store.findTotp(user, false)).isEmpty();
        }

        @Test
        @DisplayName("32 threads record one step at once and exactly one succeeds: a code is accepted once")
        void exactlyOneUseOfAStepWins() {
            String user = user();
            enrolled(user, 2000);

            List<Concurrently.Outcome<Boolean>> outcomes = Concurrently.run(32, i -> () ->
                    store.recordTotpUse(user, 2001));

            assertThat(outcomes).allMatch(Concurrently.Outcome::succeeded);
            assertThat(outcomes).filteredOn(Concurrently.Outcome::value).hasSize(1);
            assertThat(store.findTotp(user, true).orElseThrow().lastUsedStep()).isEqualTo(2001);
        }

        @Test
        @DisplayName("32 threads use one recovery code at once and exactly one succeeds")
        void exactlyOneUseOfACodeWins() {
            String user = user();
            List<RecoveryCode> codes = codes(user, codeIds());
            store.replaceRecoveryCodes(user, codes);
            RecoveryCode code = codes.get(0);

            List<Concurrently.Outcome<Boolean>> outcomes = Concurrently.run(32, i -> () ->
                    store.useRecoveryCode(user, code.id(), T0.plusMillis(i)));

            assertThat(outcomes).allMatch(Concurrently.Outcome::succeeded);
            assertThat(outcomes).filteredOn(Concurrently.Outcome::value).hasSize(1);
            assertThat(store.findUnusedRecoveryCodes(user)).hasSize(9).noneMatch(c -> c.id().equals(code.id()));
        }

        @Test
        @DisplayName("16 threads save a pending credential at once: all succeed and one of them is kept whole")
        void concurrentSavesKeepOne() {
            String user = user();
            List<TotpCredential> candidates = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                candidates.add(pending(user));
            }

            List<Concurrently.Outcome<Boolean>> outcomes = Concurrently.run(16, i -> () -> {
                store.savePendingTotp(candidates.get(i));
                return true;
            });

            assertThat(outcomes).allMatch(Concurrently.Outcome::succeeded);
            assertThat(candidates).contains(store.findTotp(user, false).orElseThrow());
        }

        @Test
        @DisplayName("while 4 threads replace a user's codes, 4 readers only see whole sets, and one set is left")
        void readersSeeOneWholeSet() {
            String user = user();
            List<List<RecoveryCode>> sets = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                sets.add(byId(codes(user, codeIds())));
            }
            store.replaceRecoveryCodes(user, sets.get(0));

            List<Concurrently.Outcome<Boolean>> outcomes = Concurrently.run(8, thread -> () -> {
                if (thread < 4) {
                    for (int i = 0; i < 10; i++) {
                        store.replaceRecoveryCodes(user, sets.get(thread * 10 + i));
                    }
                    return true;
                }
                for (int i = 0; i < 25; i++) {
                    List<RecoveryCode> seen = store.findUnusedRecoveryCodes(user);
                    if (!sets.contains(seen)) {
                        return false;
                    }
                }
                return true;
            });

            assertThat(outcomes).allMatch(Concurrently.Outcome::succeeded);
            assertThat(outcomes).extracting(Concurrently.Outcome::value).containsOnly(true);
            assertThat(sets).contains(store.findUnusedRecoveryCodes(user));
        }
    }

    /** Erasing a user's factors, for deleting an account. */
    @Nested
    @DisplayName("delete all for a user")
    class DeleteAllForUser {

        @Test
        @DisplayName("deletes both credentials and every code, used or not, and no other user's")
        void deletesOnlyTheUsersFactors() {
            String user = user();
            enrolled(user, 3);
            saved(user);
            List<RecoveryCode> codes = codes(user, codeIds());
            store.replaceRecoveryCodes(user, codes);
            store.useRecoveryCode(user, codes.get(0).id(), later());
            String other = user();
            TotpCredential otherCredential = enrolled(other, 3);
            List<RecoveryCode> otherCodes = codes(other, codeIds());
            store.replaceRecoveryCodes(other, otherCodes);

            assertThat(store.deleteAllForUser(user)).isEqualTo(12);

            assertThat(store.findTotp(user, true)).isEmpty();
            assertThat(store.findTotp(user, false)).isEmpty();
            assertThat(store.findUnusedRecoveryCodes(user)).isEmpty();
            assertThat(store.findTotp(other, true)).contains(otherCredential);
            assertThat(store.findUnusedRecoveryCodes(other)).containsExactlyElementsOf(byId(otherCodes));
            assertThat(store.deleteAllForUser(user)).isZero();
        }
    }

    /** Null arguments and malformed records. */
    @Nested
    @DisplayName("arguments")
    class Arguments {

        @Test
        @DisplayName("every null argument is a NullPointerException")
        void nullsAreRefused() {
            String user = user();
            assertThatThrownBy(() -> store.savePendingTotp(null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> store.findTotp(null, true)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> store.confirmTotp(null, T0, 1)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> store.confirmTotp(user, null, 1)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> store.recordTotpUse(null, 1)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> store.deleteTotp(null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> store.replaceRecoveryCodes(null, List.of()))
                    .isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> store.replaceRecoveryCodes(user, null)).isInstanceOf(NullPointerException.class);
            List<RecoveryCode> withNull = new ArrayList<>();
            withNull.add(null);
            assertThatThrownBy(() -> store.replaceRecoveryCodes(user, withNull))
                    .isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> store.findUnusedRecoveryCodes(null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> store.useRecoveryCode(null, "id", T0)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> store.useRecoveryCode(user, null, T0)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> store.useRecoveryCode(user, "id", null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> store.deleteAllForUser(null)).isInstanceOf(NullPointerException.class);
        }

        @Test
        @DisplayName("records refuse missing components and a last used step below -1")
        void recordsCheckTheirComponents() {
            assertThatThrownBy(() -> TotpCredential.pending(null, "s", "k", T0))
                    .isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> TotpCredential.pending("u", null, "k", T0))
                    .isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> TotpCredential.pending("u", "s", null, T0))
                    .isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> TotpCredential.pending("u", "s", "k", null))
                    .isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> new TotpCredential("u", "s", "k", T0, null, -2))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new RecoveryCode(null, "u", "h", T0, null))
                    .isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> new RecoveryCode("i", null, "h", T0, null))
                    .isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> new RecoveryCode("i", "u", null, T0, null))
                    .isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> new RecoveryCode("i", "u", "h", null, null))
                    .isInstanceOf(NullPointerException.class);
            assertThat(TotpCredential.pending("u", "s", "k", T0).confirmed()).isFalse();
            assertThat(new RecoveryCode("i", "u", "h", T0, T0).used()).isTrue();
        }
    }

    /**
     * Returns the store under test, for tests that subclasses add.
     *
     * @return the store created for the current test
     */
    protected final SecondFactorStore secondFactorStore() {
        return store;
    }
}
