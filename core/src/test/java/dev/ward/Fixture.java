package dev.ward;

import dev.ward.store.memory.InMemoryLoginAttemptStore;
import dev.ward.store.memory.InMemoryTokenStore;
import dev.ward.store.memory.InMemoryUserRepository;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * An AuthManager over in-memory stores, a movable clock and bcrypt cost 4, with every event
 * recorded. Each test gets its own.
 */
final class Fixture {

    static final String START = "2030-01-01T10:00:00Z";
    static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    static final String PASSWORD = "correct horse battery";

    final MutableClock clock = MutableClock.at(START);
    final InMemoryUserRepository users = new InMemoryUserRepository();
    final InMemoryTokenStore tokens = new InMemoryTokenStore();
    final InMemoryLoginAttemptStore attempts = new InMemoryLoginAttemptStore();
    final List<AuthEvent> events = Collections.synchronizedList(new ArrayList<>());
    final AuthManager auth;

    Fixture() {
        this(settings -> { }, builder -> { });
    }

    Fixture(Consumer<AuthSettings.Builder> settings) {
        this(settings, builder -> { });
    }

    Fixture(Consumer<AuthSettings.Builder> settings, Consumer<AuthManager.Builder> more) {
        this(4, settings, more);
    }

    Fixture(int bcryptCost, Consumer<AuthSettings.Builder> settings, Consumer<AuthManager.Builder> more) {
        AuthSettings.Builder s = AuthSettings.builder().bcryptCost(bcryptCost);
        settings.accept(s);
        AuthManager.Builder b = AuthManager.builder()
                .userRepository(users)
                .tokenStore(tokens)
                .loginAttemptStore(attempts)
                .signingKey(JwtKey.hmac("test-key", SECRET))
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

    <T extends AuthEvent> List<T> events(Class<T> type) {
        synchronized (events) {
            return events.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }
}
