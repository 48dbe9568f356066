package dev.ward.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.ward.AuthEvent;
import dev.ward.AuthException;
import dev.ward.AuthManager;
import dev.ward.AuthSettings;
import dev.ward.Fixture;
import dev.ward.JwtAlgorithm;
import dev.ward.store.tck.MutableClock;
import dev.ward.TokenPair;
import dev.ward.UserAccount;
import dev.ward.store.TokenStore;
import dev.ward.store.memory.InMemoryLoginAttemptStore;
import dev.ward.store.memory.InMemoryTokenStore;
import dev.ward.store.memory.InMemoryUserRepository;
import java.util.List;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * The security catalog's fixture: the core tests' {@link Fixture} with a signing key whose
 * private half the test holds. Each test makes its own.
 */
final class SecurityFixture {

    static final String START = Fixture.START;
    static final String PASSWORD = Fixture.PASSWORD;

    private final Fixture base;
    final MutableClock clock;
    final InMemoryUserRepository users;
    final TokenStore tokens;
    final InMemoryLoginAttemptStore attempts;
    final List<AuthEvent> events;
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
        this.base = new Fixture(bcryptCost, key.jwtKey(), tokens, settings, more);
        this.clock = base.clock;
        this.users = base.users;
        this.tokens = base.tokens;
        this.attempts = base.attempts;
        this.events = base.events;
        this.auth = base.auth;
    }

    UserAccount signUp(String email) {
        return base.signUp(email);
    }

    TokenPair signUpAndLogIn(String email) {
        return base.signUpAndLogIn(email);
    }

    long nowSeconds() {
        return clock.instant().getEpochSecond();
    }

    <T extends AuthEvent> List<T> events(Class<T> type) {
        return base.events(type);
    }

    /** Runs a call that must be refused, and returns the refusal; any other outcome fails the test. */
    static AuthException refusal(ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).as("the call must be refused with an AuthException").isInstanceOf(AuthException.class);
        return (AuthException) thrown;
    }
}
