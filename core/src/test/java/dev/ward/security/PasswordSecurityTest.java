package dev.ward.security;

import static dev.ward.security.SecurityFixture.PASSWORD;
import static dev.ward.security.SecurityFixture.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.ward.AuthError;
import dev.ward.AuthException;
import dev.ward.AuthManager;
import dev.ward.AuthSettings;
import dev.ward.AuthenticatedUser;
import dev.ward.FieldViolation;
import dev.ward.JwtAlgorithm;
import dev.ward.JwtKey;
import dev.ward.PasswordPolicy;
import dev.ward.SignUpRequest;
import dev.ward.TokenPair;
import dev.ward.store.NewUser;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Passwords: the policy presets, the common-password blocklist, extra checks, bcrypt's 72-byte
 * limit, NUL and Unicode forms, the pepper and hash upgrades.
 *
 * <p>Sources: NIST SP 800-63B-4 §3.1.1.2 (memorised secrets) and §3.1.1.2's normalisation
 * advice; OWASP ASVS 5.0 6.2.1, 6.2.4, 6.2.5, 6.2.8, 6.2.9, 6.2.11, 6.2.12 and 11.4.2; the OWASP
 * Password Storage Cheat Sheet (bcrypt's 72 bytes, peppering, no unkeyed pre-hash).
 */
@DisplayName("Password security")
class PasswordSecurityTest {

    private static final String ALICE = "alice@example.com";
    /** 8 emoji (32 bytes) and 40 ASCII characters: 72 bytes in UTF-8, 48 code points. */
    private static final String SEVENTY_TWO_BYTES = "😀🐢🦊🐙🌵🍋🚲🎈" + "lantern quietly folds over the violet hi";

    private static List<String> violations(AuthException e) {
        return e.violations().stream().map(FieldViolation::message).toList();
    }

    @Nested
    @DisplayName("the default policy (NIST SP 800-63B-4 §3.1.1.2, ASVS 6.2.1, 6.2.5, 6.2.9, 6.2.11)")
    class DefaultPolicy {

        private final PasswordPolicy policy = PasswordPolicy.defaults();

        @Test
        @DisplayName("15 to 64 code points are allowed (NIST SP 800-63B-4 for a single factor): 14 and 65 are not, "
                + "and emoji count once")
        void lengthInCodePoints() {
            assertThat(policy.check("plumtree at dus", null, null)).isEmpty();
            assertThat(policy.check("plumtree at du", null, null)).containsExactly("must be at least 15 characters");
            assertThat(policy.check("plumtree", null, null)).containsExactly("must be at least 15 characters");
            assertThat(policy.check("🐢".repeat(14), null, null)).contains("must be at least 15 characters");
            assertThat(policy.check("🐢".repeat(15), null, null)).isEmpty();
            String sixtyFour = "a quiet lantern folds over violet hills while owls count the rain";
            assertThat(sixtyFour).hasSize(65);
            assertThat(policy.check(sixtyFour.substring(1), null, null)).isEmpty();
            assertThat(policy.check(sixtyFour, null, null)).containsExactly("must be at most 64 characters");
        }

        @Test
        @DisplayName("no composition rules: lower-case words alone, or digits and spaces alone, are fine (ASVS 6.2.5)")
        void noCompositionRules() {
            assertThat(policy.check("plum tree at dusk", null, null)).isEmpty();
            assertThat(policy.check("8093 2715 4462 91", null, null)).isEmpty();
            assertThat(policy.check("ünïcödé wörds öñly", null, null)).isEmpty();
        }

        @Test
        @DisplayName("the user name, the e-mail's local part and the whole address may not be the password or inside it (ASVS 6.2.11)")
        void contextWords() {
            assertThat(policy.check("frankfurter sausage", "frankfurter", "ff@example.com"))
                    .containsExactly("must not contain your user name");
            assertThat(policy.check("my name is FRANKFURTER!", "Frankfurter", "ff@example.com"))
                    .containsExactly("must not contain your user name");
            assertThat(policy.check("xxx-alice.smith-xxx", "Bob", "Alice.Smith@Example.com"))
                    .containsExactly("must not contain your e-mail address");
            assertThat(policy.check("bo@example.com 2024", "Bob", "bo@example.com"))
                    .containsExactly("must not contain your e-mail address");
            assertThat(policy.check("ｆｒａｎｋｆｕｒｔｅｒ ｓａｕｓａｇｅ", "frankfurter", null))
                    .as("NFKC-equivalent forms of the name").containsExactly("must not contain your user name");
            assertThat(policy.check("album of the year", "Al", "al@example.com")).as("short names are only compared whole")
                    .isEmpty();
        }

        @Test
        @DisplayName("every rule broken is reported at once, each with its reason, and no reason repeats the password")
        void everyViolationAtOnce() {
            List<String> problems = policy.check("Bobby\u0000", "bobby", "bobby@example.com");

            assertThat(problems).containsExactly("must be at least 15 characters", "must not contain a NUL character",
                    "must not contain your user name", "must not contain your e-mail address");
            assertThat(problems).noneMatch(p -> p.toLowerCase(Locale.ROOT).contains("bobby"));
        }

        @Test
        @DisplayName("a password with an unpaired surrogate is refused, so it can never hash like one with '?'")
        void unpairedSurrogate() {
            assertThat(policy.check("correct\uD800horse battery", null, null)).containsExactly("must be valid Unicode text");
            assertThat(policy.check("correct\uDC00horse battery", null, null)).containsExactly("must be valid Unicode text");
            assertThat(policy.check("correct🐢horse battery", null, null)).isEmpty();
        }

        @Test
        @DisplayName("sign-up reports password violations through INVALID_REQUEST with the field, and stores nothing")
        void signUpReportsViolations() {
            SecurityFixture f = new SecurityFixture();

            AuthException e = refusal(() -> f.auth.signUp(new SignUpRequest("frankfurter", ALICE, "frankfurter sausage")));

            assertThat(e.error()).isEqualTo(AuthError.INVALID_REQUEST);
            assertThat(e.httpStatus()).isEqualTo(400);
            assertThat(e.violations()).containsExactly(new FieldViolation("password", "must not contain your user name"));
            assertThat(f.users.size()).isZero();
        }
    }

    @Nested
    @DisplayName("the common-password blocklist (ASVS 6.2.4, NIST SP 800-63B-4 §3.1.1.2)")
    class Blocklist {

        private List<String> bundledList() throws Exception {
            List<String> words = new ArrayList<>();
            try (InputStream in = PasswordPolicy.class.getResourceAsStream("common-passwords.txt")) {
                assertThat(in).as("the bundled list").isNotNull();
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                String line;
                while ((line = reader.readLine()) != null) {
                    if (!line.isEmpty() && !line.startsWith("#")) {
                        words.add(line);
                    }
                }
            }
            return words;
        }

        @Test
        @DisplayName("the bundled list holds at least the top 10,000 and names its source and licence")
        void listSize() throws Exception {
            List<String> words = bundledList();

            assertThat(words).hasSizeGreaterThanOrEqualTo(10_000).doesNotHaveDuplicates();
            assertThat(words.subList(0, 4)).containsExactly("123456", "password", "12345678", "qwerty");
            try (InputStream in = PasswordPolicy.class.getResourceAsStream("common-passwords.txt")) {
                String head = new String(in.readNBytes(600), StandardCharsets.UTF_8);
                assertThat(head).contains("zxcvbn", "MIT");
            }
        }

        @Test
        @DisplayName("every listed password the length rules allow is refused as too common, in any letter case")
        void everyListedPasswordIsRefused() throws Exception {
            int checked = 0;
            for (String word : bundledList()) {
                int length = word.codePointCount(0, word.length());
                if (length < 8 || length > 64) {
                    continue;
                }
                assertThat(PasswordPolicy.defaults().check(word, null, null)).as(word).contains("is too common");
                assertThat(PasswordPolicy.defaults().check(word.toUpperCase(Locale.ROOT), null, null)).as(word)
                        .contains("is too common");
                checked++;
            }
            assertThat(checked).isGreaterThan(5_000);
        }

        @Test
        @DisplayName("mixed case and NFKC-equivalent forms of a common password are refused too")
        void caseAndWidth() {
            for (String variant : List.of("PaSsWoRd", "PASSWORD", "ｐａｓｓｗｏｒｄ", "Ｐａｓｓｗｏｒｄ１", "baseball", "BASEBALL")) {
                assertThat(PasswordPolicy.defaults().check(variant, null, null)).as(variant).contains("is too common");
            }
        }

        @Test
        @DisplayName("a host may add a check, for example a breached-password service; its reason is reported with the others (ASVS 6.2.12)")
        void pluggableCheck() {
            List<String> seen = new CopyOnWriteArrayList<>();
            PasswordPolicy withBreaches = PasswordPolicy.builder()
                    .addCheck((password, userName, email) -> {
                        seen.add(password + "|" + userName + "|" + email);
                        return password.contains("breached") ? Optional.of("appears in a data breach") : Optional.empty();
                    })
                    .build();
            SecurityFixture f = new SecurityFixture(s -> { }, b -> b.passwordPolicy(withBreaches));

            AuthException e = refusal(() -> f.auth.signUp(
                    new SignUpRequest("Frankfurter", " Alice@Example.com", "ｆｒａｎｋｆｕｒｔｅｒ breached")));

            assertThat(e.violations()).containsExactly(
                    new FieldViolation("password", "must not contain your user name"),
                    new FieldViolation("password", "appears in a data breach"));
            assertThat(seen).containsExactly("frankfurter breached|Frankfurter|alice@example.com");

            f.auth.signUp(new SignUpRequest("alice", ALICE, PASSWORD));
            AuthenticatedUser alice = f.auth.authenticate(f.auth.logIn(ALICE, PASSWORD).accessToken());
            AuthException change = refusal(() -> f.auth.changePassword(alice, PASSWORD, "a breached passphrase"));
            assertThat(change.violations()).containsExactly(new FieldViolation("newPassword", "appears in a data breach"));
        }
    }

    @Nested
    @DisplayName("the complexity preset matches the tutorial's joi-password-complexity defaults")
    class Complexity {

        private final PasswordPolicy policy = PasswordPolicy.complexity();

        @Test
        @DisplayName("8 to 26 characters with a lower-case letter, an upper-case letter, a digit and a symbol")
        void rules() {
            assertThat(policy.check("Abcdef1!", null, null)).isEmpty();
            assertThat(policy.check("Abcdef1 ", null, null)).as("a space is a symbol").isEmpty();
            assertThat(policy.check("abcdefg1!", null, null)).containsExactly("must contain an upper-case letter");
            assertThat(policy.check("ABCDEFG1!", null, null)).containsExactly("must contain a lower-case letter");
            assertThat(policy.check("Abcdefgh!", null, null)).containsExactly("must contain a digit");
            assertThat(policy.check("Abcdefg12", null, null)).containsExactly("must contain a symbol");
            assertThat(policy.check("Abcdefghijklmnopqrstuvw1!", null, null)).isEmpty();
            assertThat(policy.check("Abcdefghijklmnopqrstuvwx1!", null, null)).isEmpty();
            assertThat(policy.check("Abcdefghijklmnopqrstuvwxy1!", null, null)).containsExactly("must be at most 26 characters");
        }

        @Test
        @DisplayName("every missing class and the length are reported at once")
        void allAtOnce() {
            assertThat(policy.check("", null, null)).containsExactly("must be at least 8 characters",
                    "must contain a lower-case letter", "must contain an upper-case letter", "must contain a digit",
                    "must contain a symbol");
        }
    }

    @Test
    @DisplayName("policies are immutable values: a builder cannot change a built policy or a preset")
    void policiesAreImmutableValues() {
        PasswordPolicy.Builder builder = PasswordPolicy.builder();
        PasswordPolicy built = builder.build();
        builder.minLength(20).addCheck((p, u, e) -> Optional.of("always refused"));
        PasswordPolicy longer = PasswordPolicy.defaults().toBuilder().minLength(20).build();

        assertThat(built).isEqualTo(PasswordPolicy.defaults()).hasSameHashCodeAs(PasswordPolicy.defaults());
        assertThat(built.check("plum tree at dusk", null, null)).isEmpty();
        assertThat(PasswordPolicy.defaults().minLength()).isEqualTo(15);
        assertThat(longer.minLength()).isEqualTo(20);
        assertThat(longer).isNotEqualTo(PasswordPolicy.defaults());
        assertThat(PasswordPolicy.complexity()).isNotEqualTo(PasswordPolicy.defaults());
    }

    @Nested
    @DisplayName("bcrypt's 72 bytes: refused, never truncated (ASVS 6.2.8, OWASP Password Storage Cheat Sheet)")
    class SeventyTwoBytes {

        private final SecurityFixture f = new SecurityFixture(s -> s.lockoutThreshold(50));

        @Test
        @DisplayName("a 73-byte password is a validation error at sign-up, password change and reset")
        void seventyThreeBytes() {
            String seventyThree = SEVENTY_TWO_BYTES + "l";
            assertThat(seventyThree.getBytes(StandardCharsets.UTF_8)).hasSize(73);

            AuthException signUp = refusal(() -> f.auth.signUp(new SignUpRequest("alice", ALICE, seventyThree)));
            assertThat(signUp.violations()).containsExactly(
                    new FieldViolation("password", "must be at most 72 bytes in UTF-8"));

            TokenPair pair = f.signUpAndLogIn(ALICE);
            AuthenticatedUser alice = f.auth.authenticate(pair.accessToken());
            assertThat(refusal(() -> f.auth.changePassword(alice, PASSWORD, seventyThree)).violations())
                    .containsExactly(new FieldViolation("newPassword", "must be at most 72 bytes in UTF-8"));
            assertThat(refusal(() -> f.auth.setPassword(alice.userId(), seventyThree)).violations())
                    .containsExactly(new FieldViolation("newPassword", "must be at most 72 bytes in UTF-8"));
            assertThat(f.auth.logIn(ALICE, PASSWORD)).isNotNull();
        }

        @Test
        @DisplayName("a 72-byte password logs in; its prefix and any extension of it do not")
        void prefixAndExtension() {
            assertThat(SEVENTY_TWO_BYTES.getBytes(StandardCharsets.UTF_8)).hasSize(72);
            f.auth.signUp(new SignUpRequest("alice", ALICE, SEVENTY_TWO_BYTES));

            assertThat(f.auth.logIn(ALICE, SEVENTY_TWO_BYTES)).isNotNull();
            List<String> wrong = List.of(
                    SEVENTY_TWO_BYTES.substring(0, SEVENTY_TWO_BYTES.length() - 1),
                    SEVENTY_TWO_BYTES + "l",
                    SEVENTY_TWO_BYTES + " ",
                    SEVENTY_TWO_BYTES + "\u0000",
                    SEVENTY_TWO_BYTES + "🐢",
                    SEVENTY_TWO_BYTES + "x".repeat(1000));
            for (String attempt : wrong) {
                assertThat(refusal(() -> f.auth.logIn(ALICE, attempt)).error()).isEqualTo(AuthError.INVALID_CREDENTIALS);
            }
        }
    }

    @Nested
    @DisplayName("NUL and Unicode forms")
    class Characters {

        private final SecurityFixture f = new SecurityFixture(s -> s.lockoutThreshold(50));

        @Test
        @DisplayName("a password with NUL is refused at sign-up, and NUL never cuts a password short at log-in")
        void nul() {
            AuthException e = refusal(() -> f.auth.signUp(new SignUpRequest("alice", ALICE, "correct\u0000horse battery")));
            assertThat(violations(e)).containsExactly("must not contain a NUL character");

            f.signUp(ALICE);
            for (String attempt : List.of(PASSWORD + "\u0000", PASSWORD + "\u0000\u0000", PASSWORD + "\u0000anything",
                    "\u0000" + PASSWORD, PASSWORD.replace(' ', '\u0000'), "correct\u0000", "\u0000")) {
                assertThat(refusal(() -> f.auth.logIn(ALICE, attempt)).error()).isEqualTo(AuthError.INVALID_CREDENTIALS);
            }
            assertThat(f.auth.logIn(ALICE, PASSWORD)).isNotNull();
        }

        @Test
        @DisplayName("NFKC-equivalent forms of the password log in (composed and decomposed accents, full width, ligatures); letter case still matters")
        void nfkcEquivalentForms() {
            String composed = "caf\u00e9 au lait s'il vous pla\u00eet";
            String decomposed = "cafe\u0301 au lait s'il vous plai\u0302t";
            f.auth.signUp(new SignUpRequest("alice", ALICE, decomposed));
            f.auth.signUp(new SignUpRequest("bob", "bob@example.com", "the \ufb01nest horse battery"));
            f.auth.signUp(new SignUpRequest("carol", "carol@example.com", "ｃｏｒｒｅｃｔ　ｈｏｒｓｅ　ｂａｔｔｅｒｙ"));

            assertThat(f.auth.logIn(ALICE, composed)).isNotNull();
            assertThat(f.auth.logIn(ALICE, decomposed)).isNotNull();
            assertThat(f.auth.logIn("bob@example.com", "the finest horse battery")).isNotNull();
            assertThat(f.auth.logIn("carol@example.com", "correct horse battery")).isNotNull();
            assertThat(refusal(() -> f.auth.logIn("carol@example.com", "Correct Horse Battery")).error())
                    .isEqualTo(AuthError.INVALID_CREDENTIALS);
        }
    }

    @Nested
    @DisplayName("the pepper: bcrypt(base64(HMAC-SHA-384(pepper, password))), never unkeyed, never truncated (OWASP Password Storage Cheat Sheet)")
    class Pepper {

        private final byte[] pepper = "pepper-0123456789abcdef-0123456789".getBytes(StandardCharsets.US_ASCII);
        private final PasswordPolicy roomy = PasswordPolicy.builder().maxLength(512).maxUtf8Bytes(2048).build();
        private final SecurityFixture f = new SecurityFixture(s -> { },
                b -> b.passwordPepper(pepper).passwordPolicy(roomy));

        private byte[] peppered(String password) throws Exception {
            Mac mac = Mac.getInstance("HmacSHA384");
            mac.init(new SecretKeySpec(pepper, "HmacSHA384"));
            return Base64.getEncoder().encode(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
        }

        @Test
        @DisplayName("the stored hash is bcrypt of the keyed pre-hash, not of the password")
        void storedHashIsOfTheKeyedPreHash() throws Exception {
            f.signUp(ALICE);
            String hash = f.users.findByEmail(ALICE).orElseThrow().passwordHash();

            assertThat(BCrypt.verifyer().verify(peppered(PASSWORD), hash.getBytes(StandardCharsets.US_ASCII)).verified)
                    .isTrue();
            assertThat(BCrypt.verifyer().verify(PASSWORD.getBytes(StandardCharsets.UTF_8),
                    hash.getBytes(StandardCharsets.US_ASCII)).verified).isFalse();
        }

        @Test
        @DisplayName("a long password works whole: another one with the same first 72 bytes does not log in")
        void longPasswordsAreNotTruncated() {
            String longer = "a long passphrase, ".repeat(10) + "the end";
            assertThat(longer.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(150);
            f.auth.signUp(new SignUpRequest("alice", ALICE, longer));

            assertThat(f.auth.logIn(ALICE, longer)).isNotNull();
            assertThat(refusal(() -> f.auth.logIn(ALICE, longer.replace("the end", "THE END"))).error())
                    .isEqualTo(AuthError.INVALID_CREDENTIALS);
            assertThat(refusal(() -> f.auth.logIn(ALICE, longer.substring(0, 72))).error())
                    .isEqualTo(AuthError.INVALID_CREDENTIALS);
        }

        @Test
        @DisplayName("without the pepper, or with another, the stolen database does not log anyone in")
        void theDatabaseAloneIsNotEnough() {
            f.signUp(ALICE);
            AuthManager noPepper = AuthManager.builder().userRepository(f.users).tokenStore(f.tokens)
                    .loginAttemptStore(f.attempts).signingKey(JwtKey.generate(JwtAlgorithm.HS256)).clock(f.clock)
                    .settings(AuthSettings.builder().bcryptCost(4).build())
                    .build();
            AuthManager otherPepper = AuthManager.builder().userRepository(f.users).tokenStore(f.tokens)
                    .loginAttemptStore(f.attempts).signingKey(JwtKey.generate(JwtAlgorithm.HS256)).clock(f.clock)
                    .settings(AuthSettings.builder().bcryptCost(4).build())
                    .passwordPepper("another-pepper-0123456789abcdef-01".getBytes(StandardCharsets.US_ASCII))
                    .build();

            assertThat(refusal(() -> noPepper.logIn(ALICE, PASSWORD)).error()).isEqualTo(AuthError.INVALID_CREDENTIALS);
            assertThat(refusal(() -> otherPepper.logIn(ALICE, PASSWORD)).error()).isEqualTo(AuthError.INVALID_CREDENTIALS);
            assertThat(f.auth.logIn(ALICE, PASSWORD)).isNotNull();
        }
    }

    @Nested
    @DisplayName("hash upgrades and imports (ASVS 11.4.2)")
    class Upgrades {

        @Test
        @DisplayName("a $2a$08$ hash is verified and replaced by one at the configured cost at the next log-in")
        void weakHashIsUpgraded() {
            SecurityFixture f = new SecurityFixture(10, TestKey.ward(JwtAlgorithm.HS256), s -> { }, b -> { });
            String old = new String(BCrypt.with(BCrypt.Version.VERSION_2A).hash(8, PASSWORD.getBytes(StandardCharsets.UTF_8)),
                    StandardCharsets.US_ASCII);
            assertThat(old).startsWith("$2a$08$");
            String id = f.users.create(new NewUser("old", ALICE, old, Set.of("user"), f.clock.instant())).id();

            f.auth.logIn(ALICE, PASSWORD);

            String upgraded = f.users.findById(id).orElseThrow().passwordHash();
            assertThat(upgraded).startsWith("$2a$10$").isNotEqualTo(old);
            assertThat(BCrypt.verifyer().verify(PASSWORD.getBytes(StandardCharsets.UTF_8),
                    upgraded.getBytes(StandardCharsets.US_ASCII)).verified).isTrue();
            assertThat(refusal(() -> f.auth.logIn(ALICE, "wrong password!")).error()).isEqualTo(AuthError.INVALID_CREDENTIALS);
            assertThat(f.users.findById(id).orElseThrow().passwordHash()).isEqualTo(upgraded);
        }

        @Test
        @DisplayName("a failed log-in never upgrades a weak hash")
        void failureDoesNotUpgrade() {
            SecurityFixture f = new SecurityFixture(5, TestKey.ward(JwtAlgorithm.HS256), s -> { }, b -> { });
            String old = new String(BCrypt.with(BCrypt.Version.VERSION_2A).hash(4, PASSWORD.getBytes(StandardCharsets.UTF_8)),
                    StandardCharsets.US_ASCII);
            String id = f.users.create(new NewUser("old", ALICE, old, Set.of("user"), f.clock.instant())).id();

            refusal(() -> f.auth.logIn(ALICE, "wrong password!"));

            assertThat(f.users.findById(id).orElseThrow().passwordHash()).isEqualTo(old);
        }

        @Test
        @DisplayName("$2b$ hashes of the Node.js tutorial and $2y$ hashes of PHP verify as they are")
        void importedHashes() {
            SecurityFixture f = new SecurityFixture();
            for (BCrypt.Version version : List.of(BCrypt.Version.VERSION_2B, BCrypt.Version.VERSION_2Y)) {
                String hash = new String(BCrypt.with(version).hash(4, PASSWORD.getBytes(StandardCharsets.UTF_8)),
                        StandardCharsets.US_ASCII);
                String email = "v" + hash.substring(1, 3) + "@example.com";
                f.users.create(new NewUser("imported", email, hash, Set.of("user"), f.clock.instant()));

                assertThat(f.auth.logIn(email, PASSWORD)).isNotNull();
                assertThat(refusal(() -> f.auth.logIn(email, PASSWORD + "!")).error())
                        .isEqualTo(AuthError.INVALID_CREDENTIALS);
            }
        }
    }
}
