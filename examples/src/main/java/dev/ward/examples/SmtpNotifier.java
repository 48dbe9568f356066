package dev.ward.examples;

import dev.ward.Notification;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.time.Clock;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * Sends the account lifecycle's messages over SMTP with Jakarta Mail (Eclipse Angus Mail), as
 * {@link MailConfig} says: host, port, optional log-in, and {@code starttls} (required, not
 * merely tried), {@code tls} or {@code none}; the server's certificate must name the host.
 *
 * <p>{@link #send} only queues the message: one background thread sends, in order (see
 * {@link MailQueue}), with connection, read and write timeouts of
 * {@value #TIMEOUT_MILLIS} ms, so a slow or absent SMTP server never holds up a request. A
 * failure is logged with the message's kind and recipient, never its token. Thread-safe;
 * {@link #close()} waits briefly for queued messages.
 */
final class SmtpNotifier implements MailDelivery {

    /** The connection, read and write timeout of the SMTP client, in milliseconds. */
    static final int TIMEOUT_MILLIS = 10_000;

    private final Session session;
    private final String user;
    private final String password;
    private final InternetAddress from;
    private final Supplier<URI> appUrl;
    private final Clock clock;
    private final MailQueue queue;

    /**
     * @param config the SMTP settings; its host must be set
     * @param appUrl the base of links, asked for each message (the port may be known only after the start)
     * @param clock the date of each message
     */
    SmtpNotifier(MailConfig config, Supplier<URI> appUrl, Clock clock) {
        String host = config.smtpHost().orElseThrow(() -> new IllegalArgumentException("no SMTP host"));
        Properties props = new Properties();
        props.setProperty("mail.transport.protocol", "smtp");
        props.setProperty("mail.smtp.host", host);
        props.setProperty("mail.smtp.port", Integer.toString(config.smtpPort()));
        props.setProperty("mail.smtp.connectiontimeout", Integer.toString(TIMEOUT_MILLIS));
        props.setProperty("mail.smtp.timeout", Integer.toString(TIMEOUT_MILLIS));
        props.setProperty("mail.smtp.writetimeout", Integer.toString(TIMEOUT_MILLIS));
        props.setProperty("mail.smtp.auth", Boolean.toString(config.smtpUser().isPresent()));
        switch (config.tls()) {
            case STARTTLS -> {
                props.setProperty("mail.smtp.starttls.enable", "true");
                // Without this, a server (or someone in between) that does not offer STARTTLS gets the mail in clear.
                props.setProperty("mail.smtp.starttls.required", "true");
                props.setProperty("mail.smtp.ssl.checkserveridentity", "true");
            }
            case TLS -> {
                props.setProperty("mail.smtp.ssl.enable", "true");
                props.setProperty("mail.smtp.ssl.checkserveridentity", "true");
            }
            case NONE -> {
                // A server on this machine; MailConfig refuses a password sent in clear to another.
            }
        }
        this.session = Session.getInstance(props);
        this.user = config.smtpUser().orElse(null);
        this.password = config.smtpPassword().orElse(null);
        this.from = config.from();
        this.appUrl = Objects.requireNonNull(appUrl, "appUrl");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.queue = new MailQueue("smtp", this::deliver);
    }

    /** Queues the message for sending and returns at once. */
    @Override
    public void send(Notification message) {
        queue.submit(Objects.requireNonNull(message, "message"));
    }

    private void deliver(Notification message) throws Exception {
        MimeMessage mime = MailText.mime(MailText.of(message, appUrl.get()), session, from, clock.instant());
        if (user == null) {
            Transport.send(mime);
        } else {
            Transport.send(mime, user, password);
        }
    }

    /** Stops taking messages and waits up to {@value MailQueue#CLOSE_WAIT_SECONDS} s for those queued. */
    @Override
    public void close() {
        queue.close();
    }

    @Override
    public String toString() {
        return "SmtpNotifier[" + session.getProperty("mail.smtp.host") + ":" + session.getProperty("mail.smtp.port")
                + "]";
    }
}
