package dev.ward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.ward.store.LoginAttempts;
import dev.ward.store.tck.Concurrently;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Throttling of failed log-ins, number by number, with a clock the test moves.
 *
 * <p>Sources: OWASP ASVS 5.0 6.1.1 and 6.3.1 (brute force and credential stuffing controls),
 * NIST SP 800-63B-4 §3.2.2 (rate limiting: at most 100 consecutive failures), ASVS 6.3.8 (the
 * answer does not tell which accounts exist). Part of the security catalog (see SECURITY.md);
 * it lives in package {@code dev.ward} to count bcrypt runs through the package-private hasher
 * hook.
 */
@DisplayName("Throttling of failed log-ins")
class ThrottlingTest {

    private static final String ALICE = "alice@example.com";
    private static final String WRONG = "wrong password!";

    private final CountingHasher hasher = new CountingHasher();
    private final Fixture f = new Fixture(s -> { }, b -> b.passwordHasher(hasher));

    private static AuthException refusal(Runnable call) {
        Throwable thrown = catchThrowable(call::run);
        assertThat(thrown).as("an AuthException").isInstanceOf(AuthException.class);
        return (AuthException) thrown;
    }

    private static void fails(AuthManager auth, LogInRequest request) {
        assertThat(refusal(() -> auth.logIn(request)).error()).isEqualTo(AuthError.INVALID_CREDENTIALS);
    }

    private static void fails(AuthManager auth, String email) {
        fails(auth, new LogInRequest(email, WRONG));
    }

    /** Asserts that a log-in is refused as locked, and returns its retry-after. */
    private static Optional<Duration> locked(AuthManager auth, LogInRequest request) {
        AuthException e = refusal(() -> auth.logIn(request));
        assertThat(e.error()).isEqualTo(AuthError.TOO_MANY_ATTEMPTS);
        assertThat(e.httpStatus()).isEqualTo(429);
        return e.retryAfter();
    }

    private static Optional<Duration> locked(AuthManager auth, String email) {
        return locked(auth, new LogInRequest(email, Fixture.PASSWORD));
    }

    private int failures(String key) {
        return f.attempts.find(key).map(LoginAttempts::failures).orElse(0);
    }

    @Nested
    @DisplayName("the default schedule, per account (ASVS 6.3.1, NIST SP 800-63B-4 §3.2.2)")
    class DefaultSchedule {

        @Test
        @DisplayName("four failures leave the account open; the fifth locks it for exactly one minute, then it opens")
        void fifthFailureLocksForAMinute() {
            f.signUp(ALICE);
            for (int i = 1; i <= 4; i++) {
                fails(f.auth, ALICE);
                assertThat(failures(ALICE)).isEqualTo(i);
                assertThat(f.attempts.find(ALICE).orElseThrow().lockedUntil()).isNull();
            }

            fails(f.auth, ALICE);

            assertThat(locked(f.auth, ALICE)).contains(Duration.ofMinutes(1));
            f.clock.advance(Duration.ofSeconds(59));
            assertThat(locked(f.auth, ALICE)).contains(Duration.ofSeconds(1));
            f.clock.advance(Duration.ofSeconds(1));
            assertThat(f.auth.logIn(ALICE, Fixture.PASSWORD)).isNotNull();
            assertThat(f.events(AuthEvent.LockedOut.class)).singleElement().satisfies(e -> {
                assertThat(e.key()).isEqualTo(ALICE);
                assertThat(e.failures()).isEqualTo(5);
                assertThat(e.lockedUntil()).isEqualTo(Instant.parse(Fixture.START).plusSeconds(60));
            });
        }

