package dev.ward.internal.password;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a password as typed into the bytes that are hashed: NFKC normalisation (so that the
 * same password typed on different keyboards verifies, as NIST SP 800-63B asks), UTF-8, and,
 * when a pepper is configured, {@code base64(HMAC-SHA-384(pepper, password))}. The keyed
 * pre-hash also lifts bcrypt's 72-byte limit; an unkeyed pre-hash is never used, and nothing
 * is ever truncated.
 */
public final class PasswordEncoding {

    private final SecretKeySpec pepper;

    /**
     * Creates an encoding.
     *
     * @param pepper the pepper secret, at least 32 bytes, or null for none; copied
     * @throws IllegalArgumentException if the pepper is shorter than 32 bytes
     */
    public PasswordEncoding(byte[] pepper) {
        if (pepper != null && pepper.length < 32) {
            throw new IllegalArgumentException("a pepper must be at least 32 bytes, got " + pepper.length);
        }
        this.pepper = pepper == null ? null : new SecretKeySpec(pepper.clone(), "HmacSHA384");
    }

    /**
     * Tells whether a pepper is configured.
     *
     * @return true with a pepper
     */
    public boolean peppered() {
        return pepper != null;
    }

    /**
     * Normalises a password as it is stored and compared.
     *
     * @param password the password as given
     * @return its NFKC form
     */
    public static String normalize(String password) {
        return Normalizer.normalize(password, Normalizer.Form.NFKC);
    }

    /**
     * Returns the bytes to hash for a password.
     *
     * @param password the password as given
     * @return the prepared bytes, empty (never verifies) for text with an unpaired surrogate;
     *     the caller should clear them after use
     */
    public byte[] prepare(String password) {
        String normalized = normalize(password);
        if (hasLoneSurrogate(normalized)) {
            // Not text: UTF-8 would turn it into '?', which could match another password. An
            // empty result never verifies and cannot be hashed.
            return new byte[0];
        }
        byte[] utf8 = utf8(normalized);
        if (pepper == null) {
            return utf8;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA384");
            mac.init(pepper);
            return Base64.getEncoder().encode(mac.doFinal(utf8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA384 is not available", e);
        } finally {
            Arrays.fill(utf8, (byte) 0);
        }
    }

    private static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return true;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Encodes text as UTF-8 into an array the caller can clear.
     *
     * @param text the text
     * @return its UTF-8 bytes
     */
    public static byte[] utf8(String text) {
        ByteBuffer buffer = StandardCharsets.UTF_8.encode(CharBuffer.wrap(text));
        byte[] bytes = Arrays.copyOfRange(buffer.array(), buffer.position(), buffer.limit());
        Arrays.fill(buffer.array(), (byte) 0);
        return bytes;
    }

    @Override
    public String toString() {
        return "PasswordEncoding[pepper=" + (pepper == null ? "none" : "***") + "]";
    }
}
