package dev.ward.examples;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.ward.AuthError;
import dev.ward.AuthException;
import dev.ward.AuthManager;
import dev.ward.SignUpRequest;
import dev.ward.UserAccount;
import dev.ward.store.LoginAttemptStore;
import dev.ward.store.OneTimeTokenStore;
import dev.ward.store.StoreException;
import dev.ward.store.TokenStore;
import dev.ward.store.UserRepository;
import dev.ward.store.jdbc.JdbcLoginAttemptStore;
import dev.ward.store.jdbc.JdbcOneTimeTokenStore;
import dev.ward.store.jdbc.JdbcSchema;
import dev.ward.store.jdbc.JdbcTokenStore;
import dev.ward.store.jdbc.JdbcUserRepository;
import dev.ward.store.memory.InMemoryLoginAttemptStore;
import dev.ward.store.memory.InMemoryOneTimeTokenStore;
import dev.ward.store.memory.InMemoryTokenStore;
import dev.ward.store.memory.InMemoryUserRepository;
import io.javalin.Javalin;
import java.net.URI;
import java.time.Clock;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The example server: the tutorial's REST API served by Ward over Javalin, on the in-memory
 * stores or a JDBC database.
 *
 * <pre>{@code
 * try (WardServer server = WardServer.create(ServerConfig.fromEnvironment())) {
 *     int port = server.start();
 *     ...
 * }
 * }</pre>
 *
 * <p>{@link #create(ServerConfig, Clock)} opens the stores (and a connection pool, creating
 * the tables unless they exist), builds the {@link AuthManager} and creates the configured
 * admin; {@link #start()} then listens. A background task deletes ended sessions, stale
 * log-in records and spent one-time tokens every ten minutes.
 *
 * <p>The account lifecycle's messages (verification, reset and log-in links, notices) go over
 * SMTP when {@code SMTP_HOST} is set ({@link SmtpNotifier}), else into the outbox folder
 * ({@link OutboxNotifier}), which the start-up log names; see {@link MailConfig}. Either
 * delivers on a background thread that {@link #stop()} ends. Not thread-safe to start and stop
 * from several threads.
 */
public final class WardServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WardServer.class);
    private static final long PURGE_EVERY_MINUTES = 10;
    private static final int PURGE_BATCH = 500;

    private final ServerConfig config;
    private final Clock clock;
    private final HikariDataSource pool;
    private final UserRepository users;
    private final AuthManager auth;
    private final MailDelivery mail;
    private volatile int listeningPort;
    private Javalin app;
    private ScheduledExecutorService housekeeping;

    private WardServer(ServerConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        TokenStore tokens;
        LoginAttemptStore attempts;
        OneTimeTokenStore oneTimeTokens;
        if (config.inMemory()) {
            pool = null;
            users = new InMemoryUserRepository();
            tokens = new InMemoryTokenStore();
            attempts = new InMemoryLoginAttemptStore();
            oneTimeTokens = new InMemoryOneTimeTokenStore();
        } else {
            pool = openPool(config);
            try {
                JdbcSchema.create(pool);
            } catch (RuntimeException e) {
                pool.close();
                throw e;
            }
            users = new JdbcUserRepository(pool);
            tokens = new JdbcTokenStore(pool, JdbcSchema.DEFAULT_TABLE_PREFIX, config.dbQueryTimeout());
            attempts = new JdbcLoginAttemptStore(pool);
            oneTimeTokens = new JdbcOneTimeTokenStore(pool);
        }
        try {
            mail = openMail(config.mail(), clock);
        } catch (RuntimeException e) {
            closePool();
            throw e;
        }
        try {
            auth = AuthManager.builder()
                    .userRepository(users)
                    .tokenStore(tokens)
                    .loginAttemptStore(attempts)
                    .oneTimeTokenStore(oneTimeTokens)
                    .notifier(mail)
                    .signingKey(SigningKeys.forConfig(config))
                    .settings(config.authSettings())
                    .clock(clock)
                    .build();
            createAdmin();
        } catch (RuntimeException e) {
            closeMail();
            closePool();
            throw e;
        }
    }

    /** The SMTP notifier when a host is set, else the outbox; logs which, never a secret. */
    private MailDelivery openMail(MailConfig mail, Clock clock) {
        if (mail.smtpHost().isPresent()) {
            LOG.info("messages are sent over SMTP to {}:{} (SMTP_TLS={})", mail.smtpHost().get(), mail.smtpPort(),
                    mail.tls().word());
            return new SmtpNotifier(mail, this::appUrl, clock);
        }
        OutboxNotifier outbox = new OutboxNotifier(mail.outbox(), mail.from(), this::appUrl, clock);
        LOG.info("no SMTP_HOST: messages are written as files to {} (readable by this user only); "
                + "set SMTP_HOST to send them", outbox.folder());
        return outbox;
    }

    /** The base of links: APP_URL, else this server on localhost at the port it listens on. */
    private URI appUrl() {
        return config.mail().appUrl().orElseGet(() -> URI.create("http://localhost:"
                + (listeningPort == 0 ? config.port() : listeningPort) + "/"));
    }

    /**
     * Prepares a server on the system clock; see {@link #create(ServerConfig, Clock)}.
     *
     * @param config the settings
     * @return the server, not yet listening
     * @throws StoreException if the database cannot be reached or its tables cannot be created
     * @throws IllegalStateException if the generated key file cannot be read or written
     * @throws AuthException if the admin's e-mail address or password is refused
     */
    public static WardServer create(ServerConfig config) {
        return create(config, Clock.systemUTC());
    }

    /**
     * Prepares a server: opens the stores, creates the tables (if they do not exist), builds
     * the {@link AuthManager} with the given clock, and creates the admin of
     * {@code ADMIN_EMAIL} unless that address already has an account (which is then left as
     * it is).
     *
     * @param config the settings
     * @param clock the clock of every token and expiry; tests pass one they move
     * @return the server, not yet listening
     * @throws StoreException if the database cannot be reached or its tables cannot be created
     * @throws IllegalStateException if the generated key file cannot be read or written
     * @throws AuthException if the admin's e-mail address or password is refused
     * @throws NullPointerException if an argument is null
     */
    public static WardServer create(ServerConfig config, Clock clock) {
        return new WardServer(Objects.requireNonNull(config, "config"), Objects.requireNonNull(clock, "clock"));
    }

    private static HikariDataSource openPool(ServerConfig config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("ward");
        hikari.setJdbcUrl(config.db());
        if (config.dbUser() != null) {
            hikari.setUsername(config.dbUser());
        }
        if (config.dbPassword() != null) {
            hikari.setPassword(config.dbPassword());
        }
        hikari.setMaximumPoolSize(10);
        // Fail fast: a request that finds no free connection answers 503 at once rather than
        // waiting, so clients retry and a stalled database does not pile up requests.
        hikari.setConnectionTimeout(config.dbPoolTimeout().toMillis());
        try {
            return new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new StoreException("could not connect to " + ServerConfig.maskUrl(config.db()) + ": "
                    + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private void createAdmin() {
        if (config.adminEmail().isEmpty()) {
            return;
        }
        String email = config.adminEmail().get();
        String password = config.adminPassword().orElseThrow();
        try {
            UserAccount admin = auth.signUp(new SignUpRequest(config.adminUserName(), email, password));
            users.updateRoles(admin.id(), Set.of("user", "admin"));
            // The operator chose this address: it needs no link to count as verified (REQUIRE_VERIFIED_EMAIL).
            users.markEmailVerified(admin.id(), admin.email(), clock.instant());
            LOG.info("created the admin {} with the roles user and admin", admin.email());
        } catch (AuthException e) {
            if (e.error() == AuthError.EMAIL_TAKEN) {
                LOG.info("ADMIN_EMAIL already has an account: it is left as it is");
                return;
            }
            throw new AuthException(e.error(), "ADMIN_EMAIL/ADMIN_PASSWORD/ADMIN_USERNAME: " + e.getMessage());
        }
    }

    /**
     * Starts listening on the configured host and port.
     *
     * @return the port it listens on: the configured one, or the one picked for port 0
     * @throws IllegalStateException if it was started already
     */
    public synchronized int start() {
        if (app != null) {
            throw new IllegalStateException("the server was started already");
        }
        HttpApi api = new HttpApi(auth, clock, config.cookieSecure());
        app = Javalin.create(api::configure);
        app.start(config.host(), config.port());
        housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ward-housekeeping");
            t.setDaemon(true);
            return t;
        });
        housekeeping.scheduleWithFixedDelay(this::purge, PURGE_EVERY_MINUTES, PURGE_EVERY_MINUTES, TimeUnit.MINUTES);
        listeningPort = app.port();
        return listeningPort;
    }

    private void purge() {
        try {
            int deleted;
            int rounds = 0;
            do {
                deleted = auth.purgeExpired(PURGE_BATCH);
                rounds++;
            } while (deleted > 0 && rounds < 20);
        } catch (StoreException e) {
            LOG.warn("housekeeping failed, retried in {} minutes: {}", PURGE_EVERY_MINUTES, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("housekeeping failed", e);
        }
    }

    /**
     * Returns the port the server listens on.
     *
     * @return the port
     * @throws IllegalStateException if it is not started
     */
    public synchronized int port() {
        if (app == null) {
            throw new IllegalStateException("the server is not started");
        }
        return app.port();
    }

    /**
     * Returns the server's {@link AuthManager}, for example to reset a locked account.
     *
     * @return the manager
     */
    public AuthManager auth() {
        return auth;
    }

    /**
     * Stops listening, stops the housekeeping, delivers the messages still queued (waiting a
     * few seconds at most) and closes the connection pool. Stopping twice does nothing.
     */
    public synchronized void stop() {
        if (housekeeping != null) {
            housekeeping.shutdownNow();
            housekeeping = null;
        }
        if (app != null) {
            app.stop();
            app = null;
        }
        closeMail();
        closePool();
    }

    private void closeMail() {
        mail.close();
    }

    private void closePool() {
        if (pool != null && !pool.isClosed()) {
            pool.close();
        }
    }

    /** The same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "WardServer[" + (config.inMemory() ? "memory" : ServerConfig.maskUrl(config.db())) + "]";
    }
}