        @Test
        @DisplayName("each further failure doubles the lock up to 15 minutes: 1, 2, 4, 8, 15, 15, 15 minutes")
        void doublingUpToFifteenMinutes() {
            f.signUp(ALICE);
            for (int i = 0; i < 4; i++) {
                fails(f.auth, ALICE);
            }
            int failures = 4;
            for (long minutes : new long[] {1, 2, 4, 8, 15, 15, 15}) {
                fails(f.auth, ALICE);
                failures++;
                assertThat(locked(f.auth, ALICE)).as("after %d failures", failures).contains(Duration.ofMinutes(minutes));
                f.clock.advance(Duration.ofMinutes(minutes).minusMillis(1));
                assertThat(locked(f.auth, ALICE)).contains(Duration.ofSeconds(1));
                f.clock.advance(Duration.ofMillis(1));
            }
            assertThat(failures(ALICE)).isEqualTo(11);
            assertThat(f.events(AuthEvent.LockedOut.class)).extracting(AuthEvent.LockedOut::failures)
                    .containsExactly(5, 6, 7, 8, 9, 10, 11);
        }

        @Test
        @DisplayName("a success resets the count: four failures, a success, four failures do not lock")
        void successResets() {
            f.signUp(ALICE);
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < 4; i++) {
                    fails(f.auth, ALICE);
                }
                assertThat(f.auth.logIn(ALICE, Fixture.PASSWORD)).isNotNull();
                assertThat(f.attempts.find(ALICE)).isEmpty();
            }
        }

        @Test
        @DisplayName("after a lock ends, a success resets the count so that the next failure is the first again")
        void successAfterLockResets() {
            f.signUp(ALICE);
            for (int i = 0; i < 6; i++) {
                fails(f.auth, ALICE);
                f.clock.advance(Duration.ofMinutes(2));
            }
            assertThat(f.auth.logIn(ALICE, Fixture.PASSWORD)).isNotNull();

            fails(f.auth, ALICE);

            assertThat(failures(ALICE)).isEqualTo(1);
            assertThat(f.attempts.find(ALICE).orElseThrow().lockedUntil()).isNull();
        }

        @Test
        @DisplayName("while locked, no attempt runs bcrypt or lengthens the lock, with the right password, a wrong one or another spelling")
        void lockedCostsNothing() {
            f.signUp(ALICE);
            for (int i = 0; i < 5; i++) {
                fails(f.auth, ALICE);
            }
            int runs = hasher.runs();

            for (int i = 0; i < 25; i++) {
                String password = i % 2 == 0 ? Fixture.PASSWORD : WRONG + i;
                String email = i % 3 == 0 ? " ALICE@Example.COM " : ALICE;
                assertThat(locked(f.auth, new LogInRequest(email, password))).contains(Duration.ofMinutes(1));
            }

            assertThat(hasher.runs()).as("bcrypt runs while locked").isEqualTo(runs);
            assertThat(failures(ALICE)).isEqualTo(5);
            assertThat(f.events(AuthEvent.LogInFailed.class)).filteredOn(e -> e.reason() == AuthEvent.FailureReason.LOCKED)
                    .hasSize(25);
        }

        @Test
        @DisplayName("an unknown e-mail is counted and locked exactly like an account, with the same bcrypt work per attempt")
        void unknownEmailIsThrottledToo() {
            int before = hasher.runs();
            for (int i = 0; i < 5; i++) {
                fails(f.auth, "nobody@example.com");
            }
            assertThat(hasher.runs() - before).isEqualTo(5);

            assertThat(locked(f.auth, "nobody@example.com")).contains(Duration.ofMinutes(1));
            assertThat(hasher.runs() - before).isEqualTo(5);
        }

        @Test
        @DisplayName("one counter per normalised e-mail: letter case, spaces and full-width forms get no fresh attempts")
        void oneCounterPerNormalisedEmail() {
            f.signUp(ALICE);
            for (String spelling : List.of("Alice@example.com", " alice@example.com", "ALICE@EXAMPLE.COM",
                    "ａｌｉｃｅ@example.com", "alice@ｅｘａｍｐｌｅ.com")) {
                fails(f.auth, spelling);
            }

            assertThat(failures(ALICE)).isEqualTo(5);
            assertThat(locked(f.auth, ALICE)).contains(Duration.ofMinutes(1));
        }
    }

    @Nested
    @DisplayName("the hard ceiling for unknown clients, when the host sets one (NIST SP 800-63B-4 §3.2.2: at most 100 consecutive failures)")
    class Ceiling {

        /** The ceiling is off by default (issue 11, item 5): this host opts in. */
        private final Fixture c = new Fixture(s -> s.permanentLockoutThreshold(100), b -> b.passwordHasher(hasher));

        private int failures(String key) {
            return c.attempts.find(key).map(LoginAttempts::failures).orElse(0);
        }

        private void failAndWaitOut(AuthManager auth, String email, int times) {
            for (int i = 0; i < times; i++) {
                fails(auth, email);
                c.clock.advance(Duration.ofMinutes(16));
            }
        }

        @Test
        @DisplayName("the 100th consecutive failure locks the account until the host resets it; a year later it is still locked")
        void hundredthFailureLocksForGood() {
            c.signUp(ALICE);
            failAndWaitOut(c.auth, ALICE, 99);
            fails(c.auth, ALICE);
            assertThat(failures(ALICE)).isEqualTo(100);
            int runs = hasher.runs();

            AuthException e = refusal(() -> c.auth.logIn(ALICE, Fixture.PASSWORD));
            assertThat(e.error()).isEqualTo(AuthError.TOO_MANY_ATTEMPTS);
            assertThat(e.retryAfter()).isEmpty();
            assertThat(e.getMessage()).contains("until it is reset");
            c.clock.advance(Duration.ofDays(365));
            assertThat(locked(c.auth, ALICE)).isEmpty();
            assertThat(hasher.runs()).isEqualTo(runs);
            assertThat(c.events(AuthEvent.LockedOut.class)).last()
                    .satisfies(ev -> assertThat(ev.lockedUntil()).isEqualTo(LoginAttempts.PERMANENT_LOCK));

            c.auth.resetLoginAttempts("  ALICE@Example.com ");

            assertThat(c.auth.logIn(ALICE, Fixture.PASSWORD)).isNotNull();
        }

        @Test
        @DisplayName("the 99th failure still earns a 15-minute lock, not the permanent one")
        void ninetyNinthIsTemporary() {
            c.signUp(ALICE);
            failAndWaitOut(c.auth, ALICE, 98);
            fails(c.auth, ALICE);

            assertThat(locked(c.auth, ALICE)).contains(Duration.ofMinutes(15));
        }

        @Test
        @DisplayName("a password reset by the host also lifts a permanent lock")
        void passwordResetLifts() {
            UserAccount alice = c.signUp(ALICE);
            failAndWaitOut(c.auth, ALICE, 100);
            assertThat(locked(c.auth, ALICE)).isEmpty();

            c.auth.setPassword(alice.id(), "a brand new passphrase");

            assertThat(c.auth.logIn(ALICE, "a brand new passphrase")).isNotNull();
        }
    }

    @Test
    @DisplayName("every number is configurable: 3 failures, 10 s doubling to at most 35 s, permanent at 7")
    void everyNumberIsConfigurable() {
        Fixture custom = new Fixture(s -> s.lockoutThreshold(3).lockoutDuration(Duration.ofSeconds(10))
                .maxLockoutDuration(Duration.ofSeconds(35)).permanentLockoutThreshold(7));
        custom.signUp(ALICE);
        fails(custom.auth, ALICE);
        fails(custom.auth, ALICE);
        for (long seconds : new long[] {10, 20, 35, 35}) {
            fails(custom.auth, ALICE);
            assertThat(locked(custom.auth, ALICE)).contains(Duration.ofSeconds(seconds));
            custom.clock.advance(Duration.ofSeconds(seconds));
        }
        fails(custom.auth, ALICE);

        assertThat(locked(custom.auth, ALICE)).isEmpty();
    }

    @Test
    @DisplayName("the counter lives in the shared store: a lock earned on one node holds on another, and a reset on one lifts it on both")
    void counterIsSharedBetweenNodes() {
        AuthManager otherNode = AuthManager.builder().userRepository(f.users).tokenStore(f.tokens)
                .loginAttemptStore(f.attempts).signingKey(JwtKey.hmac("test-key", Fixture.SECRET)).clock(f.clock)
                .settings(AuthSettings.builder().bcryptCost(4).build()).build();
        f.signUp(ALICE);
        fails(f.auth, ALICE);
        fails(otherNode, ALICE);
        fails(f.auth, ALICE);
        fails(otherNode, ALICE);
        fails(f.auth, ALICE);

        assertThat(locked(otherNode, ALICE)).contains(Duration.ofMinutes(1));
        assertThat(locked(f.auth, ALICE)).contains(Duration.ofMinutes(1));
        otherNode.resetLoginAttempts(ALICE);
        assertThat(f.auth.logIn(ALICE, Fixture.PASSWORD)).isNotNull();
    }

    @Test
    @DisplayName("wrong current passwords in changePassword count as failures; a locked account cannot change its password, without bcrypt")
    void changePasswordIsThrottled() {
        TokenPair pair = f.signUpAndLogIn(ALICE);
        AuthenticatedUser alice = f.auth.authenticate(pair.accessToken());
        for (int i = 0; i < 5; i++) {
            assertThat(refusal(() -> f.auth.changePassword(alice, WRONG, "a brand new passphrase")).error())
                    .isEqualTo(AuthError.INVALID_CREDENTIALS);
        }
        int runs = hasher.runs();

        AuthException e = refusal(() -> f.auth.changePassword(alice, Fixture.PASSWORD, "a brand new passphrase"));

        assertThat(e.error()).isEqualTo(AuthError.TOO_MANY_ATTEMPTS);
        assertThat(hasher.runs()).isEqualTo(runs);
        assertThat(locked(f.auth, ALICE)).contains(Duration.ofMinutes(1));
    }

    @Test
    @DisplayName("sixteen concurrent failures lock the account at exactly the threshold: failures during the lock do not count")
    void concurrentFailuresAreCounted() {
        f.signUp(ALICE);

        List<Concurrently.Outcome<TokenPair>> outcomes = Concurrently.run(16, i -> () -> f.auth.logIn(ALICE, WRONG));

        long wrong = outcomes.stream().filter(o -> o.failure() instanceof AuthException e
                && e.error() == AuthError.INVALID_CREDENTIALS).count();
        long throttled = outcomes.stream().filter(o -> o.failure() instanceof AuthException e
                && e.error() == AuthError.TOO_MANY_ATTEMPTS).count();
        assertThat(wrong + throttled).isEqualTo(16);
        assertThat(wrong).isGreaterThanOrEqualTo(5);
        assertThat(failures(ALICE)).isEqualTo(5);
        assertThat(locked(f.auth, ALICE)).isPresent();
    }

    @Nested
    @DisplayName("per client address, when the host passes one (ASVS 6.3.1: credential stuffing and password spraying)")
    class PerAddress {

        private static final String ATTACKER = "203.0.113.66";

        private LogInRequest from(String ip, String email, String password) {
            return new LogInRequest(email, password, new ClientInfo(ip, "curl/8"));
        }

        @Test
        @DisplayName("off by default: 60 failures from one address over 60 accounts lock nothing")
        void offByDefault() {
            f.signUp(ALICE);
            for (int i = 0; i < 60; i++) {
                fails(f.auth, from(ATTACKER, "user" + i + "@example.com", WRONG));
            }

            assertThat(f.auth.logIn(from(ATTACKER, ALICE, Fixture.PASSWORD))).isNotNull();
            assertThat(f.attempts.find("ip:" + ATTACKER)).isEmpty();
        }

        @Test
        @DisplayName("on: 50 failures from one address, one per account, lock the address for a minute, without bcrypt; other addresses are unaffected")
        void sprayingLocksTheAddress() {
            Fixture spray = new Fixture(s -> s.throttleClientAddress(true), b -> b.passwordHasher(hasher));
            spray.signUp(ALICE);
            for (int i = 0; i < 49; i++) {
                fails(spray.auth, from(ATTACKER, "user" + i + "@example.com", WRONG));
            }
            assertThat(spray.auth.logIn(from(ATTACKER, ALICE, Fixture.PASSWORD))).as("49 failures: still open").isNotNull();
            fails(spray.auth, from(ATTACKER, "user49@example.com", WRONG));
            int runs = hasher.runs();

            assertThat(locked(spray.auth, from(ATTACKER, ALICE, Fixture.PASSWORD))).contains(Duration.ofMinutes(1));
            assertThat(locked(spray.auth, from(ATTACKER, "user99@example.com", WRONG))).contains(Duration.ofMinutes(1));
            assertThat(hasher.runs()).isEqualTo(runs);
            assertThat(spray.auth.logIn(from("198.51.100.7", ALICE, Fixture.PASSWORD))).isNotNull();
            assertThat(spray.auth.logIn(ALICE, Fixture.PASSWORD)).as("no address given").isNotNull();
            assertThat(spray.attempts.find("user0@example.com").orElseThrow().failures()).isEqualTo(1);
        }

        @Test
        @DisplayName("an address lock doubles like an account's but is never permanent: 120 failures, still 15 minutes")
        void addressLockIsNeverPermanent() {
            Fixture spray = new Fixture(s -> s.throttleClientAddress(true).clientAddressLockoutThreshold(1));
            for (int i = 0; i < 120; i++) {
                fails(spray.auth, from(ATTACKER, "user" + i + "@example.com", WRONG));
                Duration lock = locked(spray.auth, from(ATTACKER, "someone@example.com", WRONG)).orElseThrow();
                assertThat(lock).isLessThanOrEqualTo(Duration.ofMinutes(15));
                spray.clock.advance(lock);
            }
            assertThat(spray.attempts.find("ip:" + ATTACKER).orElseThrow().failures()).isEqualTo(120);
        }

        @Test
        @DisplayName("a log-in 'e-mail' that spells an address key cannot lock that address, let alone for good")
        void emailCannotImpersonateAnAddressKey() {
            Fixture spray = new Fixture(s -> s.throttleClientAddress(true), b -> b.passwordHasher(hasher));
            spray.signUp(ALICE);
            String victim = "198.51.100.20";
            int runs = hasher.runs();
            for (int i = 0; i < 120; i++) {
                AuthException e = refusal(() -> spray.auth.logIn(from(ATTACKER, "ip:" + victim, WRONG)));
                assertThat(e.error()).isEqualTo(AuthError.INVALID_REQUEST);
                assertThat(e.violations()).extracting(FieldViolation::field).containsExactly("email");
                spray.clock.advance(Duration.ofMinutes(16));
            }

            assertThat(hasher.runs()).as("refused before bcrypt").isEqualTo(runs);
            assertThat(spray.attempts.find("ip:" + victim)).isEmpty();
            assertThat(spray.auth.logIn(from(victim, ALICE, Fixture.PASSWORD))).isNotNull();
        }

        @Test
        @DisplayName("a success from the address does not reset its counter, so an attacker cannot launder failures through an own account")
        void successDoesNotResetTheAddress() {
            Fixture spray = new Fixture(s -> s.throttleClientAddress(true).clientAddressLockoutThreshold(3));
            spray.signUp("mallory@example.com");
            fails(spray.auth, from(ATTACKER, "victim1@example.com", WRONG));
            fails(spray.auth, from(ATTACKER, "victim2@example.com", WRONG));
            assertThat(spray.auth.logIn(from(ATTACKER, "mallory@example.com", Fixture.PASSWORD))).isNotNull();
            fails(spray.auth, from(ATTACKER, "victim3@example.com", WRONG));

            assertThat(locked(spray.auth, from(ATTACKER, "victim4@example.com", WRONG))).contains(Duration.ofMinutes(1));
        }
    }

    @Nested
    @DisplayName("known devices (OWASP device cookies): lockout is not a weapon against the owner")
    class KnownDevices {

        private static final String BOB = "bob@example.com";

        private LogInRequest withDevice(String email, String password, String deviceToken) {
            return new LogInRequest(email, password, ClientInfo.UNKNOWN, deviceToken);
        }

        /** The owner's device token, from a log-in on that device. */
        private String ownersDevice() {
            f.signUp(ALICE);
            TokenPair pair = f.auth.logIn(ALICE, Fixture.PASSWORD);
            assertThat(pair.deviceToken()).isNotBlank();
            assertThat(pair.deviceTokenExpiresAt()).isEqualTo(f.clock.instant().plus(Duration.ofDays(365)));
            return pair.deviceToken();
        }

        @Test
        @DisplayName("after 1,000 failed attempts from unknown clients, the owner on a known device logs in at once, "
                + "and the attacker is still throttled, never locked for good")
        void ownerOnKnownDeviceIsNotLockedOut() {
            String device = ownersDevice();
            for (int i = 0; i < 1_000; i++) {
                Throwable refusal = catchThrowable(() -> f.auth.logIn(ALICE, "guess " + f.clock.instant()));
                assertThat(((AuthException) refusal).error())
                        .isIn(AuthError.INVALID_CREDENTIALS, AuthError.TOO_MANY_ATTEMPTS);
                f.clock.advance(Duration.ofMinutes(4));
            }
            assertThat(failures(ALICE)).as("failures counted on the account").isGreaterThan(100);
            int runs = hasher.runs();

            TokenPair owner = f.auth.logIn(withDevice(ALICE, Fixture.PASSWORD, device));

            assertThat(owner.sessionId()).isNotBlank();
            assertThat(hasher.runs()).isEqualTo(runs + 1);
            Optional<Duration> attacker = locked(f.auth, ALICE);
            assertThat(attacker).as("a temporary lock, at most 15 minutes: no permanent lock an outsider can cause")
                    .hasValueSatisfying(wait -> assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(15)));
            assertThat(hasher.runs()).as("no bcrypt work for the locked attacker").isEqualTo(runs + 1);
            assertThat(f.events(AuthEvent.LockedOut.class)).noneMatch(e -> LoginAttempts.PERMANENT_LOCK.equals(e.lockedUntil()));
        }

        @Test
        @DisplayName("the owner's log-in from a known device does not reset the attacker's count")
        void ownersSuccessKeepsTheAccountCount() {
            String device = ownersDevice();
            for (int i = 0; i < 5; i++) {
                fails(f.auth, ALICE);
            }

            f.auth.logIn(withDevice(ALICE, Fixture.PASSWORD, device));

            assertThat(failures(ALICE)).isEqualTo(5);
            assertThat(locked(f.auth, ALICE)).contains(Duration.ofMinutes(1));
        }

        @Test
        @DisplayName("wrong passwords with a valid device token count on the device alone: a stolen device token is throttled too")
        void deviceKeyIsThrottledOnItsOwn() {
            String device = ownersDevice();
            for (int i = 0; i < 5; i++) {
                fails(f.auth, withDevice(ALICE, WRONG, device));
            }

            assertThat(locked(f.auth, withDevice(ALICE, Fixture.PASSWORD, device))).contains(Duration.ofMinutes(1));
            assertThat(failures(ALICE)).as("the account's own count").isZero();
            String id = device.substring(0, device.indexOf('.'));
            assertThat(failures("device:" + id)).isEqualTo(5);
            assertThat(f.events(AuthEvent.LockedOut.class)).last().satisfies(e -> assertThat(e.key()).isEqualTo("device:" + id));
            assertThat(f.events(AuthEvent.LogInFailed.class)).last().satisfies(e -> {
                assertThat(e.reason()).isEqualTo(AuthEvent.FailureReason.LOCKED);
                assertThat(e.deviceId()).isEqualTo(id);
            });
            assertThat(f.auth.logIn(ALICE, Fixture.PASSWORD)).as("unknown clients are not affected").isNotNull();
            f.clock.advance(Duration.ofMinutes(1));
            assertThat(f.auth.logIn(withDevice(ALICE, Fixture.PASSWORD, device))).isNotNull();
        }

        @Test
        @DisplayName("another user's device token, an expired, forged or malformed one count as an unknown client, with the same answer")
        void invalidDeviceTokensGiveNoBypass() {
            String alices = ownersDevice();
            f.signUp(BOB);
            String bobs = f.auth.logIn(BOB, Fixture.PASSWORD).deviceToken();
            for (int i = 0; i < 5; i++) {
                fails(f.auth, withDevice(ALICE, WRONG, bobs));
            }
            assertThat(failures(ALICE)).as("bob's token counts as an unknown client on alice's account").isEqualTo(5);
            String forged = alices.substring(0, alices.length() - 2) + (alices.endsWith("AA") ? "BA" : "AA");

            for (String token : new String[] {bobs, forged, "not-a-device-token", alices + "x", ""}) {
                AuthException e = refusal(() -> f.auth.logIn(withDevice(ALICE, Fixture.PASSWORD, token)));
                assertThat(e.error()).isEqualTo(AuthError.TOO_MANY_ATTEMPTS);
                assertThat(e.retryAfter()).contains(Duration.ofMinutes(1));
            }
            assertThat(f.auth.logIn(withDevice(ALICE, Fixture.PASSWORD, alices))).isNotNull();

            f.clock.advance(Duration.ofDays(365));
            f.auth.resetLoginAttempts(ALICE); // not purged: the expired device is still stored
            for (int i = 0; i < 5; i++) {
                fails(f.auth, ALICE);
            }
            assertThat(locked(f.auth, withDevice(ALICE, Fixture.PASSWORD, alices)))
                    .as("an expired device token").contains(Duration.ofMinutes(1));
        }

        @Test
        @DisplayName("a known device gets its token back without a write; an unknown client gets a new one; events name the device, never the token")
        void tokenIsConfirmedOrIssued() {
            String device = ownersDevice();
            String id = device.substring(0, device.indexOf('.'));
            f.clock.advance(Duration.ofDays(10));

            TokenPair again = f.auth.logIn(withDevice(ALICE, Fixture.PASSWORD, device));
            TokenPair elsewhere = f.auth.logIn(ALICE, Fixture.PASSWORD);

            assertThat(again.deviceToken()).isEqualTo(device);
            assertThat(again.deviceTokenExpiresAt()).isEqualTo(Instant.parse(Fixture.START).plus(Duration.ofDays(365)));
            assertThat(elsewhere.deviceToken()).isNotBlank().isNotEqualTo(device);
            List<AuthEvent.LoggedIn> logIns = f.events(AuthEvent.LoggedIn.class);
            assertThat(logIns.get(logIns.size() - 2).deviceId()).isEqualTo(id);
            assertThat(logIns.get(logIns.size() - 1).deviceId()).isNull();
            assertThat(f.events.toString() + again + withDevice(ALICE, Fixture.PASSWORD, device))
                    .doesNotContain(device.substring(id.length() + 1)).doesNotContain(Fixture.PASSWORD);
        }

        @Test
        @DisplayName("deviceTokenLifetime zero turns device tokens off; purgeExpired deletes expired ones")
        void offAndPurged() {
            Fixture off = new Fixture(s -> s.deviceTokenLifetime(Duration.ZERO));
            off.signUp(ALICE);
            assertThat(off.auth.logIn(ALICE, Fixture.PASSWORD).deviceToken()).isNull();

            String device = ownersDevice();
            String id = device.substring(0, device.indexOf('.'));
            f.clock.advance(Duration.ofDays(365));
            assertThat(f.attempts.findDevice(id)).isPresent();
            f.auth.purgeExpired(100);
            assertThat(f.attempts.findDevice(id)).isEmpty();
        }
    }
}
