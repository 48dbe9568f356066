package dev.ward.examples;

import dev.ward.examples.contract.Api;
import dev.ward.examples.contract.HttpApiContract;
import dev.ward.examples.contract.Mailbox;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ward.Notification;
import dev.ward.store.OneTimeTokenPurpose;
import dev.ward.store.tck.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two deliveries of the example server, with the server's log captured (as in
 * {@link LogFormatTest}) to check that no token ever reaches it.
 */
@DisplayName("Mail delivery")
class MailDeliveryTest {

    private static final Pattern LINK_TOKEN =
            Pattern.compile("#(verify-email|reset-password|confirm-email|log-in-link)=([A-Za-z0-9_-]{43})");
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @TempDir
    Path dir;

    @BeforeEach
    void capture() {
        originalErr = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setErr(originalErr);
    }

    private String log() {
        return captured.toString(StandardCharsets.UTF_8);
    }

    private static Notification.OneTimeLink reset(String token) {
        return new Notification.OneTimeLink(OneTimeTokenPurpose.PASSWORD_RESET, MailTextTest.USER, "to@example.com",
                token, Instant.parse("2026-01-02T10:30:00Z"));
    }

    @Nested
    @DisplayName("into the outbox folder (no SMTP_HOST)")
    class Outbox {

        @Test
        @DisplayName("the server says where at start-up, writes one owner-only .eml per message, and logs no token")
        void serverWritesOwnerOnlyFiles() throws IOException {
            Path outbox = dir.resolve("outbox");
            try (WardServer server = WardServer.create(ServerConfig.of(Map.of("DB", "memory", "SALT", "4", "PORT", "0",
                    "HOST", "127.0.0.1", "ACCESS_TOKEN_PRIVATE_KEY", HttpApiContract.KEY,
                    "MAIL_OUTBOX", outbox.toString())), new MutableClock(Instant.parse("2026-04-01T10:00:00Z")))) {
                Api api = new Api(server.start());
                assertThat(api.signUp("olive", "olive@example.com", Api.PASSWORD).status()).isEqualTo(201);
                assertThat(api.json("POST", "/api/password/forgot", Map.of("email", "olive@example.com")).status())
                        .isEqualTo(202);
            } // stopping delivers what is queued

            List<Path> files;
            try (Stream<Path> list = Files.list(outbox)) {
                files = list.sorted().toList();
            }
            assertThat(files).hasSize(2).allSatisfy(f -> assertThat(f.getFileName().toString())
                    .startsWith("20260401T100000.000Z-").endsWith(".eml"));
            assertThat(files.get(0).getFileName().toString()).contains("email_verification");
            List<String> tokens = new ArrayList<>();
            for (Path file : files) {
                String text = Files.readString(file);
                assertThat(text).contains("To: olive@example.com", "From: Ward <no-reply@localhost>", "Subject: ");
                Matcher m = LINK_TOKEN.matcher(text);
                assertThat(m.find()).as(text).isTrue();
                assertThat(text).contains("http://localhost:");
                tokens.add(m.group(2));
                if (POSIX) {
                    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
                }
            }
            if (POSIX) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(outbox))).isEqualTo("rwx------");
            }
            assertThat(log()).contains("messages are written as files to " + outbox.toAbsolutePath());
            assertThat(tokens).hasSize(2).allSatisfy(token -> assertThat(log()).doesNotContain(token));
        }

        @Test
        @DisplayName("an existing folder that others could read is narrowed to its owner")
        void existingFolderNarrowed() throws IOException {
            Path outbox = Files.createDirectory(dir.resolve("shared"));
            if (POSIX) {
                Files.setPosixFilePermissions(outbox, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            OutboxNotifier notifier = new OutboxNotifier(outbox, ServerConfig.of(Map.of()).mail().from(),
                    () -> URI.create("http://localhost:8080/"), new MutableClock(Instant.parse("2026-04-01T10:00:00Z")));
            notifier.send(reset(MailTextTest.TOKEN));
            notifier.close();

            if (POSIX) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(outbox))).isEqualTo("rwx------");
            }
            try (Stream<Path> list = Files.list(outbox)) {
                assertThat(list.toList()).singleElement().satisfies(file -> assertThat(Files.readString(file))
                        .contains("http://localhost:8080/#reset-password=" + MailTextTest.TOKEN));
            }
        }

        @Test
        @DisplayName("a file that cannot be written is logged with the kind and recipient, not the token")
        void failureLoggedWithoutToken() throws IOException {
            Path outbox = dir.resolve("gone");
            OutboxNotifier notifier = new OutboxNotifier(outbox, ServerConfig.of(Map.of()).mail().from(),
                    () -> URI.create("http://localhost:8080/"), new MutableClock(Instant.parse("2026-04-01T10:00:00Z")));
            Files.delete(outbox);

            notifier.send(reset(MailTextTest.TOKEN));
            notifier.close();

            assertThat(log()).contains("outbox: could not deliver the password_reset message to to@example.com")
                    .doesNotContain(MailTextTest.TOKEN);
        }
    }

    @Nested
    @DisplayName("over SMTP")
    class Smtp {

        @Test
        @DisplayName("a server that cannot be reached is logged with the kind and recipient, never the token, "
                + "and the request is not held up")
        void unreachableLoggedWithoutToken() throws IOException {
            int closedPort;
            try (ServerSocket socket = new ServerSocket(0)) {
                closedPort = socket.getLocalPort();
            }
            MailConfig config = ServerConfig.of(Map.of("SMTP_HOST", "127.0.0.1", "SMTP_PORT",
                    Integer.toString(closedPort), "SMTP_TLS", "none")).mail();
            SmtpNotifier notifier = new SmtpNotifier(config, () -> URI.create("http://localhost:8080/"),
                    new MutableClock(Instant.parse("2026-04-01T10:00:00Z")));

            notifier.send(reset(MailTextTest.TOKEN));
            notifier.close();

            assertThat(log()).contains("smtp: could not deliver the password_reset message to to@example.com")
                    .doesNotContain(MailTextTest.TOKEN);
        }

        @Test
        @DisplayName("with SMTP_TLS=starttls, a server that does not offer STARTTLS gets nothing in clear")
        void starttlsIsRequired() {
            try (Mailbox mailbox = Mailbox.start()) {
                Map<String, String> settings = new java.util.HashMap<>(mailbox.serverSettings());
                settings.put("SMTP_TLS", "starttls");
                SmtpNotifier notifier = new SmtpNotifier(ServerConfig.of(settings).mail(),
                        () -> URI.create("http://localhost:8080/"), new MutableClock(Instant.parse("2026-04-01T10:00:00Z")));

                notifier.send(reset(MailTextTest.TOKEN));
                notifier.close();

                assertThat(mailbox.allTo("to@example.com")).isEmpty();
                assertThat(log()).contains("smtp: could not deliver the password_reset message to to@example.com")
                        .doesNotContain(MailTextTest.TOKEN);
            }
        }

        @Test
        @DisplayName("a message reaches the SMTP server with its sender, subject and link")
        void delivered() {
            try (Mailbox mailbox = Mailbox.start()) {
                SmtpNotifier notifier = new SmtpNotifier(ServerConfig.of(mailbox.serverSettings()).mail(),
                        () -> URI.create("https://app.example.com/"), new MutableClock(Instant.parse("2026-04-01T10:00:00Z")));

                notifier.send(reset(MailTextTest.TOKEN));
                notifier.close();

                Mailbox.Mail mail = mailbox.next("to@example.com", "Reset your password");
                assertThat(mail.from()).isEqualTo("Ward tests <ward@example.org>");
                assertThat(mail.body()).contains("https://app.example.com/#reset-password=" + MailTextTest.TOKEN);
                assertThat(log()).doesNotContain(MailTextTest.TOKEN);
            }
        }
    }
}
