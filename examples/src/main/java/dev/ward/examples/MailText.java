package dev.ward.examples;

import dev.ward.Notification;
import dev.ward.Notification.EmailChangeRequested;
import dev.ward.Notification.OneTimeLink;
import dev.ward.Notification.PasswordChanged;
import dev.ward.store.OneTimeTokenPurpose;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Locale;

/**
 * The plain-text mail for each {@link Notification}: its subject, its body and, for a
 * {@link OneTimeLink}, the link {@code APP_URL#<action>=<token>}. The token goes into the
 * URL's fragment, which a browser never sends to a server, so it reaches no access log and
 * no {@code Referer}. The actions are those the demo page reads: {@value #VERIFY_EMAIL},
 * {@value #RESET_PASSWORD}, {@value #CONFIRM_EMAIL} and {@value #LOG_IN_LINK}.
 */
final class MailText {

    /** The fragment's action of an e-mail verification link. */
    static final String VERIFY_EMAIL = "verify-email";
    /** The fragment's action of a password-reset link. */
    static final String RESET_PASSWORD = "reset-password";
    /** The fragment's action of the link that confirms a new address. */
    static final String CONFIRM_EMAIL = "confirm-email";
    /** The fragment's action of a log-in link. */
    static final String LOG_IN_LINK = "log-in-link";

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    /**
     * One message, ready to send.
     *
     * @param kind what it is, for logs: the purpose's code, {@code password_changed} or
     *     {@code email_change_requested}; never secret
     * @param recipient the address
     * @param subject the subject line
     * @param body the plain text; holds the token of a link
     */
    record Mail(String kind, String recipient, String subject, String body) {

        @Override
        public String toString() {
            return "Mail[kind=" + kind + ", recipient=" + recipient + ", subject=" + subject + "]";
        }
    }

    private MailText() {
    }

    /** The kind of a message, for logs: safe to print. */
    static String kind(Notification message) {
        if (message instanceof OneTimeLink link) {
            return link.purpose().code();
        }
        return message instanceof PasswordChanged ? "password_changed" : "email_change_requested";
    }

    /** The fragment's action for a link's purpose. */
    static String action(OneTimeTokenPurpose purpose) {
        return switch (purpose) {
            case EMAIL_VERIFICATION -> VERIFY_EMAIL;
            case PASSWORD_RESET -> RESET_PASSWORD;
            case EMAIL_CHANGE -> CONFIRM_EMAIL;
            case LOG_IN_LINK -> LOG_IN_LINK;
            // The log-in's second step answers the challenge in the same exchange; it is never mailed.
            case SECOND_FACTOR_CHALLENGE -> throw new IllegalArgumentException("a second-factor challenge has no link");
        };
    }

    /** The link of a one-time token: {@code appUrl#action=token}. */
    static String link(URI appUrl, OneTimeTokenPurpose purpose, String token) {
        return appUrl + "#" + action(purpose) + "=" + token;
    }

    /**
     * Writes the mail for a message.
     *
     * @param message the message
     * @param appUrl the base of links, without a fragment
     * @return the mail
     */
    static Mail of(Notification message, URI appUrl) {
        String hello = "Hello " + message.user().userName() + ",\n\n";
        String ignore = "If you did not ask for this, ignore this message: nothing changes unless the link is used.\n";
        if (message instanceof OneTimeLink link) {
            String url = link(appUrl, link.purpose(), link.token());
            String until = "The link works once, until " + WHEN.format(link.expiresAt()) + ".\n\n";
            return switch (link.purpose()) {
                case EMAIL_VERIFICATION -> new Mail(kind(message), link.recipient(), "Confirm your e-mail address",
                        hello + "please confirm that " + link.recipient() + " is your address by opening this link:\n\n"
                                + url + "\n\n" + until + "If you did not sign up, ignore this message.\n");
                case PASSWORD_RESET -> new Mail(kind(message), link.recipient(), "Reset your password",
                        hello + "someone (we hope you) asked to reset the password of your account. To choose a "
                                + "new one, open this link:\n\n" + url + "\n\n" + until + ignore);
                case EMAIL_CHANGE -> new Mail(kind(message), link.recipient(), "Confirm your new e-mail address",
                        hello + "to make " + link.recipient() + " the address of your account, open this link:\n\n"
                                + url + "\n\n" + until + ignore);
                case LOG_IN_LINK -> new Mail(kind(message), link.recipient(), "Your log-in link",
                        hello + "to log in, open this link:\n\n" + url + "\n\n" + until + ignore);
                case SECOND_FACTOR_CHALLENGE -> throw new IllegalArgumentException(
                        "a second-factor challenge is never mailed");
            };
        }
        if (message instanceof PasswordChanged changed) {
            return new Mail(kind(message), changed.recipient(), "Your password was changed",
                    hello + "the password of your account was changed on " + WHEN.format(changed.at())
                            + ", and every session was ended.\n\nIf you did not do this, reset your password now "
                            + "through \"Forgot password\" and tell us.\n");
        }
        EmailChangeRequested requested = (EmailChangeRequested) message;
        return new Mail(kind(message), requested.recipient(), "A change of your e-mail address was asked for",
                hello + "on " + WHEN.format(requested.at()) + " someone logged in to your account asked to change "
                        + "its address to " + requested.newEmail() + ". The link that confirms it went to that "
                        + "address.\n\nIf this was not you, change your password now: your address stays "
                        + requested.recipient() + " unless the link is used.\n");
    }

    /**
     * Makes the MIME message of a mail: plain text in UTF-8, dated now.
     *
     * @param mail the mail
     * @param session the Jakarta Mail session
     * @param from the sender
     * @param now the date of the message
     * @return the message
     * @throws MessagingException if an address is refused
     */
    static MimeMessage mime(Mail mail, Session session, InternetAddress from, Instant now) throws MessagingException {
        MimeMessage mime = new MimeMessage(session);
        mime.setFrom(from);
        mime.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.recipient(), true));
        mime.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
        mime.setText(mail.body(), StandardCharsets.UTF_8.name());
        mime.setSentDate(Date.from(now));
        mime.saveChanges();
        return mime;
    }
}
