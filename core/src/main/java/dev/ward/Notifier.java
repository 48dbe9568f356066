package dev.ward;

/**
 * Delivers the messages of the account lifecycle (links to verify an address, reset a
 * password, confirm a new address or log in, and notices such as "your password was changed")
 * to their recipients. Ward never sends mail itself: the host implements this, typically over
 * SMTP or a mail API, and gives it to {@link AuthManager.Builder#notifier(Notifier)}.
 *
 * <p>Ward calls {@link #send} on the thread of the request that caused the message, after the
 * store has recorded what the message refers to. So that the time of an answer reveals nothing
 * (a password-reset request for an unknown address must not come back faster than for a known
 * one), an implementation should hand the message to a queue or a background thread and
 * return at once. A notifier that throws is logged (never with the message's token) and
 * otherwise ignored: the request still succeeds, and the user can ask again.
 *
 * <p>Implementations must be safe to call from many threads, and must never log a
 * {@link Notification.OneTimeLink#token()}.
 */
@FunctionalInterface
public interface Notifier {

    /** A notifier that drops every message; the default when the host sets none. */
    Notifier NONE = message -> { };

    /**
     * Delivers one message, or queues it for delivery.
     *
     * @param message what to send and to whom; never null
     */
    void send(Notification message);
}
