package dev.ward.internal.validation;

import dev.ward.FieldViolation;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;

/**
 * The one normalisation of e-mail addresses: trimmed, NFKC, lower-case (root locale). Every
 * address is normalised before it is validated, stored, looked up or used as a throttling key,
 * so {@code " Alice@Example.COM"} and {@code "alice@example.com"} are one account.
 *
 * <p>A normalised address may hold no invisible character ({@link Texts#isInvisible(int)}),
 * anywhere: {@code "alice\u200B@example.com"} would otherwise be a second account that looks
 * like the first.
 */
public final class Emails {

    /** The longest address, in characters once normalised, that an account can have (RFC 5321's path limit). */
    public static final int MAX_LENGTH = 254;

    /** The message of an address that holds an invisible character. */
    public static final String INVISIBLE = "must not contain invisible characters";

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
     * Adds a violation of {@code field} for every kind of text a normalised address may not
     * hold: control characters or broken Unicode ({@link Texts#isPlain(String)}) and invisible
     * characters.
     *
     * @param field the field name for the violations
     * @param normalized the normalised address; null adds nothing
     * @param violations where to add them
     */
    public static void checkText(String field, String normalized, List<FieldViolation> violations) {
        if (normalized == null) {
            return;
        }
        if (!Texts.isPlain(normalized)) {
            violations.add(new FieldViolation(field, Texts.NOT_PLAIN));
        }
        if (normalized.codePoints().anyMatch(Texts::isInvisible)) {
            violations.add(new FieldViolation(field, INVISIBLE));
        }
    }

    /**
     * Tells whether a normalised address could belong to an account: no text that
     * {@link #checkText} refuses, and at most {@link #MAX_LENGTH} characters.
     *
     * @param normalized the normalised address, not null
     * @return false for an address no account can have
     */
    public static boolean couldBelongToAccount(String normalized) {
        return normalized.length() <= MAX_LENGTH && Texts.isPlain(normalized)
                && normalized.codePoints().noneMatch(Texts::isInvisible);
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
