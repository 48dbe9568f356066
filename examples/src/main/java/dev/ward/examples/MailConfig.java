package dev.ward.examples;

import dev.ward.ConfigurationException.Problem;
import dev.ward.examples.ServerConfig.Setting;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * How the example server delivers the account lifecycle's messages, read from the
 * {@code SMTP_*}, {@code MAIL_*} and {@code APP_URL} settings of {@link ServerConfig}.
 *
 * <p>With {@code SMTP_HOST} set, every message goes over SMTP ({@link SmtpNotifier}); without
 * it, each is written as an {@code .eml} file into the {@code MAIL_OUTBOX} folder
 * ({@value #DEFAULT_OUTBOX} in the working directory by default, whatever the database),
 * readable by the server's user only ({@link OutboxNotifier}). {@code SMTP_TLS} is one of
 * {@code starttls} (the default: plain connection upgraded by STARTTLS, which must succeed),
 * {@code tls} (TLS from the first byte, usually port 465) or {@code none} (only for a server on
 * this machine, such as a test server). Links in messages start with {@code APP_URL}, by
 * default {@code http://localhost:<PORT>/} with the port the server listens on.
 *
 * <p>Immutable. {@link #toString()} never shows the SMTP password.
 */
public final class MailConfig {

    /** The default {@code SMTP_PORT}: message submission with STARTTLS. */
    public static final int DEFAULT_SMTP_PORT = 587;
    /** The default {@code MAIL_FROM}. */
    public static final String DEFAULT_FROM = "Ward <no-reply@localhost>";
    /** The default {@code MAIL_OUTBOX}, relative to the working directory. */
    public static final String DEFAULT_OUTBOX = "ward-outbox";

    /** How the connection to the SMTP server is protected. */
    public enum Tls {
        /** A plain connection that must be upgraded with STARTTLS before anything is sent. */
        STARTTLS,
        /** TLS from the first byte ("implicit TLS", SMTPS), usually on port 465. */
        TLS,
        /** No encryption: only for an SMTP server on this machine. */
        NONE;

        /**
         * Returns the word {@code SMTP_TLS} takes for this mode.
         *
         * @return {@code starttls}, {@code tls} or {@code none}
         */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final String smtpHost;
    private final int smtpPort;
    private final String smtpUser;
    private final String smtpPassword;
    private final Tls tls;
    private final InternetAddress from;
    private final Path outbox;
    private final URI appUrl;

    private MailConfig(String smtpHost, int smtpPort, String smtpUser, String smtpPassword, Tls tls,
                       InternetAddress from, Path outbox, URI appUrl) {
        this.smtpHost = smtpHost;
        this.smtpPort = smtpPort;
        this.smtpUser = smtpUser;
        this.smtpPassword = smtpPassword;
        this.tls = tls;
        this.from = from;
        this.outbox = outbox;
        this.appUrl = appUrl;
    }

    /**
     * Reads the mail settings, adding a problem under the setting's name for each bad one.
     *
     * @param value a setting's value, its default applied, or null when it has none
     * @param problems where problems are added
     * @return the settings; meaningless when a problem was added
     */
    static MailConfig parse(Function<Setting, String> value, List<Problem> problems) {
        String host = strip(value.apply(Setting.SMTP_HOST));
        int port = DEFAULT_SMTP_PORT;
        String portText = strip(value.apply(Setting.SMTP_PORT));
        try {
            port = Integer.parseInt(portText == null ? "" : portText);
            if (port < 1 || port > 65_535) {
                problems.add(new Problem(Setting.SMTP_PORT.name(), "must be between 1 and 65535, got " + port));
            }
        } catch (NumberFormatException e) {
            problems.add(new Problem(Setting.SMTP_PORT.name(), "must be a whole number, got '" + portText + "'"));
        }
        String user = value.apply(Setting.SMTP_USER);
        String password = value.apply(Setting.SMTP_PASSWORD);
        if ((user == null) != (password == null)) {
            problems.add(new Problem(Setting.SMTP_USER.name(), "and SMTP_PASSWORD must be set together"));
        }
        if (host == null && user != null) {
            problems.add(new Problem(Setting.SMTP_USER.name(), "needs SMTP_HOST"));
        }
        Tls tls = Tls.STARTTLS;
        String tlsText = strip(value.apply(Setting.SMTP_TLS));
        try {
            tls = Tls.valueOf((tlsText == null ? "" : tlsText).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(Setting.SMTP_TLS.name(), "must be starttls, tls or none, got '" + tlsText + "'"));
        }
        if (tls == Tls.NONE && password != null && host != null && !isLoopback(host)) {
            problems.add(new Problem(Setting.SMTP_TLS.name(), "none would send SMTP_PASSWORD in clear text to "
                    + host + ": use starttls or tls"));
        }
        InternetAddress from = null;
        String fromText = value.apply(Setting.MAIL_FROM);
        try {
            from = new InternetAddress(fromText == null ? "" : fromText.strip(), true);
        } catch (AddressException e) {
            problems.add(new Problem(Setting.MAIL_FROM.name(), "must be an address such as "
                    + "'Ward <no-reply@example.com>', got '" + fromText + "'"));
        }
        Path outbox = null;
        String outboxText = strip(value.apply(Setting.MAIL_OUTBOX));
        try {
            outbox = Path.of(outboxText == null ? DEFAULT_OUTBOX : outboxText);
        } catch (InvalidPathException e) {
            problems.add(new Problem(Setting.MAIL_OUTBOX.name(), "must be a folder path, got '" + outboxText + "'"));
        }
        URI appUrl = null;
        String appUrlText = strip(value.apply(Setting.APP_URL));
        if (appUrlText != null) {
            appUrl = appUrl(appUrlText, problems);
        }
        return new MailConfig(host, port, user, password, tls, from, outbox, appUrl);
    }

    private static URI appUrl(String text, List<Problem> problems) {
        String problem;
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                problem = "must start with http:// or https://";
            } else if (uri.getHost() == null) {
                problem = "must name a host";
            } else if (uri.getRawUserInfo() != null) {
                problem = "must not hold a user name or password";
            } else if (uri.getRawFragment() != null || text.contains("#")) {
                problem = "must not have a fragment (#...): the links put the token there";
            } else {
                return uri;
            }
        } catch (URISyntaxException e) {
            problem = "is not a valid URL";
        }
        problems.add(new Problem(Setting.APP_URL.name(), problem + ", got '" + text + "'"));
        return null;
    }

    private static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        // Only a literal address: resolving a name here could block the start on DNS.
        if (host.matches("[0-9.]+") || host.contains(":")) {
            try {
                return InetAddress.getByName(host).isLoopbackAddress();
            } catch (java.net.UnknownHostException e) {
                return false;
            }
        }
        return false;
    }

    private static String strip(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** @return the SMTP server's host; empty when messages go to the outbox folder */
    public Optional<String> smtpHost() {
        return Optional.ofNullable(smtpHost);
    }

    /** @return the SMTP port; default {@value #DEFAULT_SMTP_PORT} */
    public int smtpPort() {
        return smtpPort;
    }

    /** @return the SMTP user; empty for a server that needs no log-in */
    public Optional<String> smtpUser() {
        return Optional.ofNullable(smtpUser);
    }

    /** @return the SMTP password, set together with the user; a secret */
    Optional<String> smtpPassword() {
        return Optional.ofNullable(smtpPassword);
    }

    /** @return how the SMTP connection is protected; default {@link Tls#STARTTLS} */
    public Tls tls() {
        return tls;
    }

    /** @return the sender of every message, a copy; default {@value #DEFAULT_FROM} */
    public InternetAddress from() {
        return (InternetAddress) from.clone();
    }

    /** @return the folder messages are written to when no SMTP host is set */
    public Path outbox() {
        return outbox;
    }

    /** @return the base of the links in messages; empty for {@code http://localhost:<port>/} */
    public Optional<URI> appUrl() {
        return Optional.ofNullable(appUrl);
    }

    @Override
    public String toString() {
        return smtpHost == null ? "MailConfig[outbox=" + outbox.toAbsolutePath() + "]"
                : "MailConfig[smtp=" + smtpHost + ":" + smtpPort + ", tls=" + tls.word()
                        + (smtpUser == null ? "" : ", user=" + smtpUser + ", password=******") + ", from=" + from
                        + "]";
    }
}
