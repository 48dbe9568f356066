package dev.ward.examples.springboot;

import com.zaxxer.hikari.HikariDataSource;
import dev.ward.AuthError;
import dev.ward.AuthException;
import dev.ward.AuthManager;
import dev.ward.AuthSettings;
import dev.ward.JwtAlgorithm;
import dev.ward.JwtKey;
import dev.ward.Notifier;
import dev.ward.SignUpRequest;
import dev.ward.UserAccount;
import dev.ward.store.StoreException;
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
import jakarta.servlet.Filter;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The example server's HTTP API on Spring Boot: Ward's starter serves the routes
 * ({@code ward.web.endpoints.enabled=true}), this class supplies what the example server adds
 * around them: the stores on the database of {@code DB} (H2 in a file by default, PostgreSQL by
 * its JDBC URL, or in memory with {@code DB=memory}), the {@link AuthManager} from the example server's settings, the
 * mail ({@link SampleMail}), the admin of {@code ADMIN_EMAIL}, the demo page with its security
 * headers, Tomcat's own errors as JSON, and the housekeeping every ten minutes. {@code application.properties} maps the example
 * server's environment variables onto these properties.
 *
 * <pre>{@code
 * mvn -q -B install -DskipTests && java -jar examples/spring-boot/target/ward-example-spring-boot.jar
 * }</pre>
 */
