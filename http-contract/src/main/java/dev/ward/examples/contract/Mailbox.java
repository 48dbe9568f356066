package dev.ward.examples.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real SMTP server for the tests (GreenMail, on a free port of 127.0.0.1) and what the tests
 * need of the mail it received: wait for the next message to an address, read the single-use
 * token out of its link, and check that an address got nothing. Waiting uses GreenMail's own
 * notification of each arriving message, never a sleep.
 *
 * <p>The tests start and stop it themselves ({@link #start()}, {@link #close()}) rather than
 * through {@code GreenMailExtension}: an extension registered on the class is applied again to
 * each {@code @Nested} class, which would start a second server on another port.
 */
public final class Mailbox implements AutoCloseable {

    /** The fragment action of a verification link. */
    public static final String VERIFY_EMAIL = "verify-email";
    /** The fragment action of a password-reset link. */
    public static final String RESET_PASSWORD = "reset-password";
    /** The fragment action of the link that confirms a new address. */
    public static final String CONFIRM_EMAIL = "confirm-email";
    /** The fragment action of a log-in link. */
    public static final String LOG_IN_LINK = "log-in-link";

    /** How long a test waits for a message the server sends on its background thread. */
    static final Duration WAIT = Duration.ofSeconds(20);

    private final GreenMail greenMail;
    private final Set<String> taken = new HashSet<>();

    private Mailbox(GreenMail greenMail) {
        this.greenMail = greenMail;
    }

    /** Starts GreenMail's SMTP server on a free port. */
    public static Mailbox start() {
        ServerSetup smtp = ServerSetupTest.SMTP.dynamicPort();
        GreenMail greenMail = new GreenMail(smtp);
        greenMail.start();
        return new Mailbox(greenMail);
    }

    /** The server settings that send server's mail here. */
    public Map<String, String> serverSettings() {
        Map<String, String> settings = new HashMap<>();
        settings.put("SMTP_HOST", "127.0.0.1");
        settings.put("SMTP_PORT", Integer.toString(greenMail.getSmtp().getPort()));
        settings.put("SMTP_TLS", "none");
        settings.put("MAIL_FROM", "Ward tests <ward@example.org>");
        return settings;
    }

    /** One received message, read. */
    public record Mail(String to, String subject, String from, String body) {

        /** The token of the link to the demo page with this fragment's action. */
        public String token(String action) {
            Matcher m = Pattern.compile("(http://localhost:\\d+/)#" + Pattern.quote(action) + "=([A-Za-z0-9_-]+)")
                    .matcher(body);
            assertThat(m.find()).as("a #" + action + "= link in: " + body).isTrue();
            return m.group(2);
        }

        /** The whole link of this fragment's action. */
        public String link(String action) {
            Matcher m = Pattern.compile("http://\\S+#" + Pattern.quote(action) + "=[A-Za-z0-9_-]+").matcher(body);
            assertThat(m.find()).as("a #" + action + "= link in: " + body).isTrue();
            return m.group();
        }
    }

    /**
     * Waits for the next message to an address that no earlier call returned.
     *
     * @param to the recipient
     * @param subject the subject it must have
     * @return the message
     */
    public synchronized Mail next(String to, String subject) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            MimeMessage[] received = greenMail.getReceivedMessages();
            for (MimeMessage message : received) {
                Mail mail = read(message);
                String id = id(message);
                if (mail.to().equalsIgnoreCase(to) && mail.subject().equals(subject) && !taken.contains(id)) {
                    taken.add(id);
                    return mail;
                }
            }
            long left = deadline - System.nanoTime();
            assertThat(left).as("a message '" + subject + "' to " + to + " within " + WAIT + "; got "
                    + Arrays.stream(received).map(Mailbox::read).map(Mail::subject).toList()).isPositive();
            greenMail.waitForIncomingEmail(Math.max(1, left / 1_000_000), received.length + 1);
        }
    }

    /** Every message received so far to an address. */
    public List<Mail> allTo(String to) {
        return Arrays.stream(greenMail.getReceivedMessages()).map(Mailbox::read)
                .filter(mail -> mail.to().equalsIgnoreCase(to)).toList();
    }

    private static String id(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Mail read(MimeMessage message) {
        try {
            Object content = message.getContent();
            return new Mail(message.getRecipients(Message.RecipientType.TO)[0].toString(), message.getSubject(),
                    message.getFrom()[0].toString(), content.toString());
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
