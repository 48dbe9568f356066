package dev.ward.store.memory;

import java.nio.ByteBuffer;
import java.util.Base64;

/**
 * Keeps the ids and hashes that Ward makes as numbers instead of text, to halve the memory of a
 * stored session: a 22-character base64url session id (16 bytes) becomes an {@link Id} of two
 * longs, a 43-character base64url SHA-256 or successor mask (32 bytes) a {@link Hash} of four.
 * Any other text (for example ids made by another caller of the SPI) is kept as it is. The mapping is exact
 * and one-to-one: only the canonical encoding of its bytes is converted, so the text comes
 * back unchanged and two different texts never meet as one number.
 */
final class Compact {

    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private Compact() {
    }

    /** A session id of 16 bytes. */
    record Id(long high, long low) {
    }

    /** A hash of 32 bytes. */
    record Hash(long a, long b, long c, long d) {
    }

    static Object id(String text) {
        byte[] bytes = decode(text, 22, 16);
        if (bytes == null) {
            return text;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new Id(buffer.getLong(), buffer.getLong());
    }

    static Object hash(String text) {
        byte[] bytes = decode(text, 43, 32);
        if (bytes == null) {
            return text;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new Hash(buffer.getLong(), buffer.getLong(), buffer.getLong(), buffer.getLong());
    }

    static String text(Object value) {
        if (value instanceof Id id) {
            return ENCODER.encodeToString(ByteBuffer.allocate(16).putLong(id.high()).putLong(id.low()).array());
        }
        if (value instanceof Hash h) {
            return ENCODER.encodeToString(ByteBuffer.allocate(32).putLong(h.a()).putLong(h.b()).putLong(h.c())
                    .putLong(h.d()).array());
        }
        return (String) value;
    }

    private static byte[] decode(String text, int length, int bytes) {
        if (text.length() != length) {
            return null;
        }
        byte[] decoded;
        try {
            decoded = DECODER.decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
        // Only the canonical text: the decoder ignores unused low bits of the last character.
        if (decoded.length != bytes || !ENCODER.encodeToString(decoded).equals(text)) {
            return null;
        }
        return decoded;
    }
}
