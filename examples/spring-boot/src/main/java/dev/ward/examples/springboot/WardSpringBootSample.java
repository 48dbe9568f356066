package dev.ward.examples.springboot;

import com.zaxxer.hikari.HikariDataSource;
import dev.ward.AuthError;
import dev.ward.AuthException;
import dev.ward.AuthManager;
import dev.ward.JwtAlgorithm;
import dev.ward.JwtKey;
import dev.ward.KeySet;
import dev.ward.SignUpRequest;
import dev.ward.UserAccount;
import dev.ward.spring.security.WardSecurity;
import dev.ward.store.UserRepository;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Set;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
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
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The example server's HTTP API on Spring Boot, as a Spring Boot user writes it: Ward's starter
 * does the work. Its auto-configuration builds the {@link AuthManager} from the {@code ward.*}
 * properties, puts the stores on this application's database (creating the tables,
 * {@code ward.jdbc.initialize-schema=always}) or in memory with {@code DB=memory}, purges expired
 * records, serves the API ({@code ward.web.endpoints.enabled=true}) and adds Ward's bearer
 * authentication to the security chain. {@code application.properties} maps the example server's
 * environment variables onto those properties.
 *
 * <p>This class keeps what is the sample's own: the database of {@code DB} ({@code memory}: none),
 * the signing key from {@code ACCESS_TOKEN_PRIVATE_KEY} (the example server's raw secret, which
 * the starter's base64 {@code ward.keys.hmac-secret} does not take as it is), the mail
 * ({@link SampleMail}), the admin of {@code ADMIN_EMAIL}, its security chain with the demo page
 * open and its security headers, and Tomcat's own errors as JSON.
 *
 * <pre>{@code
 * mvn -q -B install -DskipTests && java -jar examples/spring-boot/target/ward-example-spring-boot.jar
 * }</pre>
 */
@SpringBootApplication(excludeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
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
     * The signing key from {@code ACCESS_TOKEN_PRIVATE_KEY}, read as the example server reads it
     * (its UTF-8 bytes, at least 32); unset, a random key that lives as long as the process. The
     * starter's auto-configuration signs with this {@link KeySet} bean instead of
     * {@code ward.keys.*}.
     *
     * @param environment the settings
     * @return the key set of the one HS256 key
     * @throws IllegalStateException if the secret is shorter than 32 bytes
     */
    @Bean
    public KeySet wardKeys(Environment environment) {
        return KeySet.of(signingKey(Binder.get(environment).bind("sample.access-token-private-key", String.class)
                .orElse("")));
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
     * The sample's security chain: the demo page is open, everything else needs a bearer token.
     * The one-liner adds Ward's bearer authentication and, since the endpoints are on, opens
     * their paths ({@code /api/**} and the JWKS) and exempts them from CSRF tokens: the
     * endpoints authenticate their own routes and apply Ward's CSRF rule to the refresh cookie.
     *
     * @param http the security builder
     * @return the chain
     * @throws Exception as {@link HttpSecurity#build()} declares
     */
    @Bean
    public SecurityFilterChain sampleSecurity(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/", "/index.html", "/app.js", "/app.css", "/favicon.ico").permitAll()
                        .anyRequest().authenticated())
                .with(WardSecurity.ward(), Customizer.withDefaults());
        return http.build();
    }
}
