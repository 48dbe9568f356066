package dev.ward.servlet;

/**
 * The few lines of JSON the filter writes, without a JSON library: a string quoted per RFC 8259
 * and the error body of Ward's HTTP API.
 */
final class JsonText {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonText() {
    }

    /**
     * Quotes a string as a JSON string literal: escapes {@code "}, {@code \}, every control
     * character, and U+2028 / U+2029 (so that the text is also safe inside JavaScript).
     */
    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                        out.append("\\u").append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf])
                                .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** The body {@code {"error":true,"code":...,"message":...}} of a refusal. */
    static String error(String code, String message) {
        return "{\"error\":true,\"code\":" + quote(code) + ",\"message\":" + quote(message) + "}";
    }
}
