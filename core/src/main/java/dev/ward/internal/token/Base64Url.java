package dev.ward.internal.token;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * Strict base64url without padding: only the 64 URL-safe characters, and only the canonical
 * encoding of its bytes. The JDK decoder ignores the unused low bits of the last character, so
 * without the canonical check two different strings decode to the same bytes and a flipped
 * bit in a token could go unnoticed.
 */
public final class Base64Url {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private Base64Url() {
    }

    /**
     * Encodes bytes as base64url without padding.
     *
     * @param bytes the bytes
     * @return the text
     */
    public static String encode(byte[] bytes) {
        return ENCODER.encodeToString(bytes);
    }

    /**
     * Encodes bytes as base64url without padding, as ASCII bytes.
     *
     * @param bytes the bytes
     * @return the text's ASCII bytes
     */
    public static byte[] encodeToAscii(byte[] bytes) {
        return ENCODER.encode(bytes);
    }

    /**
     * Decodes a region of ASCII bytes as canonical base64url without padding.
     *
     * @param ascii the bytes of the text
     * @param from the first index, inclusive
     * @param to the last index, exclusive
     * @return the bytes, or null when the region is not canonical base64url
     */
    public static byte[] decode(byte[] ascii, int from, int to) {
        int length = to - from;
        if (length < 0 || length % 4 == 1) {
            return null;
        }
        if (length == 0) {
            return new byte[0];
        }
        // The JDK decoder refuses every byte outside the alphabet except '=' as padding at the
        // end; padding is not canonical here, and neither are unused low bits at the end.
        byte last = ascii[to - 1];
        if (last == '=' || !isAlphabet((char) (last & 0xFF)) || !lastCharacterIsCanonical(last, length % 4)) {
            return null;
        }
        try {
            return DECODER.decode(from == 0 && to == ascii.length ? ascii : Arrays.copyOfRange(ascii, from, to));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Decodes canonical base64url without padding.
     *
     * @param text the text; may be null
     * @return the bytes, or null when {@code text} is null, has a character outside the
     *     alphabet, has an impossible length or is not the canonical encoding of its bytes
     */
    public static byte[] decode(CharSequence text) {
        if (text == null) {
            return null;
        }
        // Any character outside Latin-1 becomes '?', which the alphabet check refuses.
        byte[] ascii = text.toString().getBytes(StandardCharsets.ISO_8859_1);
        return decode(ascii, 0, ascii.length);
    }

    private static boolean lastCharacterIsCanonical(byte last, int remainder) {
        int value = valueOf(last);
        // 2 leftover characters carry 12 bits for 8: the low 4 must be zero; 3 carry 18 for 16.
        return switch (remainder) {
            case 2 -> (value & 0x0F) == 0;
            case 3 -> (value & 0x03) == 0;
            default -> true;
        };
    }

    private static int valueOf(byte c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == '-' ? 62 : 63;
    }

    private static boolean isAlphabet(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }
}
