package dev.ward;

import dev.ward.store.tck.MutableClock;
import dev.ward.store.TokenStore;
import dev.ward.store.OneTimeTokenPurpose;
import dev.ward.store.memory.InMemoryLoginAttemptStore;
import dev.ward.store.memory.InMemoryOneTimeTokenStore;
import dev.ward.store.memory.InMemoryTokenStore;
import dev.ward.store.memory.InMemoryUserRepository;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * An AuthManager over in-memory stores, a movable clock and bcrypt cost 4, with every event
 * recorded. Each test gets its own. Public for the security catalog's fixture, which adds keys
 * whose private half the test holds.
 */
public final class Fixture {

    public static final String START = "2030-01-01T10:00:00Z";
    static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    public static final String PASSWORD = "correct horse battery";

    public final MutableClock clock = MutableClock.at(START);
    public final InMemoryUserRepository users = new InMemoryUserRepository();
    public final TokenStore tokens;
    public final InMemoryLoginAttemptStore attempts = new InMemoryLoginAttemptStore();
    public final InMemoryOneTimeTokenStore oneTimeTokens = new InMemoryOneTimeTokenStore();
    public final List<AuthEvent> events = Collections.synchronizedList(new ArrayList<>());
    /** Every message the manager handed to its notifier, in order. */
    public final List<Notification> sent = Collections.synchronizedList(new ArrayList<>());
    public final AuthManager auth;

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
        this(bcryptCost, JwtKey.hmac("test-key", SECRET), new InMemoryTokenStore(), settings, more);
    }

    /**
     * The general form.
     *
     * @param bcryptCost the bcrypt cost
     * @param key the signing key
     * @param tokens the token store
     * @param settings changes to the settings (bcrypt cost already set)
     * @param more changes to the manager's builder
     */
    public Fixture(int bcryptCost, JwtKey key, TokenStore tokens, Consumer<AuthSettings.Builder> settings,
                   Consumer<AuthManager.Builder> more) {
        this.tokens = tokens;
        AuthSettings.Builder s = AuthSettings.builder().bcryptCost(bcryptCost);
        settings.accept(s);
        AuthManager.Builder b = AuthManager.builder()
                .userRepository(users)
                .tokenStore(tokens)
                .loginAttemptStore(attempts)
                .signingKey(key)
                .clock(clock)
                .settings(s.build())
                .eventListener(events::add)
                .oneTimeTokenStore(oneTimeTokens)
                .notifier(sent::add);
        more.accept(b);
        this.auth = b.build();
    }

    public UserAccount signUp(String email) {
        return auth.signUp(new SignUpRequest("Test User", email, PASSWORD));
    }

    public TokenPair signUpAndLogIn(String email) {
        signUp(email);
        return auth.logIn(email, PASSWORD);
    }

    /** Returns the token of the last link of a purpose sent to an address. */
    public String lastLink(OneTimeTokenPurpose purpose, String recipient) {
        synchronized (sent) {
            for (int i = sent.size() - 1; i >= 0; i--) {
                if (sent.get(i) instanceof Notification.OneTimeLink link && link.purpose() == purpose
                        && link.recipient().equals(recipient)) {
                    return link.token();
                }
            }
        }
        throw new AssertionError("no " + purpose + " link was sent to " + recipient);
    }

    /** Returns the messages of a type. */
    public <T extends Notification> List<T> sent(Class<T> type) {
        synchronized (sent) {
            return sent.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }

    public <T extends AuthEvent> List<T> events(Class<T> type) {
        synchronized (events) {
            return events.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }
}
