package dev.ward.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ward.Notification;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The mail queue (one background thread per delivery)")
class MailQueueTest {

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @BeforeEach
    void capture() {
        originalErr = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setErr(originalErr);
    }

    private static Notification notice(int n) {
        return new Notification.PasswordChanged(MailTextTest.USER, "n" + n + "@example.com",
                Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    @DisplayName("submit returns at once while a delivery hangs, delivers in order, and drops what overflows, logged")
    void returnsAtOnceKeepsOrderDropsOverflow() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        List<String> delivered = new CopyOnWriteArrayList<>();
        MailQueue queue = new MailQueue("test", message -> {
            started.countDown();
            assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
            delivered.add(message.recipient());
        });

        queue.submit(notice(0)); // taken by the thread, which then waits
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        for (int n = 1; n <= MailQueue.CAPACITY + 1; n++) {
            queue.submit(notice(n)); // the last one finds the queue full
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        release.countDown();
        queue.close();

        assertThat(log).contains("test: dropped the password_changed message to n" + (MailQueue.CAPACITY + 1)
                + "@example.com: more than " + MailQueue.CAPACITY + " messages wait");
        assertThat(delivered).hasSize(MailQueue.CAPACITY + 1).startsWith("n0@example.com", "n1@example.com")
                .endsWith("n" + MailQueue.CAPACITY + "@example.com");
    }

    @Test
    @DisplayName("after close, a message is dropped and logged, not lost in silence")
    void afterClose() {
        MailQueue queue = new MailQueue("test", message -> { });
        queue.close();

        queue.submit(notice(1));

        assertThat(captured.toString(StandardCharsets.UTF_8))
                .contains("test: dropped the password_changed message to n1@example.com: the server is stopping");
    }
}
