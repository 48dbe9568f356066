package dev.ward.examples;

import dev.ward.AuthSettings;
import dev.ward.ConfigurationException;
import dev.ward.ConfigurationException.Problem;
import dev.ward.store.jdbc.JdbcTokenStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settings of the example server, read from environment variables (the tutorial's names
 * where it had one), each of which a {@code -D} system property of the same name overrides.
 *
 * <pre>{@code
 * ServerConfig config = ServerConfig.fromEnvironment();       // System.getenv() and -D
 * ServerConfig test = ServerConfig.of(Map.of("DB", "memory", "SALT", "4", "PORT", "0"));
 * }</pre>
 *
 * <p>Every setting is checked at once and every problem is reported together in one
 * {@link ConfigurationException}, under the setting's name, also those that Ward's
 * {@link AuthSettings} reports under its option's name ({@code bcryptCost} is {@code SALT}).
 * Ward's defaults are this server's. {@link #describe()} renders all settings for the start-up
 * log, with secrets masked; {@link #toString()} does the same. Immutable.
 */
public final class ServerConfig {

    /** The value of {@code DB} that selects the in-memory stores. */
    public static final String MEMORY = "memory";

    /**
     * Every setting: name, default (null for none), whether its value is a secret, and the
     * {@link AuthSettings.Builder} option it sets, if any.
     */
    enum Setting {
        PORT("8080", false, "HTTP port (0 picks a free one)", null),
        HOST("0.0.0.0", false, "address to listen on", null),
        DB("jdbc:h2:file:./data/ward", false, "JDBC URL, or 'memory'", null),
        DB_USER("", false, "database user", null),
        DB_PASSWORD("", true, "database password", null),
        DB_POOL_TIMEOUT("2s", false, "how long a request waits for a pooled connection before it fails with 503",
                null),
        DB_QUERY_TIMEOUT(JdbcTokenStore.DEFAULT_QUERY_TIMEOUT_SECONDS + "s", false,
                "how long a session statement may run before it fails with 503; below REFRESH_REUSE_GRACE", null),
        SALT(String.valueOf(AuthSettings.DEFAULT_BCRYPT_COST), false, "bcrypt cost", "bcryptCost"),
        ACCESS_TOKEN_PRIVATE_KEY(null, true, "HS256 secret, at least 32 bytes", null),
        ACCESS_TOKEN_TTL(AuthSettings.DEFAULT_ACCESS_TOKEN_TTL_MINUTES + "m", false, "access-token lifetime",
                "accessTokenTtl"),
        REFRESH_TOKEN_TTL(AuthSettings.DEFAULT_REFRESH_TOKEN_IDLE_TTL_DAYS + "d", false, "refresh-token idle lifetime",
                "refreshTokenIdleTtl"),
        SESSION_MAX_LIFETIME(AuthSettings.DEFAULT_SESSION_MAX_LIFETIME_DAYS + "d", false, "absolute session lifetime",
                "sessionMaxLifetime"),
        REFRESH_REUSE_GRACE(AuthSettings.DEFAULT_REFRESH_REUSE_GRACE_SECONDS + "s", false,
                "grace window for concurrent refreshes", "refreshReuseGrace"),
        COOKIE_SECURE("true", false, "Secure flag on the refresh cookie", null),
        STRICT_SESSIONS(String.valueOf(AuthSettings.DEFAULT_STRICT_SESSIONS), false,
                "check the session on every request", "strictSessions"),
        ADMIN_EMAIL(null, false, "admin created at start-up", null),
        ADMIN_PASSWORD(null, true, "its password", null),
        ADMIN_USERNAME(null, false, "its user name (default admin)", null),
        REQUIRE_VERIFIED_EMAIL("false", false, "refuse log-in until the address is verified", "requireVerifiedEmail"),
        LOG_IN_LINKS("false", false, "allow log-in through a link sent by mail", "logInLinks"),
        SMTP_HOST(null, false, "SMTP server; unset: messages go to MAIL_OUTBOX", null),
        SMTP_PORT(String.valueOf(MailConfig.DEFAULT_SMTP_PORT), false, "SMTP port", null),
        SMTP_USER(null, false, "SMTP user", null),
        SMTP_PASSWORD(null, true, "SMTP password", null),
        SMTP_TLS(MailConfig.Tls.STARTTLS.word(), false, "starttls, tls (implicit, port 465) or none", null),
        MAIL_FROM(MailConfig.DEFAULT_FROM, false, "sender of every message", null),
        MAIL_OUTBOX(MailConfig.DEFAULT_OUTBOX, false, "folder for messages when SMTP_HOST is unset", null),
        APP_URL(null, false, "base of the links in messages (default http://localhost:PORT/)", null);

        final String defaultValue;
        final boolean secret;
        final String help;
        /** The {@link AuthSettings.Builder} option this setting sets, or null. */
        final String wardOption;

        Setting(String defaultValue, boolean secret, String help, String wardOption) {
            this.defaultValue = defaultValue;
            this.secret = secret;
            this.help = help;
            this.wardOption = wardOption;
        }

        /** Returns the name a problem of Ward's option is reported under: its setting's, else its own. */
        static String nameOf(String wardOption) {
            return Arrays.stream(values()).filter(s -> wardOption.equals(s.wardOption)).findFirst()
                    .map(Setting::name).orElse(wardOption);
        }
    }

    /** The smallest HS256 secret Ward accepts, in bytes. */
    static final int MIN_SECRET_BYTES = 32;

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})([smhd])");
    private static final String DURATION_FORMS = "a duration such as 30s, 14m, 12h or 30d";
    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)((?:password|pwd)=)[^&;]*");
    private static final Pattern URL_USER_INFO = Pattern.compile("(//[^/:@]*:)[^/@]*@");

    private final Map<Setting, String> raw;
    private final Map<Setting, String> sources;
    private final Integer port;
    private final String host;
    private final String db;
    private final String dbUser;
    private final String dbPassword;
    private final Duration dbPoolTimeout;
    private final Duration dbQueryTimeout;
    private final byte[] accessTokenSecret;
    private final boolean cookieSecure;
    private final String adminEmail;
    private final String adminPassword;
    private final String adminUserName;
    private final AuthSettings authSettings;
    private final MailConfig mail;

    private ServerConfig(Map<Setting, String> raw, Map<Setting, String> sources) {
        this.raw = raw;
        this.sources = sources;
        List<Problem> problems = new ArrayList<>();
        port = integer(problems, Setting.PORT, 0, 65_535);
        host = text(problems, Setting.HOST);
        db = text(problems, Setting.DB);
        if (db != null && !db.equals(MEMORY) && !db.startsWith("jdbc:")) {
            problems.add(problem(Setting.DB, "must be a JDBC URL (jdbc:...) or 'memory', got '" + maskUrl(db) + "'"));
        }
        dbUser = value(Setting.DB_USER);
        dbPassword = value(Setting.DB_PASSWORD);
        dbPoolTimeout = positive(problems, Setting.DB_POOL_TIMEOUT);
        dbQueryTimeout = positive(problems, Setting.DB_QUERY_TIMEOUT);
        AuthSettings.Builder ward = AuthSettings.builder(); // Ward checks the ranges, in wardSettings
        whenParsed(integer(problems, Setting.SALT, Integer.MIN_VALUE, Integer.MAX_VALUE), ward::bcryptCost);
        String secret = value(Setting.ACCESS_TOKEN_PRIVATE_KEY);
        if (secret != null && secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            problems.add(problem(Setting.ACCESS_TOKEN_PRIVATE_KEY, "must be at least " + MIN_SECRET_BYTES + " bytes, got "
                    + secret.getBytes(StandardCharsets.UTF_8).length
                    + " (make one with: openssl rand -base64 32), or leave it unset to have one generated"));
            secret = null;
        }
        accessTokenSecret = secret == null ? null : secret.getBytes(StandardCharsets.UTF_8);
        whenParsed(duration(problems, Setting.ACCESS_TOKEN_TTL), ward::accessTokenTtl);
        whenParsed(duration(problems, Setting.REFRESH_TOKEN_TTL), ward::refreshTokenIdleTtl);
        whenParsed(duration(problems, Setting.SESSION_MAX_LIFETIME), ward::sessionMaxLifetime);
        Duration grace = duration(problems, Setting.REFRESH_REUSE_GRACE);
        whenParsed(grace, ward::refreshReuseGrace);
        if (grace != null && !grace.isZero() && dbQueryTimeout != null && dbQueryTimeout.compareTo(grace) >= 0) {
            // A statement that may run past the window lets a stalled database revoke honest clients.
            problems.add(problem(Setting.DB_QUERY_TIMEOUT, "must be shorter than REFRESH_REUSE_GRACE ("
                    + value(Setting.REFRESH_REUSE_GRACE).strip() + "), got " + value(Setting.DB_QUERY_TIMEOUT).strip()));
        }
        cookieSecure = bool(problems, Setting.COOKIE_SECURE);
        ward.strictSessions(bool(problems, Setting.STRICT_SESSIONS));
        adminEmail = value(Setting.ADMIN_EMAIL);
        adminPassword = value(Setting.ADMIN_PASSWORD);
        adminUserName = value(Setting.ADMIN_USERNAME);
        if ((adminEmail == null) != (adminPassword == null)) {
            problems.add(problem(Setting.ADMIN_EMAIL, "and ADMIN_PASSWORD must be set together"));
        }
        if (adminUserName != null && adminEmail == null) {
            problems.add(problem(Setting.ADMIN_USERNAME, "needs ADMIN_EMAIL and ADMIN_PASSWORD"));
        }
        ward.requireVerifiedEmail(bool(problems, Setting.REQUIRE_VERIFIED_EMAIL));
        ward.logInLinks(bool(problems, Setting.LOG_IN_LINKS));
        mail = MailConfig.parse(this::value, problems);
        authSettings = wardSettings(ward, problems);
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
    }

    /**
     * Reads the settings from the process: each from the {@code -D} system property of its
     * name if there is one, else from the environment variable, else its default.
     *
     * @return the settings
     * @throws ConfigurationException listing every bad setting
     */
    public static ServerConfig fromEnvironment() {
        return from(System.getenv(), System.getProperties());
    }

    /**
     * Reads the settings from a map of names to values, as if they were environment variables;
     * missing names take their default. For tests and embedding.
     *
     * @param values for example {@code Map.of("DB", "memory", "PORT", "0")}
     * @return the settings
     * @throws ConfigurationException listing every bad setting, including unknown names
     */
    public static ServerConfig of(Map<String, String> values) {
        List<Problem> unknown = new ArrayList<>();
        for (String name : values.keySet()) {
            if (Arrays.stream(Setting.values()).noneMatch(s -> s.name().equals(name))) {
                unknown.add(new Problem(name, "is not a known setting"));
            }
        }
        if (!unknown.isEmpty()) {
            throw new ConfigurationException(unknown);
        }
        return from(values, new Properties());
    }

    static ServerConfig from(Map<String, String> environment, Properties properties) {
        Map<Setting, String> raw = new LinkedHashMap<>();
        Map<Setting, String> sources = new LinkedHashMap<>();
        for (Setting setting : Setting.values()) {
            String property = properties.getProperty(setting.name());
            String variable = environment.get(setting.name());
            if (property != null) {
                raw.put(setting, property);
                sources.put(setting, "-D");
            } else if (variable != null) {
                raw.put(setting, variable);
                sources.put(setting, "env");
            } else {
                sources.put(setting, "default");
            }
        }
        return new ServerConfig(raw, sources);
    }

    /**
     * Parses a duration in the tutorial's short form: a whole number and one of {@code s},
     * {@code m}, {@code h}, {@code d}, for example {@code 30s}, {@code 14m}, {@code 12h},
     * {@code 30d}. {@code 0s} is zero.
     *
     * @param text the text
     * @return the duration
     * @throws IllegalArgumentException if the text is not in that form
     */
    public static Duration parseDuration(String text) {
        Matcher m = DURATION.matcher(Objects.requireNonNull(text, "text").strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not " + DURATION_FORMS);
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    private String value(Setting setting) {
        String value = raw.get(setting);
        if (value == null) {
            return setting.defaultValue == null || setting.defaultValue.isEmpty() ? null : setting.defaultValue;
        }
        // An empty variable (FOO=) means "not set", as shells and .env files commonly write it.
        return value.isEmpty() ? null : value;
    }

    private static Problem problem(Setting setting, String message) {
        return new Problem(setting.name(), message);
    }

    private String text(List<Problem> problems, Setting setting) {
        String value = value(setting);
        if (value == null || value.isBlank()) {
            problems.add(problem(setting, "must not be empty"));
            return null;
        }
        return value.strip();
    }

    private Integer integer(List<Problem> problems, Setting setting, int min, int max) {
        String value = value(setting);
        try {
            int parsed = Integer.parseInt(value == null ? "" : value.strip());
            if (parsed < min || parsed > max) {
                problems.add(problem(setting, "must be between " + min + " and " + max + ", got " + parsed));
            }
            return parsed;
        } catch (NumberFormatException e) {
            problems.add(problem(setting, "must be a whole number, got '" + value + "'"));
            return null;
        }
    }

    private Duration positive(List<Problem> problems, Setting setting) {
        Duration parsed = duration(problems, setting);
        if (parsed != null && parsed.isZero()) {
            problems.add(problem(setting, "must be at least 1s"));
            return null;
        }
        return parsed;
    }

    private Duration duration(List<Problem> problems, Setting setting) {
        String value = value(setting);
        try {
            return parseDuration(value == null ? "" : value);
        } catch (IllegalArgumentException e) {
            problems.add(problem(setting, "must be " + DURATION_FORMS + ", got '" + value + "'"));
            return null;
        }
    }

    private boolean bool(List<Problem> problems, Setting setting) {
        String value = value(setting);
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        switch (v) {
            case "true", "yes", "1", "on" -> {
                return true;
            }
            case "false", "no", "0", "off" -> {
                return false;
            }
            default -> {
                problems.add(problem(setting, "must be true or false, got '" + value + "'"));
                return false;
            }
        }
    }

    /** Passes a value to Ward's builder, unless it could not be parsed (then it keeps Ward's default). */
    private static <T> void whenParsed(T value, Consumer<T> option) {
        if (value != null) {
            option.accept(value);
        }
    }

    /** Builds Ward's settings, adding each of Ward's problems under the name of its option's setting. */
    private static AuthSettings wardSettings(AuthSettings.Builder ward, List<Problem> problems) {
        try {
            return ward.build();
        } catch (ConfigurationException e) {
            for (Problem problem : e.optionProblems()) {
                problems.add(new Problem(Setting.nameOf(problem.option()), problem.message()));
            }
            return null;
        }
    }

    /**
     * Renders every setting as a table for the start-up log: name, value and where it came
     * from ({@code -D}, {@code env} or {@code default}). Secrets show only whether they are set;
     * a password inside the JDBC URL is masked.
     *
     * @return the table, one line per setting
     */
    public String describe() {
        StringBuilder out = new StringBuilder();
        for (Setting setting : Setting.values()) {
            String value = value(setting);
            String shown;
            if (value == null) {
                shown = switch (setting) {
                    case ACCESS_TOKEN_PRIVATE_KEY -> "(unset: generated)";
                    case SMTP_HOST -> "(unset: outbox)";
                    case APP_URL -> "(unset: http://localhost:" + value(Setting.PORT) + "/)";
                    default -> "(unset)";
                };
            } else if (setting.secret) {
                shown = "****** (set)";
            } else if (setting == Setting.DB) {
                shown = maskUrl(value);
            } else {
                shown = value;
            }
            out.append(String.format(Locale.ROOT, "  %-25s %-34s %-8s %s%n", setting.name(), shown,
                    sources.get(setting), setting.help));
        }
        return out.toString();
    }

    static String maskUrl(String url) {
        String masked = URL_PASSWORD.matcher(url).replaceAll("$1******");
        return URL_USER_INFO.matcher(masked).replaceAll("$1******@");
    }

    /** @return the HTTP port; 0 picks a free one */
    public int port() {
        return port;
    }

    /** @return the address to listen on; default {@code 0.0.0.0} */
    public String host() {
        return host;
    }

    /** @return the JDBC URL, or {@link #MEMORY} */
    public String db() {
        return db;
    }

    /** @return whether the in-memory stores are used */
    public boolean inMemory() {
        return MEMORY.equals(db);
    }

    /** @return the database user, or null */
    public String dbUser() {
        return dbUser;
    }

    /** @return the database password, or null; a secret */
    String dbPassword() {
        return dbPassword;
    }

    /** @return how long a request waits for a pooled database connection */
    public Duration dbPoolTimeout() {
        return dbPoolTimeout;
    }

    /** @return how long one statement of the session store may run */
    public Duration dbQueryTimeout() {
        return dbQueryTimeout;
    }

    /** @return the HS256 secret's bytes, a copy; empty when one is to be generated */
    Optional<byte[]> accessTokenSecret() {
        return Optional.ofNullable(accessTokenSecret).map(byte[]::clone);
    }

    /** @return whether the refresh cookie carries the Secure flag */
    public boolean cookieSecure() {
        return cookieSecure;
    }

    /** @return Ward's settings: bcrypt cost, lifetimes, grace window, strict sessions */
    public AuthSettings authSettings() {
        return authSettings;
    }

    /** @return how the server delivers the lifecycle's messages: over SMTP or into the outbox folder */
    public MailConfig mail() {
        return mail;
    }

    /** @return the admin's e-mail address, when an admin is to be created at start-up */
    public Optional<String> adminEmail() {
        return Optional.ofNullable(adminEmail);
    }

    /** @return the admin's password; a secret */
    Optional<String> adminPassword() {
        return Optional.ofNullable(adminPassword);
    }

    /** @return the admin's user name; default {@code admin} */
    public String adminUserName() {
        return adminUserName == null ? "admin" : adminUserName;
    }

    @Override
    public String toString() {
        return "ServerConfig[\n" + describe() + "]";
    }
}
