package dev.ward;

import dev.ward.store.OneTimeTokenPurpose;
import java.time.Instant;
import java.util.Objects;

/**
 * A message for a {@link Notifier} to deliver: either a single-use link for the user to
 * follow ({@link OneTimeLink}) or a notice about something that happened to the account.
 *
 * <p>{@link #recipient()} is the address to send to, which is not always the account's
 * current one: the link that confirms a new address goes to that new address. The
 * {@code toString()} of every message hides its token.
 */
public sealed interface Notification {

    /**
     * Returns the account the message is about, as it is when the message is made.
     *
     * @return the account
     */
    UserAccount user();

    /**
     * Returns the normalised e-mail address to deliver to.
     *
     * @return the address
     */
    String recipient();

    /**
     * A single-use link: the host builds a URL that carries {@link #token()} (best in the URL's
     * fragment, so that it reaches no server log and no {@code Referer}) and sends it. The
     * token is worth an account until {@link #expiresAt()}: never log it.
     *
     * @param purpose what the token is for: {@link OneTimeTokenPurpose#EMAIL_VERIFICATION},
     *     {@link OneTimeTokenPurpose#PASSWORD_RESET}, {@link OneTimeTokenPurpose#EMAIL_CHANGE}
     *     (sent to the new address) or {@link OneTimeTokenPurpose#LOG_IN_LINK}
     * @param user the account
     * @param recipient where to send it
     * @param token the token, URL-safe (base64url, 43 characters)
     * @param expiresAt when the token stops working
     */
    record OneTimeLink(OneTimeTokenPurpose purpose, UserAccount user, String recipient, String token,
                       Instant expiresAt) implements Notification {

        /**
         * Checks that no component is null.
         *
         * @param purpose as described for the record
         * @param user as described for the record
         * @param recipient as described for the record
         * @param token as described for the record
         * @param expiresAt as described for the record
         * @throws NullPointerException if a component is null
         */
        public OneTimeLink {
            Objects.requireNonNull(purpose, "purpose");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(recipient, "recipient");
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }

        @Override
        public String toString() {
            return "OneTimeLink[purpose=" + purpose + ", userId=" + user.id() + ", recipient=" + recipient
                    + ", token=***, expiresAt=" + expiresAt + "]";
        }
    }

    /**
     * A notice that the account's password was changed or reset, so that the owner learns of
     * a change they did not make.
     *
     * @param user the account
     * @param recipient the account's address
     * @param at when the password changed
     */
    record PasswordChanged(UserAccount user, String recipient, Instant at) implements Notification {

        /**
         * Checks that no component is null.
         *
         * @param user as described for the record
         * @param recipient as described for the record
         * @param at as described for the record
         * @throws NullPointerException if a component is null
         */
        public PasswordChanged {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(recipient, "recipient");
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * A notice to the account's current address that a change to {@code newEmail} was asked
     * for (the confirming link went to the new address), so that the owner of a stolen session
     * learns of it before the address is gone.
     *
     * @param user the account
     * @param recipient the account's current address
     * @param newEmail the address asked for
     * @param at when it was asked
     */
    record EmailChangeRequested(UserAccount user, String recipient, String newEmail, Instant at)
            implements Notification {

        /**
         * Checks that no component is null.
         *
         * @param user as described for the record
         * @param recipient as described for the record
         * @param newEmail as described for the record
         * @param at as described for the record
         * @throws NullPointerException if a component is null
         */
        public EmailChangeRequested {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(recipient, "recipient");
            Objects.requireNonNull(newEmail, "newEmail");
            Objects.requireNonNull(at, "at");
        }
    }
}
