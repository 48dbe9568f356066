package dev.ward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ward.store.OneTimeToken;
import dev.ward.store.OneTimeTokenPurpose;
import dev.ward.store.OneTimeTokenStore;
import dev.ward.store.memory.InMemoryOneTimeTokenStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PasswordResetTest {

    private static final String NEW_PASSWORD = "a brand new passphrase";

    private final Fixture f = new Fixture();

    private String resetLink(String email) {
        return f.lastLink(OneTimeTokenPurpose.PASSWORD_RESET, email);
    }

    @Nested
    @DisplayName("resetting with the link")
    class Resetting {

        @Test
        @DisplayName("sets the password, ends every session, lifts the lock and tells the owner")
        void resetEndsSessionsLiftsLockAndNotifies() {
            TokenPair before = f.signUpAndLogIn("alice@example.com");
            for (int i = 0; i < AuthSettings.DEFAULT_LOCKOUT_THRESHOLD; i++) {
                catchThrowableOfType(AuthException.class, () -> f.auth.logIn("alice@example.com", "wrong password"));
            }
            f.auth.requestPasswordReset("alice@example.com");
            Notification.OneTimeLink link = f.sent(Notification.OneTimeLink.class).stream()
                    .filter(l -> l.purpose() == OneTimeTokenPurpose.PASSWORD_RESET).findFirst().orElseThrow();
            assertThat(link.expiresAt()).isEqualTo(f.clock.instant().plus(Duration.ofMinutes(30)));

            UserAccount alice = f.auth.resetPassword(link.token(), NEW_PASSWORD);

            assertThat(alice.emailVerified()).as("following the link proved the address").isTrue();
            assertThat(catchThrowableOfType(AuthException.class, () -> f.auth.refresh(before.refreshToken())).error())
                    .isEqualTo(AuthError.INVALID_TOKEN);
            assertThat(catchThrowableOfType(AuthException.class, () -> f.auth.logIn("alice@example.com", Fixture.PASSWORD))
                    .error()).isEqualTo(AuthError.INVALID_CREDENTIALS);
            assertThat(f.auth.logIn("alice@example.com", NEW_PASSWORD)).isNotNull();
            assertThat(f.sent(Notification.PasswordChanged.class)).singleElement()
                    .satisfies(n -> assertThat(n.recipient()).isEqualTo("alice@example.com"));
            assertThat(f.events(AuthEvent.PasswordChanged.class)).hasSize(1);
        }

        @Test
        @DisplayName("a password the policy refuses is reported and the link still works")
        void weakPasswordKeepsLink() {
            f.signUp("alice@example.com");
            f.auth.requestPasswordReset("alice@example.com");
            String token = resetLink("alice@example.com");

            AuthException weak = catchThrowableOfType(AuthException.class, () -> f.auth.resetPassword(token, "password"));

            assertThat(weak.error()).isEqualTo(AuthError.INVALID_REQUEST);
            assertThat(weak.violations()).extracting(FieldViolation::field).containsOnly("password");
            assertThat(f.auth.resetPassword(token, NEW_PASSWORD)).isNotNull();
        }

        @Test
        @DisplayName("the link works once, for 30 minutes, and only the newest one")
        void onceShortAndNewestOnly() {
            f.signUp("alice@example.com");
            f.auth.requestPasswordReset("alice@example.com");
            String first = resetLink("alice@example.com");
            f.auth.requestPasswordReset("alice@example.com");
            String second = resetLink("alice@example.com");
            f.auth.requestPasswordReset("alice@example.com");
            String third = resetLink("alice@example.com");

            assertThat(refusal(() -> f.auth.resetPassword(first, NEW_PASSWORD))).isEqualTo(AuthError.INVALID_ONE_TIME_TOKEN);
            assertThat(refusal(() -> f.auth.resetPassword(second, NEW_PASSWORD))).isEqualTo(AuthError.INVALID_ONE_TIME_TOKEN);
            f.clock.advance(Duration.ofMinutes(30));
            assertThat(refusal(() -> f.auth.resetPassword(third, NEW_PASSWORD))).isEqualTo(AuthError.INVALID_ONE_TIME_TOKEN);
        }

        @Test
        @DisplayName("a used link cannot set the password again")
        void usedLink() {
            f.signUp("alice@example.com");
            f.auth.requestPasswordReset("alice@example.com");
            String token = resetLink("alice@example.com");
            f.auth.resetPassword(token, NEW_PASSWORD);

            assertThat(refusal(() -> f.auth.resetPassword(token, "another new passphrase")))
                    .isEqualTo(AuthError.INVALID_ONE_TIME_TOKEN);
            assertThat(f.auth.logIn("alice@example.com", NEW_PASSWORD)).isNotNull();
        }
    }

    @Nested
    @DisplayName("asking for a link")
    class Asking {

        @Test
        @DisplayName("answers the same for a known, an unknown and a disabled address, and mails only the known one")
        void sameAnswerForEveryAddress() {
            UserAccount bob = f.signUp("bob@example.com");
            f.signUp("alice@example.com");
            f.auth.disableUser(bob.id());
            f.sent.clear();

            f.auth.requestPasswordReset("alice@example.com");
            f.auth.requestPasswordReset("nobody@example.com");
            f.auth.requestPasswordReset("bob@example.com");

            assertThat(f.sent).singleElement().isInstanceOfSatisfying(Notification.OneTimeLink.class,
                    l -> assertThat(l.recipient()).isEqualTo("alice@example.com"));
            assertThat(f.events(AuthEvent.LinkRequested.class)).extracting(AuthEvent.LinkRequested::email)
                    .containsExactly("alice@example.com", "nobody@example.com", "bob@example.com");
        }

        @Test
        @DisplayName("does the same work for a known and an unknown address: one random token, one supersede query")
        void sameWork() {
            CountingStore counting = new CountingStore();
            Fixture c = new Fixture();
            AuthManager auth = AuthManager.builder()
                    .userRepository(c.users).tokenStore(c.tokens).loginAttemptStore(c.attempts)
                    .signingKey(JwtKey.hmac("k", Fixture.SECRET)).clock(c.clock)
                    .settings(AuthSettings.builder().bcryptCost(4).build())
                    .oneTimeTokenStore(counting).build();
            auth.signUp(new SignUpRequest("A", "alice@example.com", Fixture.PASSWORD));
            counting.calls.clear();

            auth.requestPasswordReset("alice@example.com");
            List<String> known = List.copyOf(counting.calls);
            counting.calls.clear();
            auth.requestPasswordReset("nobody@example.com");
            List<String> unknown = List.copyOf(counting.calls);

            assertThat(known).containsExactly("supersede", "create");
            assertThat(unknown).containsExactly("supersede");
        }

        @Test
        @DisplayName("a malformed address is refused as a bad request, which tells nothing about accounts")
        void malformedAddress() {
            AuthException e = catchThrowableOfType(AuthException.class, () -> f.auth.requestPasswordReset("not an address"));

            assertThat(e.error()).isEqualTo(AuthError.INVALID_REQUEST);
            assertThat(e.violations()).extracting(FieldViolation::field).containsOnly("email");
            assertThat(refusal(() -> f.auth.requestPasswordReset(null))).isEqualTo(AuthError.INVALID_REQUEST);
        }

        @Test
        @DisplayName("one address gets a few links, then one per quarter of an hour, however often it is asked for")
        void perAddressLimit() {
            f.signUp("alice@example.com");
            f.sent.clear();

            for (int i = 0; i < 10; i++) {
                f.auth.requestPasswordReset("alice@example.com", new ClientInfo("10.0.0." + i, null));
            }
            assertThat(f.sent).hasSize(LinkRequestThrottle.PER_ADDRESS);
            assertThat(f.events(AuthEvent.LinkRequested.class)).filteredOn(AuthEvent.LinkRequested::throttled).hasSize(7);

            f.clock.advance(LinkRequestThrottle.WINDOW);
            f.auth.requestPasswordReset("alice@example.com");
            f.auth.requestPasswordReset("alice@example.com");
            assertThat(f.sent).hasSize(LinkRequestThrottle.PER_ADDRESS + 1);
        }

        @Test
        @DisplayName("one client that asks for many addresses is refused after its budget, with a retry-after")
        void perClientLimit() {
            ClientInfo bot = new ClientInfo("203.0.113.9", "bot");
            for (int i = 0; i < LinkRequestThrottle.PER_CLIENT; i++) {
                f.auth.requestPasswordReset("victim" + i + "@example.com", bot);
            }

            AuthException refused = catchThrowableOfType(AuthException.class,
                    () -> f.auth.requestPasswordReset("one-more@example.com", bot));

            assertThat(refused.error()).isEqualTo(AuthError.TOO_MANY_ATTEMPTS);
            assertThat(refused.retryAfter()).contains(LinkRequestThrottle.WINDOW);
            f.auth.requestPasswordReset("one-more@example.com", new ClientInfo("198.51.100.1", null));
        }
    }

    private static AuthError refusal(Runnable call) {
        return catchThrowableOfType(AuthException.class, call::run).error();
    }

    /** Records which writing calls reach the store. */
    static final class CountingStore implements OneTimeTokenStore {
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());
        private final InMemoryOneTimeTokenStore delegate = new InMemoryOneTimeTokenStore();

        @Override
        public void create(OneTimeToken token) {
            calls.add("create");
            delegate.create(token);
        }

        @Override
        public Optional<OneTimeToken> findByHash(String tokenHash) {
            calls.add("find");
            return delegate.findByHash(tokenHash);
        }

        @Override
        public Optional<OneTimeToken> consume(String tokenHash, Instant now) {
            calls.add("consume");
            return delegate.consume(tokenHash, now);
        }

        @Override
        public int supersede(String userId, OneTimeTokenPurpose purpose, Instant now) {
            calls.add("supersede");
            return delegate.supersede(userId, purpose, now);
        }

        @Override
        public int purge(Instant endedBefore, int batchSize) {
            return delegate.purge(endedBefore, batchSize);
        }

        @Override
        public int deleteAllForUser(String userId) {
            return delegate.deleteAllForUser(userId);
        }
    }
}
