package dev.ward.examples;

import dev.ward.Notification;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Writes each of the account lifecycle's messages as one file, {@code <time>-<kind>-<n>.eml},
 * into a folder: the example server's delivery when no SMTP server is configured, so that a
 * developer can follow the links without a mail server. The files hold live tokens, so the
 * folder is made {@code rwx------} and each file {@code rw-------} where the file system has
 * POSIX permissions (elsewhere they inherit the folder's access rules).
 *
 * <p>{@link #send} only queues the message; one background thread writes the files in order
 * (see {@link MailQueue}). Thread-safe; {@link #close()} waits briefly for queued messages.
 */
final class OutboxNotifier implements MailDelivery {

    /** The permissions of the outbox folder, where supported. */
    static final Set<PosixFilePermission> FOLDER_PERMISSIONS = PosixFilePermissions.fromString("rwx------");
    /** The permissions of each message file, where supported. */
    static final Set<PosixFilePermission> FILE_PERMISSIONS = PosixFilePermissions.fromString("rw-------");

    private static final DateTimeFormatter FILE_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final Path folder;
    private final boolean posix;
    private final InternetAddress from;
    private final Supplier<URI> appUrl;
    private final Clock clock;
    private final Session session = Session.getInstance(new Properties());
    private final AtomicLong sequence = new AtomicLong();
    private final MailQueue queue;

    /**
     * Creates the folder if it does not exist and makes it owner-only.
     *
     * @param folder the outbox folder
     * @param from the sender written into each message
     * @param appUrl the base of links, asked for each message
     * @param clock the date of each message and file name
     * @throws UncheckedIOException if the folder cannot be created or its permissions set
     */
    OutboxNotifier(Path folder, InternetAddress from, Supplier<URI> appUrl, Clock clock) {
        this.folder = folder.toAbsolutePath().normalize();
        this.posix = this.folder.getFileSystem().supportedFileAttributeViews().contains("posix");
        this.from = from;
        this.appUrl = Objects.requireNonNull(appUrl, "appUrl");
        this.clock = Objects.requireNonNull(clock, "clock");
        try {
            if (posix) {
                Files.createDirectories(this.folder, PosixFilePermissions.asFileAttribute(FOLDER_PERMISSIONS));
                // An existing folder keeps the permissions it had: narrow them too.
                Files.setPosixFilePermissions(this.folder, FOLDER_PERMISSIONS);
            } else {
                Files.createDirectories(this.folder);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare the mail outbox " + this.folder + ": " + e.getMessage(), e);
        }
        this.queue = new MailQueue("outbox", this::deliver);
    }

    /** @return the folder the messages are written to, absolute */
    Path folder() {
        return folder;
    }

    /** Queues the message for writing and returns at once. */
    @Override
    public void send(Notification message) {
        queue.submit(Objects.requireNonNull(message, "message"));
    }

    private void deliver(Notification message) throws Exception {
        var mime = MailText.mime(MailText.of(message, appUrl.get()), session, from, clock.instant());
        Path file = folder.resolve(FILE_TIME.format(clock.instant()) + "-" + MailText.kind(message) + "-"
                + sequence.incrementAndGet() + ".eml");
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE_PERMISSIONS)}
                : new FileAttribute<?>[0];
        try {
            // Created with its permissions, so that the file is never readable by others, not even for a moment.
            Files.createFile(file, attributes);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("the outbox file " + file.getFileName() + " exists already", e);
        }
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            mime.writeTo(out);
        }
    }

    /** Stops taking messages and waits up to {@value MailQueue#CLOSE_WAIT_SECONDS} s for those queued. */
    @Override
    public void close() {
        queue.close();
    }

    @Override
    public String toString() {
        return "OutboxNotifier[" + folder + "]";
    }
}
