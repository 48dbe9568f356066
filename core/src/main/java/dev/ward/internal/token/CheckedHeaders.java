package dev.ward.internal.token;

import java.util.Arrays;

/**
 * Header parts of tokens whose signature verified, each with the key it names, so that the
 * header of the next token from the same key is recognised by its text instead of being
 * decoded and parsed again. Speed work only: the header rules are in {@link AccessTokenCodec}.
 *
 * <p>Why it is safe: the header checks depend only on the header text and the codec's fixed
 * key set, so a text that passed them once passes them again; and a text is remembered only
 * after the signature of its token verified, so a forged header never gets in.
 *
 * <p>A codec sees one or two headers per key, so a copy-on-write array scanned in full beats
 * hashing the text; it holds at most {@value #LIMIT} headers, and later ones are simply checked
 * every time. Thread-safe.
 */
final class CheckedHeaders {

    /** The most headers remembered. */
    static final int LIMIT = 16;

    private volatile Checked[] checked = new Checked[0];

    private record Checked(String text, KeyMaterial key) {
    }

    /**
     * Returns the key named by a token's header, when that header passed the checks before.
     *
     * @param token the whole token
     * @param headerLength the index of the token's first dot
     * @return the key, or null when the header must be checked
     */
    KeyMaterial keyFor(String token, int headerLength) {
        for (Checked header : checked) {
            if (header.text().length() == headerLength && token.startsWith(header.text())) {
                return header.key();
            }
        }
        return null;
    }

    /**
     * Remembers a header that passed the checks, of a token whose signature verified.
     *
     * @param text the header part, base64url as in the token
     * @param key the key it names
     */
    synchronized void remember(String text, KeyMaterial key) {
        Checked[] current = checked;
        if (current.length >= LIMIT) {
            return;
        }
        for (Checked header : current) {
            if (header.text().equals(text)) {
                return;
            }
        }
        Checked[] next = Arrays.copyOf(current, current.length + 1);
        next[current.length] = new Checked(text, key);
        checked = next;
    }
}
