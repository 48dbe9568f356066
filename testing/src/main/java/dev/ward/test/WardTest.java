package dev.ward.test;

import dev.ward.AuthManager;
import dev.ward.AuthSettings;
import dev.ward.TokenPair;
import dev.ward.store.DuplicateEmailException;
import dev.ward.store.NewUser;
import dev.ward.store.tck.MutableClock;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A ready {@link AuthManager} for a host's tests: in-memory stores, bcrypt at its minimum cost
 * ({@value AuthSettings#MIN_BCRYPT_COST}), a fresh HS256 key, and a {@link MutableClock} the test
 * moves instead of sleeping. One line gets it; one more issues a token.
 *
 * <pre>{@code
 * WardTest ward = WardTest.create();
 * AuthManager auth = ward.auth();                       // hand this to the code under test
 * String token = ward.accessToken(TestUser.of("user-1", "ann@example.com", "admin"));
 * ward.clock().advance(Duration.ofMinutes(15));         // now the token has expired
 * }</pre>
 *
 * <p>The clock starts at the time of {@link #create()}, cut to whole seconds, and stands still
 * until the test moves it. Users a test names in a {@link TestUser} are stored under exactly
 * their id, with their e-mail address (verified) and roles, the first time a token or a session
 * is issued for them; a test that signs users up through {@link AuthManager#signUp} gets ids
 * from the store, as in production.
 *
 * <p>Thread-safe. Not for production: the stores live in memory and the key is thrown away with
 * the object.
 */
public final class WardTest {

    /**
     * The password of every user that {@link #logIn(TestUser)} stores, for a test that logs in
     * through the host's own HTTP end-point.
     */
    public static final String PASSWORD = "Xk7#qP2!mV9$rL4@wT";

    /** The kid of the test key. */
    private static final String KID = "ward-test";

    private final AuthSettings settings;
    private final AuthManager auth;
    private final MutableClock clock;
    private final Instant start;
    private final TestTokens tokens;
    private final TestUserRepository users = new TestUserRepository();
    private final ResettableStores.Tokens sessions = new ResettableStores.Tokens();
    private final ResettableStores.Attempts attempts = new ResettableStores.Attempts();
    private final ResettableStores.OneTimeTokens oneTimeTokens = new ResettableStores.OneTimeTokens();
    /** Ids of the stored test users whose password is {@link #PASSWORD}. */
    private final Set<String> withPassword = ConcurrentHashMap.newKeySet();

    private WardTest(AuthSettings settings) {
        this.settings = settings;
        this.start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        this.clock = new MutableClock(start);
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.tokens = TestTokens.forSettings(secret, KID, settings, clock);
        this.auth = AuthManager.builder()
                .userRepository(users)
                .tokenStore(sessions)
                .loginAttemptStore(attempts)
                .oneTimeTokenStore(oneTimeTokens)
                .keys(tokens.keySet())
                .clock(clock)
                .settings(settings)
                .build();
    }

    /**
     * Creates a test setup with Ward's default settings, except bcrypt at cost
     * {@value AuthSettings#MIN_BCRYPT_COST}, so that a log-in takes milliseconds.
     *
     * @return the setup
     */
    public static WardTest create() {
        return create(settings -> { });
    }

    /**
     * Creates a test setup with settings of the test's choosing; anything it does not set keeps
     * Ward's default, except the bcrypt cost, which is {@value AuthSettings#MIN_BCRYPT_COST}
     * unless the test sets a cost other than the default.
     *
     * <pre>{@code
     * WardTest ward = WardTest.create(s -> s.accessTokenTtl(Duration.ofMinutes(5)).strictSessions(true));
     * }</pre>
     *
     * @param settings sets what the test needs on a fresh {@link AuthSettings#builder()}
     * @return the setup
     * @throws dev.ward.ConfigurationException if the settings are invalid
     * @throws IllegalStateException if the consumer sets an option twice
     * @throws NullPointerException if {@code settings} is null
     */
    public static WardTest create(Consumer<AuthSettings.Builder> settings) {
        Objects.requireNonNull(settings, "settings");
        AuthSettings.Builder builder = AuthSettings.builder();
        settings.accept(builder);
        AuthSettings chosen = builder.build();
        // A builder refuses an option set twice, so the cost cannot be preset before the test's
        // consumer runs; the default cost is taken to mean "not chosen".
        if (chosen.bcryptCost() == AuthSettings.DEFAULT_BCRYPT_COST) {
            chosen = chosen.toBuilder().bcryptCost(AuthSettings.MIN_BCRYPT_COST).build();
        }
        return new WardTest(chosen);
    }

    /**
     * Returns the manager: in-memory stores (users, sessions, log-in attempts, one-time tokens),
     * the test key and the test clock. The same instance for the life of this object, also
     * across {@link #reset()}.
     *
     * @return the manager
     */
    public AuthManager auth() {
        return auth;
    }

    /**
     * Returns the clock of the manager and the tokens: move it to make tokens and sessions age.
     *
     * @return the clock
     */
    public MutableClock clock() {
        return clock;
    }

    /**
     * Returns the token maker, signed with the manager's key and following its settings, for
     * expired, not-yet-valid and wrong-audience tokens. Its tokens do not store their user; use
     * {@link #accessToken(TestUser)} for a token whose user {@code findUser} finds.
     *
     * @return the token maker
     */
    public TestTokens tokens() {
        return tokens;
    }

    /**
     * Issues an access token that the manager accepts now, and stores the user if no user has
     * its id, so that {@code auth().findUser(user.id())} finds it. With strict sessions on, the
     * token belongs to a real session (as {@link #logIn(TestUser)} makes), since the manager
     * refuses a token of an unknown session; its roles are then those stored for the user.
     *
     * @param user who the token speaks for
     * @return the access token, for {@code Authorization: Bearer ...}
     * @throws IllegalArgumentException if another user already has the e-mail address
     * @throws NullPointerException if {@code user} is null
     */
    public String accessToken(TestUser user) {
        store(user);
        if (settings.strictSessions()) {
            return logIn(user).accessToken();
        }
        return tokens.accessToken(user);
    }

    /**
     * Logs the user in and returns the tokens of a real session, with a refresh token that
     * {@code auth().refresh(...)} rotates. The user is stored first if no user has its id, and
     * given the password {@link #PASSWORD}; the roles of the session's tokens are those stored
     * for the user.
     *
     * @param user who logs in
     * @return the tokens of the new session
     * @throws IllegalArgumentException if another user already has the e-mail address
     * @throws dev.ward.AuthException as {@link AuthManager#logIn(String, String)}, for example
     *     when the user was disabled
     * @throws NullPointerException if {@code user} is null
     */
    public TokenPair logIn(TestUser user) {
        store(user);
        if (withPassword.add(user.id())) {
            auth.setPassword(user.id(), PASSWORD);
        }
        String email = auth.findUser(user.id()).orElseThrow().email();
        return auth.logIn(email, PASSWORD);
    }

    /**
     * Empties every store (users, sessions, log-in attempts, one-time tokens) and puts the
     * clock back to where it started. The manager, its key and its settings stay.
     */
    public void reset() {
        users.reset();
        sessions.reset();
        attempts.reset();
        oneTimeTokens.reset();
        withPassword.clear();
        clock.set(start);
    }

    /** The user store, for this package's tests. */
    TestUserRepository users() {
        return users;
    }

    /** The settings in force, for this package's tests. */
    AuthSettings settings() {
        return settings;
    }

    /** Stores a test user unless its id is taken. */
    private void store(TestUser user) {
        Objects.requireNonNull(user, "user");
        String email = normalise(user.email());
        String userName = email.contains("@") ? email.substring(0, email.indexOf('@')) : email;
        // A hash no password matches, until logIn gives the user PASSWORD: most tests never
        // log in, and need no bcrypt work.
        NewUser newUser = new NewUser(userName.isBlank() ? user.id() : userName, email, "!", user.roles(),
                clock.instant());
        try {
            if (users.createWithId(user.id(), newUser)) {
                withPassword.remove(user.id());
                users.markEmailVerified(user.id(), email, clock.instant());
            }
        } catch (DuplicateEmailException e) {
            throw new IllegalArgumentException("another user has the e-mail address of test user " + user.id(), e);
        }
    }

    /** Ward's normal form of an address, as far as a test needs it: trimmed, NFKC, lower case. */
    private static String normalise(String email) {
        return Normalizer.normalize(email.strip(), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "WardTest[" + tokens + ", clock=" + clock.instant() + "]";
    }
}