@SpringBootApplication(excludeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@EnableScheduling
public class WardSpringBootSample {

    /** The value of {@code DB} that selects the in-memory stores, as in the example server. */
    public static final String MEMORY = "memory";

    private static final Logger LOG = LoggerFactory.getLogger(WardSpringBootSample.class);
    private static final String KID = "ward-hs256";
    private static final int MIN_SECRET_BYTES = 32;
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    /** Creates the application's configuration; Spring calls it. */
    public WardSpringBootSample() {
    }

    /**
     * Starts the application.
     *
     * @param args Spring Boot's command-line arguments, for example {@code --PORT=9090}
     */
    public static void main(String[] args) {
        SpringApplication.run(WardSpringBootSample.class, args);
    }

    /**
     * The database of {@code DB}: a Hikari pool on the {@code spring.datasource.*} properties
     * (url, username, password, hikari.*), unless {@code DB} is {@value #MEMORY}. Spring Boot's
     * own DataSource auto-configuration is off, which would otherwise start an embedded database
     * for {@value #MEMORY}.
     *
     * @param environment the settings
     * @return the pool, closed with the application
     */
    @Bean
    @Conditional(OnDatabase.class)
    public HikariDataSource dataSource(Environment environment) {
        Binder binder = Binder.get(environment);
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(binder.bind("spring.datasource.url", String.class).orElse(""));
        binder.bind("spring.datasource.username", String.class).ifBound(pool::setUsername);
        binder.bind("spring.datasource.password", String.class).ifBound(pool::setPassword);
        binder.bind("spring.datasource.hikari", Bindable.ofInstance(pool));
        return pool;
    }

    /** Matches unless {@code DB} (that is, {@code spring.datasource.url}) is {@value #MEMORY}. */
    static final class OnDatabase implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !MEMORY.equals(context.getEnvironment().getProperty("spring.datasource.url"));
        }
    }

    /**
     * The users: on the database, whose tables are created unless they exist, or in memory with
     * {@code DB=memory}.
     *
     * @param dataSource the database, if there is one
     * @return the repository
     */
    @Bean
    public UserRepository wardUserRepository(ObjectProvider<DataSource> dataSource) {
        DataSource database = dataSource.getIfAvailable();
        if (database == null) {
            return new InMemoryUserRepository();
        }
        JdbcSchema.create(database);
        return new JdbcUserRepository(database);
    }

    /**
     * Ward, configured by the {@code ward.*} properties that {@code application.properties} maps
     * the example server's settings onto; the host's {@link Clock} bean if there is one.
     *
     * @param dataSource the database; none with {@code DB=memory}
     * @param users the users
     * @param mail the notifier
     * @param clock the clock, if the host has one
     * @param environment the settings
     * @return the manager
     */
    @Bean
    public AuthManager wardAuthManager(ObjectProvider<DataSource> dataSource, UserRepository users, Notifier mail,
                                       ObjectProvider<Clock> clock, Environment environment) {
        Binder binder = Binder.get(environment);
        AuthSettings settings = AuthSettings.builder()
                .bcryptCost(binder.bind("ward.bcrypt-cost", Integer.class).orElse(AuthSettings.DEFAULT_BCRYPT_COST))
                .accessTokenTtl(binder.bind("ward.access-token-ttl", Duration.class)
                        .orElse(Duration.ofMinutes(AuthSettings.DEFAULT_ACCESS_TOKEN_TTL_MINUTES)))
                .refreshTokenIdleTtl(binder.bind("ward.refresh-token-idle-ttl", Duration.class)
                        .orElse(Duration.ofDays(AuthSettings.DEFAULT_REFRESH_TOKEN_IDLE_TTL_DAYS)))
                .sessionMaxLifetime(binder.bind("ward.session-max-lifetime", Duration.class)
                        .orElse(Duration.ofDays(AuthSettings.DEFAULT_SESSION_MAX_LIFETIME_DAYS)))
                .refreshReuseGrace(binder.bind("ward.refresh-reuse-grace", Duration.class)
                        .orElse(Duration.ofSeconds(AuthSettings.DEFAULT_REFRESH_REUSE_GRACE_SECONDS)))
                .strictSessions(binder.bind("ward.strict-sessions", Boolean.class).orElse(false))
                .requireVerifiedEmail(binder.bind("ward.require-verified-email", Boolean.class).orElse(false))
                .logInLinks(binder.bind("ward.log-in-links", Boolean.class).orElse(false))
                .build();
        AuthManager.Builder builder = AuthManager.builder().userRepository(users);
        DataSource database = dataSource.getIfAvailable();
        if (database == null) {
            builder.tokenStore(new InMemoryTokenStore())
                    .loginAttemptStore(new InMemoryLoginAttemptStore())
                    .oneTimeTokenStore(new InMemoryOneTimeTokenStore());
        } else {
            builder.tokenStore(new JdbcTokenStore(database, JdbcSchema.DEFAULT_TABLE_PREFIX,
                            binder.bind("sample.db-query-timeout", Duration.class)
                                    .orElse(Duration.ofSeconds(JdbcTokenStore.DEFAULT_QUERY_TIMEOUT_SECONDS))))
                    .loginAttemptStore(new JdbcLoginAttemptStore(database))
                    .oneTimeTokenStore(new JdbcOneTimeTokenStore(database));
        }
        return builder
                .notifier(mail)
                .signingKey(signingKey(binder.bind("sample.access-token-private-key", String.class).orElse("")))
                .settings(settings)
                .clock(clock.getIfUnique(Clock::systemUTC))
                .build();
    }

    private static JwtKey signingKey(String secret) {
        if (secret.isEmpty()) {
            LOG.warn("ACCESS_TOKEN_PRIVATE_KEY is not set: using a random key that lives only as long as this process, "
                    + "so every access token stops working at a restart. Set ACCESS_TOKEN_PRIVATE_KEY (at least "
                    + "{} bytes, for example from: openssl rand -base64 32).", MIN_SECRET_BYTES);
            return JwtKey.generate(KID, JwtAlgorithm.HS256);
        }
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        try {
            if (bytes.length < MIN_SECRET_BYTES) {
                throw new IllegalStateException("ACCESS_TOKEN_PRIVATE_KEY must be at least " + MIN_SECRET_BYTES
                        + " bytes, got " + bytes.length + " (make one with: openssl rand -base64 32)");
            }
            return JwtKey.hmac(KID, bytes);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /**
     * The mail: over SMTP when {@code SMTP_HOST} is set, else into the outbox folder.
     *
     * @param environment the settings
     * @param clock the clock, if the host has one
     * @return the notifier, closed with the application
     */
    @Bean
    public SampleMail wardMail(Environment environment, ObjectProvider<Clock> clock) {
        return SampleMail.of(Binder.get(environment), environment, clock.getIfUnique(Clock::systemUTC));
    }

    /**
     * Creates the admin of {@code ADMIN_EMAIL} with the roles user and admin, its address
     * verified, unless the address has an account already (which is then left as it is). Runs
     * once every bean exists, before the web server listens, as the example server does.
     *
     * @param auth the manager
     * @param users the users
     * @param clock the clock, if the host has one
     * @param environment the settings
     * @return the start-up task
     */
    @Bean
    public SmartInitializingSingleton wardAdmin(AuthManager auth, UserRepository users, ObjectProvider<Clock> clock,
                                       Environment environment) {
        return () -> {
            Binder binder = Binder.get(environment);
            String email = binder.bind("sample.admin.email", String.class).orElse("");
            if (email.isBlank()) {
                return;
            }
            String password = binder.bind("sample.admin.password", String.class).orElse("");
            String userName = binder.bind("sample.admin.user-name", String.class).orElse("admin");
            try {
                UserAccount admin = auth.signUp(new SignUpRequest(userName, email, password));
                users.updateRoles(admin.id(), Set.of("user", "admin"));
                // The operator chose this address: it needs no link to count as verified.
                users.markEmailVerified(admin.id(), admin.email(), clock.getIfUnique(Clock::systemUTC).instant());
                LOG.info("created the admin {} with the roles user and admin", admin.email());
            } catch (AuthException e) {
                if (e.error() == AuthError.EMAIL_TAKEN) {
                    LOG.info("ADMIN_EMAIL already has an account: it is left as it is");
                    return;
                }
                throw new AuthException(e.error(), "ADMIN_EMAIL/ADMIN_PASSWORD/ADMIN_USERNAME: " + e.getMessage());
            }
        };
    }

    /**
     * The example server's security headers on the demo page and its files; Ward's endpoints set
     * their own.
     *
     * @return the filter
     */
    @Bean
    public FilterRegistrationBean<Filter> wardPageHeaders() {
        Filter filter = (request, response, chain) -> {
            HttpServletResponse http = (HttpServletResponse) response;
            http.setHeader("X-Content-Type-Options", "nosniff");
            http.setHeader("Referrer-Policy", "no-referrer");
            http.setHeader("X-Frame-Options", "DENY");
            http.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            chain.doFilter(request, response);
        };
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns("/", "/index.html", "/app.js", "/app.css");
        return registration;
    }

    /**
     * Tomcat's own error answers (a request it refuses before any servlet sees it) in the API's
     * JSON shape, by {@link JsonErrorReportValve} in place of Tomcat's HTML error page.
     *
     * @return the customizer
     */
    @Bean
    public WebServerFactoryCustomizer<TomcatServletWebServerFactory> wardJsonErrorPages() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
                // Spring Boot adds its own ErrorReportValve too: once the host has started, only ours remains.
                host.addLifecycleListener(event -> {
                    if (Lifecycle.AFTER_START_EVENT.equals(event.getType())) {
                        for (Valve valve : host.getPipeline().getValves()) {
                            if (valve instanceof ErrorReportValve && !(valve instanceof JsonErrorReportValve)) {
                                host.getPipeline().removeValve(valve);
                            }
                        }
                    }
                });
            }
        });
    }

    /**
     * Ends expired sessions, stale log-in records and spent one-time tokens every ten minutes,
     * in bounded batches.
     *
     * @param auth the manager
     * @return the scheduled task's bean
     */
    @Bean
    public Housekeeping wardHousekeeping(AuthManager auth) {
        return new Housekeeping(auth);
    }

    /** The scheduled clean-up of {@link #wardHousekeeping(AuthManager)}. */
    public static final class Housekeeping {

        private final AuthManager auth;

        Housekeeping(AuthManager auth) {
            this.auth = auth;
        }

        /** Deletes what has ended, 500 rows a call, at most 20 calls a round. */
        @Scheduled(initialDelay = 10, fixedDelay = 10, timeUnit = TimeUnit.MINUTES)
        public void purge() {
            try {
                int rounds = 0;
                while (auth.purgeExpired(500) > 0 && ++rounds < 20) {
                    LOG.debug("housekeeping: another batch");
                }
            } catch (StoreException e) {
                LOG.warn("housekeeping failed, retried in 10 minutes: {}", e.getMessage());
            }
        }
    }
}
