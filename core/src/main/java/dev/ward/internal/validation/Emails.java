package dev.ward.internal.validation;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The one normalisation of e-mail addresses: trimmed, NFKC, lower-case (root locale). Every
 * address is normalised before it is validated, stored, looked up or used as a throttling key,
 * so {@code " Alice@Example.COM"} and {@code "alice@example.com"} are one account.
 */
public final class Emails {

    private Emails() {
    }

    /**
     * Normalises an e-mail address.
     *
     * @param email the address as given; may be null
     * @return the normalised address, or null for null
     */
    public static String normalize(String email) {
        if (email == null) {
            return null;
        }
        return Normalizer.normalize(email.strip(), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    /**
     * Returns the local part of a normalised address (before the last {@code @}).
     *
     * @param email the normalised address
     * @return the local part, or the whole text when it has no {@code @}
     */
    public static String localPart(String email) {
        int at = email.lastIndexOf('@');
        return at < 0 ? email : email.substring(0, at);
    }
}
