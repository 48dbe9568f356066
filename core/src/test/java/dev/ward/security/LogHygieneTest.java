package dev.ward.security;

import static dev.ward.security.SecurityFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.ward.AuthEvent;
import dev.ward.AuthException;
import dev.ward.AuthManager;
import dev.ward.AuthSettings;
import dev.ward.AuthenticatedUser;
import dev.ward.ClientInfo;
import dev.ward.FieldViolation;
import dev.ward.JwtAlgorithm;
import dev.ward.JwtKey;
import dev.ward.KeySet;
import dev.ward.LogInRequest;
import dev.ward.Notification;
import dev.ward.Notifier;
import dev.ward.PasswordPolicy;
import dev.ward.SignUpRequest;
import dev.ward.TokenPair;
import dev.ward.store.NewUser;
import dev.ward.store.Session;
import dev.ward.store.StoreException;
import dev.ward.store.User;
import dev.ward.store.UserRepository;
import dev.ward.store.memory.InMemoryLoginAttemptStore;
import dev.ward.store.memory.InMemoryOneTimeTokenStore;
import dev.ward.store.memory.InMemoryTokenStore;
import dev.ward.store.memory.InMemoryUserRepository;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Log and message hygiene: every flow runs with a capturing handler on the {@code dev.ward}
 * logger and on the root logger (Ward logs through {@link System.Logger}, which reaches
 * java.util.logging by default), and no password, token, hash or key may appear in any log
 * record, any exception message or any event.
 *
 * <p>Sources: OWASP ASVS 5.0 16.2.5 (no credentials in logs), CWE-532 (sensitive information in
 * log files), CWE-209 (sensitive information in error messages).
 */
@DisplayName("Log hygiene")
class LogHygieneTest {

    private static final byte[] HMAC_SECRET = "hygiene-hmac-secret-0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PEPPER = "hygiene-pepper-0123456789abcdef-xyz".getBytes(StandardCharsets.US_ASCII);
    private static final String ALICE = "alice@example.com";
    private static final String NEW_PASSWORD = "a brand new passphrase";

    /** Held strongly: java.util.logging forgets the level of a logger nobody references. */
    private final Logger wardLogger = Logger.getLogger("dev.ward");
    private final Logger rootLogger = Logger.getLogger("");
    private final Set<LogRecord> records = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level wardLevel;
    private Level rootLevel;

    /** Everything a client or an operator could read: messages, exceptions, events. */
    private final List<String> texts = Collections.synchronizedList(new ArrayList<>());
    /** Everything that must never be read there. */
    private final Set<String> secrets = Collections.synchronizedSet(new LinkedHashSet<>());

    @BeforeEach
    void attach() {
        wardLevel = wardLogger.getLevel();
        rootLevel = rootLogger.getLevel();
        capture.setLevel(Level.ALL);
        wardLogger.setLevel(Level.ALL);
        rootLogger.setLevel(Level.ALL);
        wardLogger.addHandler(capture);
        rootLogger.addHandler(capture);
    }

    @AfterEach
    void detach() {
        wardLogger.removeHandler(capture);
        rootLogger.removeHandler(capture);
        wardLogger.setLevel(wardLevel);
        rootLogger.setLevel(rootLevel);
    }

    // ------------------------------------------------------------------ recording

    private void secret(String value) {
        if (value != null && value.length() >= 6) {
            secrets.add(value);
        }
    }

    private void secretBytes(byte[] value) {
        secret(new String(value, StandardCharsets.ISO_8859_1));
        secret(Base64.getEncoder().encodeToString(value));
        secret(Base64.getUrlEncoder().withoutPadding().encodeToString(value));
        secret(HexFormat.of().formatHex(value));
    }

    private void tokens(TokenPair pair) {
        secret(pair.accessToken());
        secret(pair.accessToken().substring(pair.accessToken().lastIndexOf('.') + 1));
        secret(pair.refreshToken());
        secret(pair.refreshToken().substring(23));
        texts.add(pair.toString());
    }

    private void hashes(SecurityFixture f) {
        for (String email : List.of(ALICE, "bob@example.com", "old@example.com")) {
            f.users.findByEmail(email).map(User::passwordHash).ifPresent(hash -> {
                secret(hash);
                secret(hash.substring(7));
            });
        }
    }

    private void sessionHashes(SecurityFixture f, TokenPair pair) {
        Session s = f.tokens.findById(pair.sessionId()).orElseThrow();
        secret(s.familyHash());
        secret(s.currentHash());
        secret(s.previousHash());
        texts.add(s.toString());
    }

