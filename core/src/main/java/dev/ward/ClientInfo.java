package dev.ward;

import dev.ward.internal.validation.Texts;

/**
 * What the host knows of the client making a request, kept with the session for device lists
 * and used for per-address throttling when that is on.
 *
 * <p>Both parts are optional. Ward keeps at most 45 characters of the address and 512 of the
 * user agent, each control character, unpaired surrogate or noncharacter replaced by U+FFFD, so
 * that every store keeps them alike.
 *
 * @param ip the client's address, or null
 * @param userAgent the client's {@code User-Agent}, or null
 */
public record ClientInfo(String ip, String userAgent) {

    /** No information about the client. */
    public static final ClientInfo UNKNOWN = new ClientInfo(null, null);

    /**
     * Drops blank values, replaces characters no store keeps alike with U+FFFD and truncates
     * long values.
     *
     * @param ip as described for the record
     * @param userAgent as described for the record
     */
    public ClientInfo {
        ip = clip(ip, 45);
        userAgent = clip(userAgent, 512);
    }

    private static String clip(String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        // A user agent is recorded, not validated: a control character or broken Unicode in it
        // (which PostgreSQL would refuse) becomes U+FFFD instead of failing the log-in.
        String stripped = Texts.plain(value.strip());
        if (stripped.length() <= max) {
            return stripped;
        }
        // Do not cut a surrogate pair in half.
        int end = Character.isHighSurrogate(stripped.charAt(max - 1)) ? max - 1 : max;
        return stripped.substring(0, end);
    }
}
