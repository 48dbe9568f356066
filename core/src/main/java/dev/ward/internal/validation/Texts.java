package dev.ward.internal.validation;

/**
 * What text every store keeps alike. PostgreSQL refuses U+0000 in a text column, MySQL and
 * PostgreSQL cannot encode half of a UTF-16 surrogate pair, and control characters are never part
 * of a name or an address; the in-memory store would keep all of them. Refusing them at validation
 * makes the answer the same 400 on every store, so that a {@code StoreException} only ever means
 * that the store failed.
 */
public final class Texts {

    /** The message of a field that holds text no store keeps alike. */
    public static final String NOT_PLAIN = "must not contain control characters or broken Unicode";

    private Texts() {
    }

    /**
     * Tells whether a text holds only characters that every store keeps alike: no control
     * character (Unicode category Cc: U+0000 to U+001F, U+007F to U+009F), no unpaired surrogate,
     * no noncharacter (U+FDD0 to U+FDEF and the last two code points of every plane).
     *
     * @param text the text; null counts as plain (presence is checked elsewhere)
     * @return true when every store keeps the text as it is
     */
    public static boolean isPlain(String text) {
        if (text == null) {
            return true;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                continue; // the common case, ASCII, costs one comparison per character
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                if (isNoncharacter(Character.toCodePoint(c, text.charAt(i + 1)))) {
                    return false;
                }
                i++;
            } else if (Character.isSurrogate(c) || Character.isISOControl(c) || isNoncharacter(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns a text every store keeps alike, for information that is recorded rather than
     * validated (a client's user agent): each character {@link #isPlain(String)} refuses becomes
     * U+FFFD.
     *
     * @param text the text, or null
     * @return the text itself when it is plain (or null), else a cleaned copy
     */
    public static String plain(String text) {
        if (isPlain(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                int codePoint = Character.toCodePoint(c, text.charAt(i + 1));
                out.appendCodePoint(isNoncharacter(codePoint) ? 0xfffd : codePoint);
                i++;
            } else {
                out.append(Character.isSurrogate(c) || Character.isISOControl(c) || isNoncharacter(c) ? '\ufffd' : c);
            }
        }
        return out.toString();
    }

    private static boolean isNoncharacter(int codePoint) {
        return (codePoint >= 0xfdd0 && codePoint <= 0xfdef) || (codePoint & 0xfffe) == 0xfffe;
    }

    /**
     * Tells whether a code point is invisible: a format character (Unicode category Cf, such as
     * U+200B ZERO WIDTH SPACE, U+200D ZERO WIDTH JOINER, U+202E RIGHT-TO-LEFT OVERRIDE, U+FEFF)
     * or another default-ignorable code point of Unicode's {@code DerivedCoreProperties}
     * (U+034F, U+115F, U+1160, U+17B4, U+17B5, U+180B to U+180F, U+3164, U+FE00 to U+FE0F,
     * U+FFA0, U+1D173 to U+1D17A, U+E0000 to U+E0FFF).
     *
     * @param codePoint the code point
     * @return true when the code point shows nothing, or shows nothing of its own
     */
    public static boolean isInvisible(int codePoint) {
        if (codePoint < 0x80) {
            return false;
        }
        return Character.getType(codePoint) == Character.FORMAT
                || codePoint == 0x034f || codePoint == 0x115f || codePoint == 0x1160
                || codePoint == 0x17b4 || codePoint == 0x17b5 || (codePoint >= 0x180b && codePoint <= 0x180f)
                || codePoint == 0x3164 || (codePoint >= 0xfe00 && codePoint <= 0xfe0f) || codePoint == 0xffa0
                || (codePoint >= 0x1d173 && codePoint <= 0x1d17a) || (codePoint >= 0xe0000 && codePoint <= 0xe0fff);
    }
}
