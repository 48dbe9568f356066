package dev.ward.examples;

import dev.ward.Notifier;

/**
 * A {@link Notifier} that delivers on a thread of its own and must be closed with the server:
 * {@link SmtpNotifier} or {@link OutboxNotifier}.
 */
interface MailDelivery extends Notifier, AutoCloseable {

    /** Stops taking messages and waits briefly for those queued; never throws. */
    @Override
    void close();
}
