package dev.ward.examples.springboot;

import dev.ward.Notification;
import dev.ward.Notification.EmailChangeRequested;
import dev.ward.Notification.OneTimeLink;
import dev.ward.Notification.PasswordChanged;
import dev.ward.Notifier;
import dev.ward.store.OneTimeTokenPurpose;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The sample's mail, as the example server writes it: a plain-text message per
 * {@link Notification}, whose links are {@code APP_URL#<action>=<token>} (the token in the
 * fragment, which no browser sends to a server). Sent over SMTP when {@code SMTP_HOST} is set
 * ({@code SMTP_TLS}: {@code starttls}, required; {@code tls}; or {@code none}), else written as a
 * file into the outbox folder, readable by this user only. One background thread delivers in
 * order, so a request never waits for the mail server; {@link #close()} delivers what is queued,
 * waiting a few seconds at most. Logs name a message's kind and recipient, never its body.
 */
public final class SampleMail implements Notifier, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SampleMail.class);
    private static final int TIMEOUT_MILLIS = 10_000;
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final Session session;
    private final Path outbox;
    private final InternetAddress from;
    private final String appUrl;
    private final Environment environment;
    private final Clock clock;
    private final AtomicLong sequence = new AtomicLong();
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ward-mail");
        t.setDaemon(true);
        return t;
    });

    private SampleMail(Session session, Path outbox, InternetAddress from, String appUrl, Environment environment,
                       Clock clock) {
        this.session = session;
        this.outbox = outbox;
        this.from = from;
        this.appUrl = appUrl;
        this.environment = environment;
        this.clock = clock;
    }

    /**
     * Reads the {@code sample.mail.*} settings.
     *
     * @param binder the settings
     * @param environment where the web server's port appears once it listens
     * @param clock the clock of the messages' dates
     * @return the notifier
     * @throws IllegalStateException if {@code MAIL_FROM} is not an address or {@code SMTP_TLS} is unknown
     */
    static SampleMail of(Binder binder, Environment environment, Clock clock) {
        String host = binder.bind("sample.mail.smtp-host", String.class).orElse("");
        InternetAddress from;
        try {
            from = new InternetAddress(binder.bind("sample.mail.from", String.class).orElse("Ward <no-reply@localhost>"),
                    true);
        } catch (MessagingException e) {
            throw new IllegalStateException("MAIL_FROM is not an e-mail address", e);
        }
        String appUrl = binder.bind("sample.mail.app-url", String.class).orElse("");
        if (host.isBlank()) {
            Path outbox = Path.of(binder.bind("sample.mail.outbox", String.class).orElse("ward-outbox"));
            LOG.info("no SMTP_HOST: messages are written as files to {} (readable by this user only); "
                    + "set SMTP_HOST to send them", outbox.toAbsolutePath());
            return new SampleMail(null, outbox, from, appUrl, environment, clock);
        }
        Properties props = new Properties();
        props.setProperty("mail.smtp.host", host);
        props.setProperty("mail.smtp.port", Integer.toString(binder.bind("sample.mail.smtp-port", Integer.class)
                .orElse(587)));
        props.setProperty("mail.smtp.connectiontimeout", Integer.toString(TIMEOUT_MILLIS));
        props.setProperty("mail.smtp.timeout", Integer.toString(TIMEOUT_MILLIS));
        props.setProperty("mail.smtp.writetimeout", Integer.toString(TIMEOUT_MILLIS));
        String tls = binder.bind("sample.mail.smtp-tls", String.class).orElse("starttls").strip().toLowerCase(Locale.ROOT);
        switch (tls) {
            case "starttls" -> {
                props.setProperty("mail.smtp.starttls.enable", "true");
                // Without this, a server (or someone in between) that does not offer STARTTLS gets the mail in clear.
                props.setProperty("mail.smtp.starttls.required", "true");
                props.setProperty("mail.smtp.ssl.checkserveridentity", "true");
            }
            case "tls" -> {
                props.setProperty("mail.smtp.ssl.enable", "true");
                props.setProperty("mail.smtp.ssl.checkserveridentity", "true");
            }
            case "none" -> {
                // Plain SMTP: for a relay on the same host or a test server only.
            }
            default -> throw new IllegalStateException("SMTP_TLS must be starttls, tls or none");
        }
        String user = binder.bind("sample.mail.smtp-user", String.class).orElse("");
        String password = binder.bind("sample.mail.smtp-password", String.class).orElse("");
        props.setProperty("mail.smtp.auth", Boolean.toString(!user.isBlank()));
        Session session = user.isBlank() ? Session.getInstance(props) : Session.getInstance(props, new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(user, password);
            }
        });
        LOG.info("messages are sent over SMTP to {}:{} (SMTP_TLS={})", host, props.getProperty("mail.smtp.port"), tls);
        return new SampleMail(session, null, from, appUrl, environment, clock);
    }

    /** A message, ready to send. */
    record Mail(String kind, String recipient, String subject, String body) {
    }

    @Override
    public void send(Notification message) {
        Mail mail = write(message, appUrl());
        try {
            sender.execute(() -> deliver(mail));
        } catch (RejectedExecutionException e) {
            LOG.warn("mail {} to {} not sent: the application is stopping", mail.kind(), mail.recipient());
        }
    }

    /** The base of links: APP_URL, else this application on localhost at the port it listens on. */
    private String appUrl() {
        if (!appUrl.isBlank()) {
            return appUrl;
        }
        return "http://localhost:" + environment.getProperty("local.server.port",
                environment.getProperty("server.port", "8080")) + "/";
    }

    private void deliver(Mail mail) {
        try {
            if (session != null) {
                MimeMessage mime = new MimeMessage(session);
                mime.setFrom(from);
                mime.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.recipient(), true));
                mime.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
                mime.setText(mail.body(), StandardCharsets.UTF_8.name());
                mime.setSentDate(Date.from(clock.instant()));
                mime.saveChanges();
                Transport.send(mime);
            } else {
                writeToOutbox(mail);
            }
            LOG.info("mail {} to {} sent", mail.kind(), mail.recipient());
        } catch (MessagingException | RuntimeException e) {
            LOG.warn("mail {} to {} failed: {}", mail.kind(), mail.recipient(), e.getClass().getName());
        }
    }

    private void writeToOutbox(Mail mail) {
        Set<PosixFilePermission> folderPermissions = PosixFilePermissions.fromString("rwx------");
        Set<PosixFilePermission> filePermissions = PosixFilePermissions.fromString("rw-------");
        try {
            if (!Files.isDirectory(outbox)) {
                Files.createDirectories(outbox);
                trySetPermissions(outbox, folderPermissions);
            }
            // Several applications may share a folder (and a test's stopped clock): a random part keeps names apart.
            Path file = outbox.resolve(clock.millis() + "-" + sequence.incrementAndGet() + "-" + UUID.randomUUID() + "-"
                    + mail.kind() + ".eml");
            Files.createFile(file);
            trySetPermissions(file, filePermissions);
            Files.writeString(file, "From: " + from + "\r\nTo: " + mail.recipient() + "\r\nSubject: " + mail.subject()
                    + "\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + mail.body(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void trySetPermissions(Path path, Set<PosixFilePermission> permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, permissions);
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system (Windows): the folder's own access rules apply.
        }
    }

    /** Delivers what is queued, waiting five seconds at most, and stops the sending thread. */
    @Override
    public void close() {
        sender.shutdown();
        try {
            if (!sender.awaitTermination(5, TimeUnit.SECONDS)) {
                sender.shutdownNow();
            }
        } catch (InterruptedException e) {
            sender.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** The plain-text mail of a message, as the example server writes it. */
    static Mail write(Notification message, String appUrl) {
        String hello = "Hello " + message.user().userName() + ",\n\n";
        String ignore = "If you did not ask for this, ignore this message: nothing changes unless the link is used.\n";
        if (message instanceof OneTimeLink link) {
            String url = URI.create(appUrl) + "#" + action(link.purpose()) + "=" + link.token();
            String until = "The link works once, until " + WHEN.format(link.expiresAt()) + ".\n\n";
            String kind = link.purpose().code();
            return switch (link.purpose()) {
                case EMAIL_VERIFICATION -> new Mail(kind, link.recipient(), "Confirm your e-mail address",
                        hello + "please confirm that " + link.recipient() + " is your address by opening this link:\n\n"
                                + url + "\n\n" + until + "If you did not sign up, ignore this message.\n");
                case PASSWORD_RESET -> new Mail(kind, link.recipient(), "Reset your password",
                        hello + "someone (we hope you) asked to reset the password of your account. To choose a "
                                + "new one, open this link:\n\n" + url + "\n\n" + until + ignore);
                case EMAIL_CHANGE -> new Mail(kind, link.recipient(), "Confirm your new e-mail address",
                        hello + "to make " + link.recipient() + " the address of your account, open this link:\n\n"
                                + url + "\n\n" + until + ignore);
                case LOG_IN_LINK -> new Mail(kind, link.recipient(), "Your log-in link",
                        hello + "to log in, open this link:\n\n" + url + "\n\n" + until + ignore);
                // Ward never mails a challenge: it is answered in the log-in that asked for it.
                case SECOND_FACTOR_CHALLENGE -> throw new IllegalArgumentException("a second-factor challenge has no link");
            };
        }
        if (message instanceof PasswordChanged changed) {
            return new Mail("password_changed", changed.recipient(), "Your password was changed",
                    hello + "the password of your account was changed on " + WHEN.format(changed.at())
                            + ", and every session was ended.\n\nIf you did not do this, reset your password now "
                            + "through \"Forgot password\" and tell us.\n");
        }
        EmailChangeRequested requested = (EmailChangeRequested) message;
        return new Mail("email_change_requested", requested.recipient(), "A change of your e-mail address was asked for",
                hello + "on " + WHEN.format(requested.at()) + " someone logged in to your account asked to change "
                        + "its address to " + requested.newEmail() + ". The link that confirms it went to that "
                        + "address.\n\nIf this was not you, change your password now: your address stays "
                        + requested.recipient() + " unless the link is used.\n");
    }

    /** The fragment's action of a link, which the demo page reads. */
    static String action(OneTimeTokenPurpose purpose) {
        return switch (purpose) {
            case EMAIL_VERIFICATION -> "verify-email";
            case PASSWORD_RESET -> "reset-password";
            case EMAIL_CHANGE -> "confirm-email";
            case LOG_IN_LINK -> "log-in-link";
            case SECOND_FACTOR_CHALLENGE -> throw new IllegalArgumentException("a second-factor challenge has no link");
        };
    }

    @Override
    public String toString() {
        return session != null ? "SampleMail[smtp " + session.getProperty("mail.smtp.host") + "]"
                : "SampleMail[outbox " + outbox + "]";
    }
}