    /** Runs a call, keeping whatever it throws (or returns) as readable text. */
    private void attempt(ThrowingCallable call) {
        try {
            call.call();
        } catch (Throwable t) {
            texts.add(describe(t));
            if (t instanceof AuthException e) {
                e.violations().stream().map(FieldViolation::toString).forEach(texts::add);
            }
        }
    }

    private static String describe(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return t + "\n" + out;
    }

    private void assertNoSecretAnywhere() {
        List<String> readable = new ArrayList<>(texts);
        SimpleFormatter formatter = new SimpleFormatter();
        synchronized (records) {
            for (LogRecord record : records) {
                readable.add(formatter.format(record));
                readable.add(String.valueOf(record.getMessage()));
                if (record.getParameters() != null) {
                    for (Object parameter : record.getParameters()) {
                        readable.add(String.valueOf(parameter));
                    }
                }
                if (record.getThrown() != null) {
                    readable.add(describe(record.getThrown()));
                }
            }
        }
        assertThat(secrets).as("secrets collected").hasSizeGreaterThanOrEqualTo(5);
        for (String text : readable) {
            for (String secret : secrets) {
                assertThat(text).as("a log line, message or event").doesNotContain(secret);
            }
        }
    }

    private List<String> logMessages() {
        synchronized (records) {
            return records.stream().map(r -> new SimpleFormatter().formatMessage(r)).toList();
        }
    }

    // ------------------------------------------------------------------ flows

    @Test
    @DisplayName("control: a secret logged through System.Logger, as Ward logs, is captured and caught")
    void captureWorks() {
        secret("a-leaked-refresh-token-0123");
        for (int i = 0; i < 5; i++) {
            secret("filler-secret-" + i);
        }
        System.getLogger("dev.ward").log(System.Logger.Level.DEBUG, "oops: a-leaked-refresh-token-0123");

        assertThat(logMessages()).anyMatch(m -> m.contains("a-leaked-refresh-token-0123"));
        AssertionError caught = null;
        try {
            assertNoSecretAnywhere();
        } catch (AssertionError e) {
            caught = e;
        }
        assertThat(caught).as("the leak is reported").isNotNull();
    }

