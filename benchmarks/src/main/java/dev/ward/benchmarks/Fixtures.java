package dev.ward.benchmarks;

import dev.ward.AuthManager;
import dev.ward.AuthSettings;
import dev.ward.Ed25519Provider;
import dev.ward.JwtAlgorithm;
import dev.ward.JwtKey;
import dev.ward.SignUpRequest;
import dev.ward.TokenPair;
import dev.ward.UserAccount;
import dev.ward.store.LoginAttemptStore;
import dev.ward.store.TokenStore;
import dev.ward.store.UserRepository;
import dev.ward.store.memory.InMemoryLoginAttemptStore;
import dev.ward.store.memory.InMemoryTokenStore;
import dev.ward.store.memory.InMemoryUserRepository;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What every benchmark shares: one fixed instant, one user with two roles, keys of each
 * algorithm, and Ward managers built the same way everywhere.
 */
final class Fixtures {

    /** The password of every benchmark user: long enough for the default policy. */
    static final String PASSWORD = "correct horse battery staple 42";
    /** The two roles of every benchmark user. */
    static final Set<String> ROLES = Set.of("user", "admin");
    /** Issuer and audience: Ward's defaults. */
    static final String ISSUER = AuthSettings.DEFAULT_ISSUER;
    static final String AUDIENCE = AuthSettings.DEFAULT_AUDIENCE;
    /** The key id of every benchmark key. */
    static final String KID = "bench-1";
    /** bcrypt cost for users that benchmarks only need to exist (log-in is measured at cost 10). */
    static final int CHEAP_BCRYPT_COST = 4;

    /**
     * Hibernate Validator announces its version through java.util.logging, and HikariCP and the
     * embedded databases log through SLF4J, which has no provider here: keep both quiet, so that
     * a run's console shows results. Held here, as java.util.logging keeps loggers weakly.
     */
    private static final Logger VALIDATOR_LOG = Logger.getLogger("org.hibernate.validator");

    static {
        VALIDATOR_LOG.setLevel(Level.WARNING);
        System.setProperty("slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider");
        System.setProperty("slf4j.internal.verbosity", "WARN");
    }

    private Fixtures() {
    }

    /** Makes sure the static set-up above (quiet logging) has run. */
    static void init() {
        // Calling any static method runs the class's initialiser once.
    }

    /**
     * A clock fixed at the start of this JVM (whole seconds), so that tokens issued in set-up
     * stay valid for the whole fork and no library sees time pass: the one instant every
     * library checks {@code iat} and {@code exp} against.
     */
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    /** Key material of one algorithm, as each library wants it. */
    record Keys(JwtAlgorithm algorithm, JwtKey ward, byte[] secret, KeyPair pair) {
    }

    /** Makes a fresh key: a 32-byte HMAC secret, a P-256 pair or an Ed25519 pair. */
    static Keys keys(JwtAlgorithm algorithm) {
        try {
            switch (algorithm) {
                case HS256 -> {
                    byte[] secret = new byte[32];
                    new SecureRandom().nextBytes(secret);
                    return new Keys(algorithm, JwtKey.hmac(KID, secret), secret, null);
                }
                case ES256 -> {
                    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                    generator.initialize(new ECGenParameterSpec("secp256r1"));
                    KeyPair pair = generator.generateKeyPair();
                    return new Keys(algorithm, JwtKey.of(KID, pair.getPublic(), pair.getPrivate()), null, pair);
                }
                case EdDSA -> {
                    KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
                    return new Keys(algorithm, JwtKey.of(KID, pair.getPublic(), pair.getPrivate()), null, pair);
                }
                default -> throw new IllegalArgumentException("no benchmark for " + algorithm);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not make a " + algorithm + " key", e);
        }
    }

    /** The 32 raw bytes of an Ed25519 public key: the end of its X.509 encoding. */
    static byte[] rawEd25519(KeyPair pair) {
        byte[] spki = pair.getPublic().getEncoded();
        return Arrays.copyOfRange(spki, spki.length - 32, spki.length);
    }

    /**
     * A Ward manager over the given stores, on the fixed clock, with default settings but the
     * bcrypt cost and the Ed25519 provider: Tink is on the benchmarks' class path and chosen
     * explicitly, as a host that adds it would ({@link #settings(int)}).
     */
    static AuthManager manager(UserRepository users, TokenStore tokens, LoginAttemptStore attempts, JwtKey key,
                               int bcryptCost) {
        return manager(users, tokens, attempts, key, settings(bcryptCost).build());
    }

    /** The benchmarks' settings: the given bcrypt cost, and Ed25519 through Google Tink. */
    static AuthSettings.Builder settings(int bcryptCost) {
        return AuthSettings.builder().bcryptCost(bcryptCost).ed25519Provider(Ed25519Provider.TINK);
    }

    /** A Ward manager over the given stores, on the fixed clock. */
    static AuthManager manager(UserRepository users, TokenStore tokens, LoginAttemptStore attempts, JwtKey key,
                               AuthSettings settings) {
        return AuthManager.builder()
                .userRepository(users)
                .tokenStore(tokens)
                .loginAttemptStore(attempts)
                .signingKey(key)
                .clock(CLOCK)
                .settings(settings)
                .build();
    }

    /** A Ward manager over fresh in-memory stores, on the fixed clock. */
    static AuthManager inMemoryManager(InMemoryUserRepository users, JwtKey key, int bcryptCost) {
        return manager(users, new InMemoryTokenStore(), new InMemoryLoginAttemptStore(), key, bcryptCost);
    }

    /** Signs up a user and gives it {@link #ROLES}, so that its tokens carry two roles. */
    static UserAccount signUp(AuthManager auth, UserRepository users, String email) {
        UserAccount account = auth.signUp(new SignUpRequest(email.substring(0, email.indexOf('@')), email, PASSWORD));
        if (!users.updateRoles(account.id(), ROLES)) {
            throw new IllegalStateException("the user just signed up is gone");
        }
        return account;
    }

    /**
     * Issues {@code count} distinct access tokens through Ward's public API (log-ins, then
     * refreshes), all with the same claims but {@code jti}: iss, aud, sub, iat, exp, jti, sid
     * and two roles. On every core at once: each thread logs in and refreshes its own session.
     */
    static String[] accessTokens(AuthManager issuer, String email, int count) {
        String[] tokens = new String[count];
        int threads = Math.min(count, Runtime.getRuntime().availableProcessors());
        IntStream.range(0, threads).parallel().forEach(thread -> {
            TokenPair pair = issuer.logIn(email, PASSWORD);
            for (int i = thread; i < count; i += threads) {
                if (i != thread) {
                    pair = issuer.refresh(pair.refreshToken());
                }
                tokens[i] = pair.accessToken();
            }
        });
        return tokens;
    }
}
