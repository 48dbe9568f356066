package dev.ward.internal.token;

import dev.ward.internal.password.CommonPasswords;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Refuses an HS256 secret that is plainly guessable, whatever its length: a repeated byte, a
 * short pattern repeated, a text that is mostly padding, or a common password padded out.
 *
 * <p>The rules are chosen so that a random secret never trips them: 32 random bytes have about
 * 30 distinct values, no run of 16 equal bytes and are almost never printable text. A text
 * secret of 32 hexadecimal digits (16 distinct characters) passes; {@code "aaaa..."},
 * {@code "abcabc..."} and {@code "password!!!!..."} do not.
 */
final class HmacSecrets {

    /** Fewer distinct byte values than this is a repeated byte or a short pattern. */
    static final int MIN_DISTINCT_BYTES = 8;
    /** A secret that repeats a pattern of at most this many bytes is refused. */
    static final int MAX_REPEATED_PATTERN = 8;
    /** What must be left once the padding (runs of one byte at either end) is taken off. */
    static final int MIN_UNPADDED_BYTES = 16;

    /** How the message tells the reader to make a good secret. */
    static final String HOW_TO = "; generate one with JwtKey.generate(JwtAlgorithm.HS256) or `openssl rand -base64 32`";

    private HmacSecrets() {
    }

    /**
     * Says why a secret is guessable, never quoting it.
     *
     * @param secret the secret
     * @return the reason, or null when the secret looks random enough
     */
    static String weakness(byte[] secret) {
        boolean[] seen = new boolean[256];
        int distinct = 0;
        for (byte b : secret) {
            if (!seen[b & 0xff]) {
                seen[b & 0xff] = true;
                distinct++;
            }
        }
        if (distinct < MIN_DISTINCT_BYTES) {
            return "it has only " + distinct + " distinct byte values";
        }
        for (int period = 1; period <= MAX_REPEATED_PATTERN; period++) {
            if (repeats(secret, period)) {
                return "it repeats a pattern of " + period + " bytes";
            }
        }
        int start = runLength(secret, 0, 1);
        int end = secret.length - runLength(secret, secret.length - 1, -1);
        // A run of one byte counts as padding only when it is longer than one byte.
        start = start > 1 ? start : 0;
        end = secret.length - end > 1 ? end : secret.length;
        if (end - start < MIN_UNPADDED_BYTES) {
            return "most of it is one byte repeated";
        }
        if (isPrintableAscii(secret) && isCommonWordPaddedOut(new String(secret, StandardCharsets.US_ASCII))) {
            return "it is a common password padded out";
        }
        return null;
    }

    private static boolean repeats(byte[] secret, int period) {
        for (int i = period; i < secret.length; i++) {
            if (secret[i] != secret[i - period]) {
                return false;
            }
        }
        return true;
    }

    private static int runLength(byte[] secret, int from, int step) {
        int length = 1;
        while (from + step * length >= 0 && from + step * length < secret.length
                && secret[from + step * length] == secret[from]) {
            length++;
        }
        return length;
    }

    private static boolean isPrintableAscii(byte[] secret) {
        for (byte b : secret) {
            if (b < 0x20 || b > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /** The letters between the first and last letter, when they are all letters, are a common password. */
    private static boolean isCommonWordPaddedOut(String text) {
        int first = 0;
        while (first < text.length() && !isLetter(text.charAt(first))) {
            first++;
        }
        int last = text.length();
        while (last > first && !isLetter(text.charAt(last - 1))) {
            last--;
        }
        String core = text.substring(first, last);
        return core.length() >= 4 && core.chars().allMatch(HmacSecrets::isLetter)
                && CommonPasswords.contains(core.toLowerCase(Locale.ROOT));
    }

    private static boolean isLetter(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