    @Test
    @DisplayName("every AuthManager flow, failures and warnings included, logs and says no password, token, hash or key")
    void everyFlow() {
        TestKey key = new TestKey(JwtAlgorithm.HS256, "hygiene", HMAC_SECRET, null);
        SecurityFixture f = new SecurityFixture(4, key, new InMemoryTokenStore(),
                s -> s.strictSessions(true).strictSessionCacheTtl(Duration.ofSeconds(2)).throttleClientAddress(true),
                b -> b.passwordPepper(PEPPER));
        secretBytes(HMAC_SECRET);
        secretBytes(PEPPER);
        // Not "password": Ward's messages may say "invalid e-mail or password", which is no leak.
        List<String> passwords = List.of(PASSWORD, NEW_PASSWORD, "wrong password!", "correct horse batterz",
                "hunter2hunter2", "frankfurter-secret", "Correct Horse Battery", "another fine pass");
        passwords.forEach(this::secret);

        // Sign-up: success, every kind of refusal.
        attempt(() -> f.auth.signUp(new SignUpRequest("alice", ALICE, PASSWORD)));
        attempt(() -> f.auth.signUp(new SignUpRequest("bob", "bob@example.com", "hunter2hunter2")));
        attempt(() -> f.auth.signUp(new SignUpRequest("frankfurter", "carol@example.com", "frankfurter-secret")));
        attempt(() -> f.auth.signUp(new SignUpRequest("mallory", ALICE, "another fine pass")));
        attempt(() -> f.auth.signUp(new SignUpRequest("x", "not-an-email", "password")));

        // Log-in: success, wrong password, unknown e-mail, locks.
        ClientInfo client = new ClientInfo("203.0.113.9", "Firefox/140");
        TokenPair first = f.auth.logIn(new LogInRequest(ALICE, PASSWORD, client));
        tokens(first);
        attempt(() -> f.auth.logIn(new LogInRequest(ALICE, "correct horse batterz", client)));
        attempt(() -> f.auth.logIn(new LogInRequest("nobody@example.com", "wrong password!", client)));
        for (int i = 0; i < 6; i++) {
            attempt(() -> f.auth.logIn(new LogInRequest("bob@example.com", "Correct Horse Battery", client)));
        }
        attempt(() -> f.auth.logIn(new LogInRequest("bob@example.com", "hunter2hunter2", client)));

        // Refresh: rotation, grace, reuse detection (a warning), garbage, revoked.
        TokenPair second = f.auth.refresh(first.refreshToken(), client);
        tokens(second);
        TokenPair graced = f.auth.refresh(first.refreshToken(), client);
        tokens(graced);
        sessionHashes(f, graced);
        f.clock.advance(Duration.ofMinutes(1));
        attempt(() -> f.auth.refresh(first.refreshToken(), client));
        attempt(() -> f.auth.refresh(graced.refreshToken()));
        attempt(() -> f.auth.refresh(first.accessToken()));
        attempt(() -> f.auth.refresh(first.refreshToken().substring(0, 40) + "A".repeat(47)));

        // Authenticate: valid, ended session, tampered, expired, a refresh token.
        TokenPair third = f.auth.logIn(ALICE, PASSWORD);
        tokens(third);
        AuthenticatedUser alice = f.auth.authenticate(third.accessToken());
        texts.add(alice.toString());
        attempt(() -> f.auth.authenticate(second.accessToken()));
        attempt(() -> f.auth.authenticate(third.accessToken() + "x"));
        attempt(() -> f.auth.authenticate(third.refreshToken()));
        attempt(() -> f.auth.verifier().verify(first.accessToken()));

        // Sessions, password change and reset, log-outs.
        TokenPair fourth = f.auth.logIn(ALICE, PASSWORD);
        tokens(fourth);
        sessionHashes(f, fourth);
        f.auth.sessions(alice.userId()).forEach(s -> texts.add(s.toString()));
        attempt(() -> f.auth.changePassword(alice, "wrong password!", NEW_PASSWORD));
        attempt(() -> f.auth.changePassword(alice, PASSWORD, "password"));
        hashes(f);
        f.auth.changePassword(alice, PASSWORD, NEW_PASSWORD);
        hashes(f);
        attempt(() -> f.auth.authenticate(fourth.accessToken()));
        f.auth.setPassword(alice.userId(), PASSWORD);
        hashes(f);
        TokenPair fifth = f.auth.logIn(ALICE, PASSWORD);
        tokens(fifth);
        f.auth.revokeSession(alice.userId(), fifth.sessionId());
        f.auth.logOut(fifth.refreshToken());
        f.auth.logOutEverywhere(alice.userId());
        f.clock.advance(Duration.ofDays(100));
        attempt(() -> f.auth.authenticate(fifth.accessToken()));
        f.auth.purgeExpired(100);
        texts.add(f.auth.toString());

        synchronized (f.events) {
            f.events.forEach(e -> texts.add(e.toString()));
        }
        assertThat(logMessages()).anyMatch(m -> m.contains("refresh token reuse detected"));
        assertNoSecretAnywhere();
    }

