package dev.ward.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.ward.AuthEvent;
import dev.ward.AuthException;
import dev.ward.AuthManager;
import dev.ward.AuthSettings;
import dev.ward.JwtAlgorithm;
import dev.ward.MutableClock;
import dev.ward.SignUpRequest;
import dev.ward.TokenPair;
import dev.ward.UserAccount;
import dev.ward.store.TokenStore;
import dev.ward.store.memory.InMemoryLoginAttemptStore;
import dev.ward.store.memory.InMemoryTokenStore;
import dev.ward.store.memory.InMemoryUserRepository;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * The security catalog's own fixture: an AuthManager over in-memory stores, a movable clock,
 * bcrypt cost 4 and a signing key whose private half the test holds, with every event recorded.
 * Each test makes its own.
 */
final class SecurityFixture {

    static final String START = "2030-01-01T10:00:00Z";
    static final String PASSWORD = "correct horse battery";

    final MutableClock clock = MutableClock.at(START);
    final InMemoryUserRepository users = new InMemoryUserRepository();
    final TokenStore tokens;
    final InMemoryLoginAttemptStore attempts = new InMemoryLoginAttemptStore();
    final List<AuthEvent> events = Collections.synchronizedList(new ArrayList<>());
    final TestKey key;
    final AuthManager auth;

    SecurityFixture() {
        this(JwtAlgorithm.HS256);
    }

    SecurityFixture(JwtAlgorithm algorithm) {
        this(TestKey.ward(algorithm), s -> { }, b -> { });
    }

    SecurityFixture(Consumer<AuthSettings.Builder> settings) {
        this(TestKey.ward(JwtAlgorithm.HS256), settings, b -> { });
    }

    SecurityFixture(Consumer<AuthSettings.Builder> settings, Consumer<AuthManager.Builder> more) {
        this(TestKey.ward(JwtAlgorithm.HS256), settings, more);
    }

    SecurityFixture(TestKey key, Consumer<AuthSettings.Builder> settings, Consumer<AuthManager.Builder> more) {
        this(4, key, settings, more);
    }

    SecurityFixture(int bcryptCost, TestKey key, Consumer<AuthSettings.Builder> settings,
                    Consumer<AuthManager.Builder> more) {
        this(bcryptCost, key, new InMemoryTokenStore(), settings, more);
    }

    SecurityFixture(int bcryptCost, TestKey key, TokenStore tokens, Consumer<AuthSettings.Builder> settings,
                    Consumer<AuthManager.Builder> more) {
        this.key = key;
        this.tokens = tokens;
        AuthSettings.Builder s = AuthSettings.builder().bcryptCost(bcryptCost);
        settings.accept(s);
        AuthManager.Builder b = AuthManager.builder()
                .userRepository(users)
                .tokenStore(tokens)
                .loginAttemptStore(attempts)
                .signingKey(key.jwtKey())
                .clock(clock)
                .settings(s.build())
                .eventListener(events::add);
        more.accept(b);
        this.auth = b.build();
    }

    UserAccount signUp(String email) {
        return auth.signUp(new SignUpRequest("Test User", email, PASSWORD));
    }

    TokenPair signUpAndLogIn(String email) {
        signUp(email);
        return auth.logIn(email, PASSWORD);
    }

    long nowSeconds() {
        return clock.instant().getEpochSecond();
    }

    <T extends AuthEvent> List<T> events(Class<T> type) {
        synchronized (events) {
            return events.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }

    /** Runs a call that must be refused, and returns the refusal; any other outcome fails the test. */
    static AuthException refusal(ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).as("the call must be refused with an AuthException").isInstanceOf(AuthException.class);
        return (AuthException) thrown;
    }
}
