package dev.ward;

import dev.ward.internal.password.CommonPasswords;
import dev.ward.internal.password.PasswordEncoding;
import dev.ward.internal.validation.Emails;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The rules a new password must meet. Immutable and thread-safe.
 *
 * <p>Two presets:
 * <ul>
 *   <li>{@link #defaults()}, after NIST SP 800-63B-4 section 3.1.1.2 and OWASP ASVS 6.2:
 *       {@value #DEFAULT_MIN_LENGTH} to {@value #DEFAULT_MAX_LENGTH} characters (code points, after
 *       NFKC normalisation), at most {@value #DEFAULT_MAX_UTF8_BYTES} bytes in UTF-8 (what bcrypt
 *       reads), no composition rules, not equal to or containing the user name, the local part
 *       of the e-mail address or the whole address, and not one of the 30,000 most common
 *       passwords (compared without regard to case). The minimum is the one NIST SP 800-63B-4
 *       requires of a password that is the only factor; {@code builder().minLength(8)} gives
 *       the 8 it allows beside a second factor;</li>
 *   <li>{@link #complexity()}, the defaults of the {@code joi-password-complexity} package that
 *       the original tutorial used: 8 to 26 characters with at least one lower-case letter, one
 *       upper-case letter, one digit and one symbol, for hosts that want that behaviour.</li>
 * </ul>
 * A password never contains U+0000 or an unpaired surrogate (a half of a UTF-16 pair, which UTF-8
 * cannot encode and which would otherwise hash like {@code ?}). Every broken rule is reported,
 * not just the first.
 *
 * <p>Policies are values: two policies with the same rules and the same extra checks are equal.
 * {@link #toBuilder()} gives "the same, but"; its builder follows the convention of
 * {@link AuthSettings.Builder}: each option may be set once, and {@link Builder#build()}
 * reports every problem at once. Every default is one of the {@code DEFAULT_} constants.
 *
 * <p>Names and e-mail parts shorter than {@value #MIN_CONTEXT_LENGTH} characters are only
 * checked for equality, not containment, so that a user called "Al" may still use a password
 * that contains "al".
 */
public final class PasswordPolicy {

    /** The shortest user name or e-mail local part that a password may not contain. */
    public static final int MIN_CONTEXT_LENGTH = 4;
    /** bcrypt reads at most this many bytes; longer passwords need a pepper. */
    public static final int BCRYPT_MAX_BYTES = 72;
    /**
     * Default {@code minLength}, in characters (code points): NIST SP 800-63B-4 section 3.1.1.2
     * requires 15 for a password that is the only factor (8 when it is used with a second one).
     */
    public static final int DEFAULT_MIN_LENGTH = 15;
    /** Default {@code maxLength}, in characters (code points). */
    public static final int DEFAULT_MAX_LENGTH = 64;
    /** Default {@code maxUtf8Bytes}: what bcrypt reads. */
    public static final int DEFAULT_MAX_UTF8_BYTES = BCRYPT_MAX_BYTES;
    /** Default {@code rejectUserDetails}. */
    public static final boolean DEFAULT_REJECT_USER_DETAILS = true;
    /** Default {@code blockCommonPasswords}. */
    public static final boolean DEFAULT_BLOCK_COMMON_PASSWORDS = true;
    /** Default {@code requireLowerCase}. */
    public static final boolean DEFAULT_REQUIRE_LOWER_CASE = false;
    /** Default {@code requireUpperCase}. */
    public static final boolean DEFAULT_REQUIRE_UPPER_CASE = false;
    /** Default {@code requireDigit}. */
    public static final boolean DEFAULT_REQUIRE_DIGIT = false;
    /** Default {@code requireSymbol}. */
    public static final boolean DEFAULT_REQUIRE_SYMBOL = false;

    private static final PasswordPolicy DEFAULTS = builder().build();
    private static final PasswordPolicy COMPLEXITY = builder()
            .minLength(8).maxLength(26).blockCommonPasswords(false)
            .requireLowerCase(true).requireUpperCase(true).requireDigit(true).requireSymbol(true)
            .rejectUserDetails(false)
            .build();

    private final int minLength;
    private final int maxLength;
    private final int maxUtf8Bytes;
    private final boolean rejectUserDetails;
    private final boolean blockCommonPasswords;
    private final boolean requireLowerCase;
    private final boolean requireUpperCase;
    private final boolean requireDigit;
    private final boolean requireSymbol;
    private final List<PasswordCheck> checks;

    private PasswordPolicy(Builder b) {
        this.minLength = b.minLength;
        this.maxLength = b.maxLength;
        this.maxUtf8Bytes = b.maxUtf8Bytes;
        this.rejectUserDetails = b.rejectUserDetails;
        this.blockCommonPasswords = b.blockCommonPasswords;
        this.requireLowerCase = b.requireLowerCase;
        this.requireUpperCase = b.requireUpperCase;
        this.requireDigit = b.requireDigit;
        this.requireSymbol = b.requireSymbol;
        this.checks = List.copyOf(b.checks);
    }

    /**
     * Returns the NIST-style default policy.
     *
     * @return the default policy
     */
    public static PasswordPolicy defaults() {
        return DEFAULTS;
    }

    /**
     * Returns the policy of {@code joi-password-complexity}'s defaults.
     *
     * @return the complexity policy
     */
    public static PasswordPolicy complexity() {
        return COMPLEXITY;
    }

    /**
     * Returns a builder filled with the {@link #defaults()}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder filled with this policy's rules and extra checks, for "the same, but":
     * each option may still be set once, since the copied values count as the builder's
     * starting values, not as set.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.minLength = minLength;
        b.maxLength = maxLength;
        b.maxUtf8Bytes = maxUtf8Bytes;
        b.rejectUserDetails = rejectUserDetails;
        b.blockCommonPasswords = blockCommonPasswords;
        b.requireLowerCase = requireLowerCase;
        b.requireUpperCase = requireUpperCase;
        b.requireDigit = requireDigit;
        b.requireSymbol = requireSymbol;
        b.checks.addAll(checks);
        return b;
    }

    /**
     * Checks a password against every rule.
     *
     * @param password the password as given (it is NFKC-normalised first)
     * @param userName the user's name, or null when unknown
     * @param email the user's e-mail address, or null when unknown (it is normalised first)
     * @return why the password is refused, one phrase per broken rule; empty when it is accepted
     * @throws NullPointerException if {@code password} is null
     */
    public List<String> check(String password, String userName, String email) {
        Objects.requireNonNull(password, "password");
        String normalized = PasswordEncoding.normalize(password);
        List<String> problems = new ArrayList<>();
        int codePoints = normalized.codePointCount(0, normalized.length());
        if (codePoints < minLength) {
            problems.add("must be at least " + minLength + " characters");
        }
        if (codePoints > maxLength) {
            problems.add("must be at most " + maxLength + " characters");
        }
        if (normalized.getBytes(StandardCharsets.UTF_8).length > maxUtf8Bytes) {
            problems.add("must be at most " + maxUtf8Bytes + " bytes in UTF-8");
        }
        if (normalized.indexOf('\0') >= 0) {
            problems.add("must not contain a NUL character");
        }
        if (hasUnpairedSurrogate(normalized)) {
            problems.add("must be valid Unicode text");
        }
        if (requireLowerCase && normalized.codePoints().noneMatch(Character::isLowerCase)) {
            problems.add("must contain a lower-case letter");
        }
        if (requireUpperCase && normalized.codePoints().noneMatch(Character::isUpperCase)) {
            problems.add("must contain an upper-case letter");
        }
        if (requireDigit && normalized.codePoints().noneMatch(Character::isDigit)) {
            problems.add("must contain a digit");
        }
        if (requireSymbol && normalized.codePoints().allMatch(Character::isLetterOrDigit)) {
            problems.add("must contain a symbol");
        }
        String lower = normalized.toLowerCase(Locale.ROOT);
        String normalizedEmail = Emails.normalize(email);
        String normalizedName = userName == null ? null
                : PasswordEncoding.normalize(userName.strip()).toLowerCase(Locale.ROOT);
        if (rejectUserDetails) {
            if (isOrContains(lower, normalizedName)) {
                problems.add("must not contain your user name");
            }
            if (normalizedEmail != null && !normalizedEmail.isEmpty() && (lower.contains(normalizedEmail)
                    || isOrContains(lower, Emails.localPart(normalizedEmail)))) {
                problems.add("must not contain your e-mail address");
            }
        } else if (lower.equals(normalizedName) || lower.equals(normalizedEmail)) {
            problems.add("must not be your user name or e-mail address");
        }
        if (blockCommonPasswords && CommonPasswords.contains(lower)) {
            problems.add("is too common");
        }
        for (PasswordCheck check : checks) {
            check.check(normalized, userName, normalizedEmail).ifPresent(problems::add);
        }
        return problems;
    }

    private static boolean hasUnpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isOrContains(String password, String word) {
        if (word == null || word.isEmpty()) {
            return false;
        }
        return password.equals(word) || (word.length() >= MIN_CONTEXT_LENGTH && password.contains(word));
    }

    /**
     * Returns the fewest characters a password may have.
     *
     * @return the minimum, in code points
     */
    public int minLength() {
        return minLength;
    }

    /**
     * Returns the most characters a password may have.
     *
     * @return the maximum, in code points
     */
    public int maxLength() {
        return maxLength;
    }

    /**
     * Returns the most bytes a password may have in UTF-8.
     *
     * @return the maximum; at most {@value #BCRYPT_MAX_BYTES} unless a pepper is configured
     */
    public int maxUtf8Bytes() {
        return maxUtf8Bytes;
    }

    /**
     * Tells whether another policy has the same rules and the same extra checks (compared with
     * their own {@code equals}, so by identity for lambdas).
     *
     * @param other the other object
     * @return true for an equal policy
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof PasswordPolicy p && minLength == p.minLength && maxLength == p.maxLength
                && maxUtf8Bytes == p.maxUtf8Bytes && rejectUserDetails == p.rejectUserDetails
                && blockCommonPasswords == p.blockCommonPasswords && requireLowerCase == p.requireLowerCase
                && requireUpperCase == p.requireUpperCase && requireDigit == p.requireDigit
                && requireSymbol == p.requireSymbol && checks.equals(p.checks);
    }

    /**
     * Returns a hash code consistent with {@link #equals(Object)}.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return Objects.hash(minLength, maxLength, maxUtf8Bytes, rejectUserDetails, blockCommonPasswords,
                requireLowerCase, requireUpperCase, requireDigit, requireSymbol, checks);
    }

    @Override
    public String toString() {
        return "PasswordPolicy[length=" + minLength + ".." + maxLength + ", maxUtf8Bytes=" + maxUtf8Bytes
                + ", rejectUserDetails=" + rejectUserDetails + ", blockCommonPasswords=" + blockCommonPasswords
                + ", lower=" + requireLowerCase + ", upper=" + requireUpperCase + ", digit=" + requireDigit
                + ", symbol=" + requireSymbol + ", checks=" + checks.size() + "]";
    }

    /**
     * Builds a {@link PasswordPolicy}, starting from the {@link #defaults()} (or, from
     * {@link #toBuilder()}, from a policy's rules). Each option may be set once, and
     * {@link #build()} reports every problem at once. Not thread-safe.
     */
    public static final class Builder {
        private final SetOnce once = new SetOnce();
        private int minLength = DEFAULT_MIN_LENGTH;
        private int maxLength = DEFAULT_MAX_LENGTH;
        private int maxUtf8Bytes = DEFAULT_MAX_UTF8_BYTES;
        private boolean rejectUserDetails = DEFAULT_REJECT_USER_DETAILS;
        private boolean blockCommonPasswords = DEFAULT_BLOCK_COMMON_PASSWORDS;
        private boolean requireLowerCase = DEFAULT_REQUIRE_LOWER_CASE;
        private boolean requireUpperCase = DEFAULT_REQUIRE_UPPER_CASE;
        private boolean requireDigit = DEFAULT_REQUIRE_DIGIT;
        private boolean requireSymbol = DEFAULT_REQUIRE_SYMBOL;
        private final List<PasswordCheck> checks = new ArrayList<>();

        private Builder() {
        }

        /**
         * Sets the fewest characters (code points) a password may have: positive; default
         * {@value #DEFAULT_MIN_LENGTH}.
         *
         * @param minLength the minimum
         * @return this builder
         * @throws IllegalStateException if set already
         */
        public Builder minLength(int minLength) {
            this.minLength = once.set("minLength", minLength);
            return this;
        }

        /**
         * Sets the most characters (code points) a password may have: at least {@code minLength};
         * default {@value #DEFAULT_MAX_LENGTH}.
         *
         * @param maxLength the maximum
         * @return this builder
         * @throws IllegalStateException if set already
         */
        public Builder maxLength(int maxLength) {
            this.maxLength = once.set("maxLength", maxLength);
            return this;
        }

        /**
         * Sets the most UTF-8 bytes a password may have: positive; default
         * {@value #DEFAULT_MAX_UTF8_BYTES}, bcrypt's limit. Only an {@link AuthManager} with a
         * pepper accepts more than {@value #BCRYPT_MAX_BYTES}.
         *
         * @param maxUtf8Bytes the maximum
         * @return this builder
         * @throws IllegalStateException if set already
         */
        public Builder maxUtf8Bytes(int maxUtf8Bytes) {
            this.maxUtf8Bytes = once.set("maxUtf8Bytes", maxUtf8Bytes);
            return this;
        }

        /**
         * Sets whether a password may not equal or contain the user name or the e-mail's local
         * part; default {@value #DEFAULT_REJECT_USER_DETAILS}. When false, it still may not equal
         * either.
         *
         * @param reject whether to reject them
         * @return this builder
         * @throws IllegalStateException if set already
         */
        public Builder rejectUserDetails(boolean reject) {
            this.rejectUserDetails = once.set("rejectUserDetails", reject);
            return this;
        }

        /**
         * Sets whether the 30,000 most common passwords are refused; default
         * {@value #DEFAULT_BLOCK_COMMON_PASSWORDS}.
         *
         * @param block whether to refuse them
         * @return this builder
         * @throws IllegalStateException if set already
         */
        public Builder blockCommonPasswords(boolean block) {
            this.blockCommonPasswords = once.set("blockCommonPasswords", block);
            return this;
        }

        /**
         * Sets whether a lower-case letter is required; default {@value #DEFAULT_REQUIRE_LOWER_CASE}.
         *
         * @param require whether to require one
         * @return this builder
         * @throws IllegalStateException if set already
         */
        public Builder requireLowerCase(boolean require) {
            this.requireLowerCase = once.set("requireLowerCase", require);
            return this;
        }

        /**
         * Sets whether an upper-case letter is required; default {@value #DEFAULT_REQUIRE_UPPER_CASE}.
         *
         * @param require whether to require one
         * @return this builder
         * @throws IllegalStateException if set already
         */
        public Builder requireUpperCase(boolean require) {
            this.requireUpperCase = once.set("requireUpperCase", require);
            return this;
        }

        /**
         * Sets whether a digit is required; default {@value #DEFAULT_REQUIRE_DIGIT}.
         *
         * @param require whether to require one
         * @return this builder
         * @throws IllegalStateException if set already
         */
        public Builder requireDigit(boolean require) {
            this.requireDigit = once.set("requireDigit", require);
            return this;
        }

        /**
         * Sets whether a symbol (neither letter nor digit) is required; default
         * {@value #DEFAULT_REQUIRE_SYMBOL}.
         *
         * @param require whether to require one
         * @return this builder
         * @throws IllegalStateException if set already
         */
        public Builder requireSymbol(boolean require) {
            this.requireSymbol = once.set("requireSymbol", require);
            return this;
        }

        /**
         * Adds an extra check, run after the built-in rules and the checks added before it. Unlike
         * the options, it may be called any number of times; a builder from {@link #toBuilder()}
         * starts with the policy's checks.
         *
         * @param check the check
         * @return this builder
         * @throws NullPointerException if {@code check} is null
         */
        public Builder addCheck(PasswordCheck check) {
            checks.add(Objects.requireNonNull(check, "check"));
            return this;
        }

        /**
         * Builds the policy. The builder may be used again afterwards; the policy does not change
         * with it.
         *
         * @return the policy
         * @throws ConfigurationException listing every inconsistent option, each under its name
         */
        public PasswordPolicy build() {
            ConfigChecks checks = new ConfigChecks();
            if (minLength < 1) {
                checks.add("minLength", "must be at least 1, got " + minLength);
            }
            if (maxLength < minLength) {
                checks.add("maxLength", "(" + maxLength + ") must be at least minLength (" + minLength + ")");
            }
            if (maxUtf8Bytes < 1) {
                checks.add("maxUtf8Bytes", "must be at least 1, got " + maxUtf8Bytes);
            }
            checks.throwIfAny();
            return new PasswordPolicy(this);
        }
    }
}