    @Test
    @DisplayName("the throwing-listener warning and the failed hash-upgrade warning carry no secret")
    void warningPaths() {
        secretBytes(HMAC_SECRET);
        secret(PASSWORD);
        secret("wrong password!");
        InMemoryUserRepository real = new InMemoryUserRepository();
        UserRepository failingUpgrades = new UserRepository() {
            @Override
            public User create(NewUser newUser) {
                return real.create(newUser);
            }

            @Override
            public Optional<User> findById(String id) {
                return real.findById(id);
            }

            @Override
            public Optional<User> findByEmail(String email) {
                return real.findByEmail(email);
            }

            @Override
            public boolean updatePasswordHash(String id, long expectedCredentialsVersion, String passwordHash) {
                throw new StoreException("the database is unavailable");
            }

            @Override
            public boolean changePassword(String id, long expectedCredentialsVersion, String passwordHash) {
                return real.changePassword(id, expectedCredentialsVersion, passwordHash);
            }

            @Override
            public boolean updateRoles(String id, Set<String> roles) {
                return real.updateRoles(id, roles);
            }

            @Override
            public boolean markEmailVerified(String id, String email, Instant verifiedAt) {
                return real.markEmailVerified(id, email, verifiedAt);
            }

            @Override
            public boolean changeEmail(String id, String expectedEmail, String newEmail, Instant verifiedAt) {
                return real.changeEmail(id, expectedEmail, newEmail, verifiedAt);
            }

            @Override
            public boolean setDisabled(String id, boolean disabled) {
                return real.setDisabled(id, disabled);
            }

            @Override
            public boolean delete(String id) {
                return real.delete(id);
            }
        };
        List<AuthEvent> seen = Collections.synchronizedList(new ArrayList<>());
        AuthManager auth = AuthManager.builder()
                .userRepository(failingUpgrades)
                .tokenStore(new InMemoryTokenStore())
                .loginAttemptStore(new InMemoryLoginAttemptStore())
                .signingKey(JwtKey.hmac("hygiene", HMAC_SECRET))
                .settings(AuthSettings.builder().bcryptCost(5).refreshReuseGrace(Duration.ZERO).build())
                .eventListener(event -> {
                    seen.add(event);
                    if (event instanceof AuthEvent.LoggedOut) {
                        throw new AssertionError("listener assertion on " + event);
                    }
                    throw new IllegalStateException("the listener could not handle " + event);
                })
                .build();
        String weakHash = new String(BCrypt.with(BCrypt.Version.VERSION_2A).hash(4, PASSWORD.getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.US_ASCII);
        secret(weakHash);
        secret(weakHash.substring(7));
        failingUpgrades.create(new NewUser("old", "old@example.com", weakHash, Set.of("user"), Instant.parse(SecurityFixture.START)));

        TokenPair pair = auth.logIn("old@example.com", PASSWORD);
        tokens(pair);
        attempt(() -> auth.logIn("old@example.com", "wrong password!"));
        TokenPair next = auth.refresh(pair.refreshToken());
        tokens(next);
        attempt(() -> auth.refresh(pair.refreshToken()));
        TokenPair other = auth.logIn("old@example.com", PASSWORD);
        tokens(other);
        auth.logOut(other.refreshToken());

        seen.forEach(e -> texts.add(e.toString()));
        assertThat(logMessages())
                .anyMatch(m -> m.contains("could not upgrade the password hash"))
                .anyMatch(m -> m.contains("the event listener failed"))
                .anyMatch(m -> m.contains("refresh token reuse detected"));
        synchronized (records) {
            assertThat(records).anyMatch(r -> r.getThrown() instanceof AssertionError);
        }
        assertNoSecretAnywhere();
    }

    @Test
    @DisplayName("refusing bad key material never quotes the key: short secrets, bad base64, broken PEM, broken or private JWKs")
    void keyLoadingErrors() {
        JwtKey ec = JwtKey.generate("hygiene-ec", JwtAlgorithm.ES256);
        String privateJwk = ec.toPrivateJwk();
        String d = privateJwk.replaceAll(".*\"d\":\"([^\"]+)\".*", "$1");
        secret(d);
        byte[] shortSecret = "short-hmac-secret".getBytes(StandardCharsets.US_ASCII);
        secretBytes(shortSecret);
        secretBytes(HMAC_SECRET);
        String pkcs8 = "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg" + "Zm9vYmFyYmF6cXV4cXV1eHh5enp5eHh4eHh4eHh4eHg=";
        secret(pkcs8.substring(40));

        attempt(() -> JwtKey.hmac("k", shortSecret));
        attempt(() -> JwtKey.hmacBase64("k", "!!" + Base64.getEncoder().encodeToString(HMAC_SECRET)));
        attempt(() -> JwtKey.hmacBase64("k", Base64.getEncoder().encodeToString(shortSecret)));
        attempt(() -> JwtKey.fromPem("k", "-----BEGIN PRIVATE KEY-----\n" + pkcs8 + "\n-----END PRIVATE KEY-----\n"));
        attempt(() -> JwtKey.fromPem("k", "-----BEGIN PRIVATE KEY-----\n" + pkcs8 + "!!\n-----END PRIVATE KEY-----\n"));
        attempt(() -> JwtKey.fromJwk(privateJwk.replace("\"crv\":\"P-256\"", "\"crv\":\"P-384\"")));
        attempt(() -> JwtKey.fromJwk(privateJwk.replace("\"kty\":\"EC\"", "\"kty\":\"XX\"")));
        attempt(() -> JwtKey.fromJwk(privateJwk.replace("\"d\":\"", "\"d\":\"!")));
        attempt(() -> JwtKey.fromJwk(privateJwk.substring(0, privateJwk.length() - 2)));
        attempt(() -> JwtKey.fromJwk(privateJwk.replace("\"kid\"", "\"x-kid\"")));
        attempt(() -> JwtKey.fromJwk("{\"kty\":\"oct\",\"kid\":\"k\",\"k\":\""
                + Base64.getUrlEncoder().withoutPadding().encodeToString(shortSecret) + "\"}"));
        attempt(() -> KeySet.fromJwks("{\"keys\":[" + privateJwk + "]}"));
        attempt(() -> KeySet.fromJwks("{\"keys\":[" + privateJwk + "]"));
        attempt(() -> AuthManager.builder().signingKey(JwtKey.hmac("k", HMAC_SECRET)).passwordPepper(shortSecret)
                .passwordPolicy(PasswordPolicy.builder().maxUtf8Bytes(100).build()).build());
        texts.add(ec.toString());
        texts.add(JwtKey.hmac("k", HMAC_SECRET).toString());
        texts.add(KeySet.of(ec).toString());

        assertThat(texts).hasSizeGreaterThan(14);
        assertNoSecretAnywhere();
    }

    @Test
    @DisplayName("every lifecycle flow, and a notifier that fails with the token in its message, log and say no link token, hash or password")
    void lifecycleFlows() throws Exception {
        secretBytes(HMAC_SECRET);
        List.of(PASSWORD, NEW_PASSWORD, "wrong password!").forEach(this::secret);
        List<Notification> delivered = Collections.synchronizedList(new ArrayList<>());
        boolean[] failing = {false};
        Notifier notifier = message -> {
            delivered.add(message);
            if (failing[0] && message instanceof Notification.OneTimeLink link) {
                throw new IllegalStateException("smtp refused the link " + link.token());
            }
        };
        InMemoryOneTimeTokenStore oneTimeTokens = new InMemoryOneTimeTokenStore();
        List<AuthEvent> events = Collections.synchronizedList(new ArrayList<>());
        AuthManager auth = AuthManager.builder()
                .userRepository(new InMemoryUserRepository())
                .tokenStore(new InMemoryTokenStore())
                .loginAttemptStore(new InMemoryLoginAttemptStore())
                .oneTimeTokenStore(oneTimeTokens)
                .notifier(notifier)
                .eventListener(events::add)
                .signingKey(JwtKey.hmac("hygiene", HMAC_SECRET))
                .settings(AuthSettings.builder().bcryptCost(4).logInLinks(true).build())
                .build();
        ClientInfo client = new ClientInfo("203.0.113.9", "Firefox/140");

        String aliceId = auth.signUp(new SignUpRequest("alice", ALICE, PASSWORD)).id();
        attempt(() -> auth.verifyEmail(lastToken(delivered) + "x"));
        attempt(() -> auth.verifyEmail(lastToken(delivered)));
        attempt(() -> auth.verifyEmail(lastToken(delivered)));
        auth.requestPasswordReset(ALICE, client);
        auth.requestPasswordReset("nobody@example.com", client);
        String reset = lastToken(delivered);
        attempt(() -> auth.resetPassword(reset, "password"));
        attempt(() -> auth.resetPassword(reset, NEW_PASSWORD));
        attempt(() -> auth.resetPassword(reset, NEW_PASSWORD));
        TokenPair pair = auth.logIn(ALICE, NEW_PASSWORD);
        tokens(pair);
        AuthenticatedUser alice = auth.authenticate(pair.accessToken());
        attempt(() -> auth.requestEmailChange(alice, "wrong password!", "alice@new.example"));
        auth.requestEmailChange(alice, NEW_PASSWORD, "alice@new.example");
        attempt(() -> auth.confirmEmailChange(lastToken(delivered)));
        auth.requestLogInLink("alice@new.example", client);
        TokenPair linked = auth.logInWithLink(lastToken(delivered), client);
        tokens(linked);
        failing[0] = true;
        auth.requestPasswordReset("alice@new.example", client);
        auth.disableUser(aliceId);
        auth.enableUser(aliceId);
        TokenPair last = auth.logIn("alice@new.example", NEW_PASSWORD);
        tokens(last);
        AuthenticatedUser again = auth.authenticate(last.accessToken());
        attempt(() -> auth.deleteAccount(again, "wrong password!"));
        auth.deleteAccount(again, NEW_PASSWORD);

        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        synchronized (delivered) {
            for (Notification message : delivered) {
                texts.add(message.toString());
                if (message instanceof Notification.OneTimeLink link) {
                    secret(link.token());
                    secret(Base64.getUrlEncoder().withoutPadding()
                            .encodeToString(sha256.digest(Base64.getUrlDecoder().decode(link.token()))));
                }
            }
        }
        synchronized (events) {
            events.forEach(e -> texts.add(e.toString()));
        }
        assertThat(delivered).hasSizeGreaterThanOrEqualTo(7);
        assertThat(logMessages()).anyMatch(m -> m.contains("the notifier failed on OneTimeLink"));
        assertNoSecretAnywhere();
    }

    private static String lastToken(List<Notification> delivered) {
        synchronized (delivered) {
            for (int i = delivered.size() - 1; i >= 0; i--) {
                if (delivered.get(i) instanceof Notification.OneTimeLink link) {
                    return link.token();
                }
            }
        }
        throw new AssertionError("no link was sent");
    }
}
