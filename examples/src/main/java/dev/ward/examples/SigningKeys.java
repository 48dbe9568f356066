package dev.ward.examples;

import dev.ward.JwtKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the server's HS256 key comes from: {@code ACCESS_TOKEN_PRIVATE_KEY} when set; else a
 * generated key kept next to an H2 database file (so that tokens survive a restart); else a
 * generated key that lives as long as the process. The last two log a warning. The secret is
 * never logged.
 */
final class SigningKeys {

    /** The key id of the server's one key. */
    static final String KID = "ward-hs256";

    private static final Logger LOG = LoggerFactory.getLogger(SigningKeys.class);
    private static final int GENERATED_BYTES = 32;

    private SigningKeys() {
    }

    static JwtKey forConfig(ServerConfig config) {
        Optional<byte[]> configured = config.accessTokenSecret();
        if (configured.isPresent()) {
            byte[] secret = configured.get();
            try {
                return JwtKey.hmac(KID, secret);
            } finally {
                Arrays.fill(secret, (byte) 0);
            }
        }
        Optional<Path> file = keyFileOf(config.db());
        if (file.isPresent()) {
            return fromFile(file.get());
        }
        LOG.warn("ACCESS_TOKEN_PRIVATE_KEY is not set: using a random key that lives only as long as this process, "
                + "so every access token stops working at a restart. Set ACCESS_TOKEN_PRIVATE_KEY (at least "
                + "{} bytes, for example from: openssl rand -base64 32) and share it between nodes.",
                ServerConfig.MIN_SECRET_BYTES);
        byte[] secret = random();
        try {
            return JwtKey.hmac(KID, secret);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /**
     * Returns the key file that belongs to an H2 file database: the database path plus
     * {@code .key}, for example {@code ./data/ward.key} for {@code jdbc:h2:file:./data/ward}.
     * Empty for every other database, including H2 in memory or over the network.
     */
    static Optional<Path> keyFileOf(String db) {
        if (db == null || !db.regionMatches(true, 0, "jdbc:h2:", 0, 8)) {
            return Optional.empty();
        }
        String rest = db.substring(8);
        int semicolon = rest.indexOf(';');
        if (semicolon >= 0) {
            rest = rest.substring(0, semicolon);
        }
        String lower = rest.toLowerCase(Locale.ROOT);
        if (lower.startsWith("file:")) {
            rest = rest.substring(5);
        } else if (lower.matches("^[a-z]{2,}:.*")) {
            return Optional.empty(); // mem:, tcp:, ssl:, zip:, and other non-file forms
        }
        if (rest.isBlank()) {
            return Optional.empty();
        }
        if (rest.startsWith("~")) {
            rest = System.getProperty("user.home") + rest.substring(1);
        }
        return Optional.of(Path.of(rest + ".key").toAbsolutePath().normalize());
    }

    private static JwtKey fromFile(Path file) {
        byte[] secret = null;
        try {
            if (Files.exists(file)) {
                secret = read(file);
                LOG.warn("ACCESS_TOKEN_PRIVATE_KEY is not set: using the key generated earlier in {}. "
                        + "Fine on one machine; for production set ACCESS_TOKEN_PRIVATE_KEY.", file);
            } else {
                secret = random();
                write(file, secret);
                LOG.warn("ACCESS_TOKEN_PRIVATE_KEY is not set: generated a random key and stored it in {} "
                        + "(readable by this user only); it is reused at the next start. Keep that file secret, "
                        + "or set ACCESS_TOKEN_PRIVATE_KEY instead.", file);
            }
            return JwtKey.hmac(KID, secret);
        } finally {
            if (secret != null) {
                Arrays.fill(secret, (byte) 0);
            }
        }
    }

    private static byte[] read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new IllegalStateException("could not read the key file " + file + ": " + e.getMessage(), e);
        }
        byte[] secret;
        try {
            secret = Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the key file " + file + " is not base64url: delete it to have a new key "
                    + "generated (every issued access token then stops working)");
        }
        if (secret.length < ServerConfig.MIN_SECRET_BYTES) {
            Arrays.fill(secret, (byte) 0);
            throw new IllegalStateException("the key in " + file + " is shorter than " + ServerConfig.MIN_SECRET_BYTES
                    + " bytes: delete the file to have a new key generated");
        }
        return secret;
    }

    private static void write(Path file, byte[] secret) {
        byte[] text = Base64.getUrlEncoder().withoutPadding().encode(secret);
        try {
            Path parent = file.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
            if (posix) {
                FileAttribute<Set<PosixFilePermission>> ownerOnly =
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
                Files.createFile(file, ownerOnly);
            } else {
                Files.createFile(file);
            }
            Files.write(file, text, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (FileAlreadyExistsException e) {
            throw new IllegalStateException("the key file " + file + " appeared while it was being created: "
                    + "is another server starting on the same database?", e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the key file " + file, e);
        } finally {
            Arrays.fill(text, (byte) 0);
        }
    }

    private static byte[] random() {
        byte[] secret = new byte[GENERATED_BYTES];
        new SecureRandom().nextBytes(secret);
        return secret;
    }
}
