package dev.ward.examples;

import dev.ward.Notification;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One background thread that delivers the server's messages in the order they were given, so
 * that the request which caused a message answers at once and its timing reveals nothing
 * (a password reset for an unknown address takes as long as for a known one). At most
 * {@value #CAPACITY} messages wait; beyond that a message is dropped and logged, so a flood of
 * requests cannot exhaust the memory. A failed delivery is logged with the message's kind and
 * recipient only, never its text, which may hold a token.
 */
final class MailQueue implements AutoCloseable {

    /** How many messages may wait for the thread. */
    static final int CAPACITY = 1_000;
    /** How long {@link #close()} waits for the messages still queued. */
    static final long CLOSE_WAIT_SECONDS = 10;

    /** Delivers one message on the queue's thread. */
    @FunctionalInterface
    interface Delivery {
        /**
         * Delivers the message.
         *
         * @param message the message
         * @throws Exception if it could not be delivered
         */
        void deliver(Notification message) throws Exception;
    }

    private static final Logger LOG = LoggerFactory.getLogger(MailQueue.class);

    private final String channel;
    private final Delivery delivery;
    private final ThreadPoolExecutor executor;

    /**
     * @param channel where messages go, for logs (for example {@code smtp} or {@code outbox})
     * @param delivery what delivers one message
     */
    MailQueue(String channel, Delivery delivery) {
        this.channel = channel;
        this.delivery = delivery;
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(CAPACITY),
                r -> {
                    Thread t = new Thread(r, "ward-mail-" + channel);
                    t.setDaemon(true);
                    return t;
                });
    }

    /** Queues a message for delivery and returns at once; drops it, logged, when the queue is full or closed. */
    void submit(Notification message) {
        try {
            executor.execute(() -> deliverNow(message));
        } catch (RejectedExecutionException e) {
            LOG.warn("{}: dropped the {} message to {}: {}", channel, MailText.kind(message), message.recipient(),
                    executor.isShutdown() ? "the server is stopping" : "more than " + CAPACITY + " messages wait");
        }
    }

    private void deliverNow(Notification message) {
        try {
            delivery.deliver(message);
            LOG.debug("{}: delivered the {} message to {}", channel, MailText.kind(message), message.recipient());
        } catch (Exception e) {
            // Never the message or its stack trace: the text holds the token. The type and message of a
            // mail or file failure name the server, the address or the path, never the body.
            LOG.warn("{}: could not deliver the {} message to {}: {}: {}", channel, MailText.kind(message),
                    message.recipient(), e.getClass().getName(), e.getMessage());
        }
    }

    /** Stops taking messages, waits up to {@value #CLOSE_WAIT_SECONDS} s for those queued, then stops the thread. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                int left = executor.shutdownNow().size();
                LOG.warn("{}: stopped with {} messages undelivered", channel, left);
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
