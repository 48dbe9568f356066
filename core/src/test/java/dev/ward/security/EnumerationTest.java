package dev.ward.security;

import static dev.ward.security.SecurityFixture.PASSWORD;
import static dev.ward.security.SecurityFixture.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ward.AuthError;
import dev.ward.AuthEvent;
import dev.ward.AuthException;
import dev.ward.ClientInfo;
import dev.ward.LogInRequest;
import dev.ward.SignUpRequest;
import dev.ward.UserAccount;
import dev.ward.store.NewUser;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Account enumeration: the answers to a client never tell which e-mail addresses have an
 * account. Equal bcrypt work for unknown users is proved by LogInTest ("equal work for unknown
 * users"), which counts bcrypt runs; this class proves the answers themselves are identical.
 *
 * <p>Sources: OWASP ASVS 5.0 6.3.8 (valid users cannot be deduced from failed authentication,
 * sign-up or error messages), OWASP Authentication Cheat Sheet ("Authentication and error
 * messages"), CWE-204 (observable response discrepancy).
 */
@DisplayName("Account enumeration")
class EnumerationTest {

    private static final String ALICE = "alice@example.com";
    private static final String NOBODY = "nobody@example.com";

    /** Every observable part of a refusal, and its Java serialisation byte for byte. */
    private static void assertIdentical(AuthException known, AuthException unknown) throws Exception {
        assertThat(unknown.error()).isEqualTo(known.error());
        assertThat(unknown.httpStatus()).isEqualTo(known.httpStatus());
        assertThat(unknown.getMessage()).isEqualTo(known.getMessage());
        assertThat(unknown.violations()).isEqualTo(known.violations());
        assertThat(unknown.retryAfter()).isEqualTo(known.retryAfter());
        assertThat(unknown.toString()).isEqualTo(known.toString());
        assertThat(unknown.getStackTrace()).isEmpty();
        assertThat(known.getStackTrace()).isEmpty();
        assertThat(unknown.getCause()).isNull();
        assertThat(known.getCause()).isNull();
        assertThat(serialized(unknown)).isEqualTo(serialized(known));
    }

    private static byte[] serialized(AuthException e) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(e);
        }
        return bytes.toByteArray();
    }

    @Nested
    @DisplayName("log-in (ASVS 6.3.8)")
    class LogIn {

        private final SecurityFixture f = new SecurityFixture(s -> s.lockoutThreshold(3));

        @Test
        @DisplayName("a wrong password and an unknown e-mail give byte-for-byte identical refusals")
        void wrongPasswordAndUnknownEmail() throws Exception {
            f.signUp(ALICE);

            AuthException known = refusal(() -> f.auth.logIn(ALICE, "wrong password!"));
            AuthException unknown = refusal(() -> f.auth.logIn(NOBODY, "wrong password!"));

            assertThat(known.error()).isEqualTo(AuthError.INVALID_CREDENTIALS);
            assertIdentical(known, unknown);
        }

        @Test
        @DisplayName("an unknown e-mail looks the same whatever the password: empty-ish, 72 bytes, 4096 characters, with client information")
        void unknownEmailWithOddPasswords() throws Exception {
            f.signUp(ALICE);
            AuthException known = refusal(() -> f.auth.logIn(ALICE, "x"));
            for (String password : List.of("x", PASSWORD, "é".repeat(36), "p".repeat(4096))) {
                AuthException unknown = refusal(() -> f.auth.logIn(
                        new LogInRequest("nobody" + password.length() + "@example.com", password,
                                new ClientInfo("203.0.113.9", "curl/8"))));
                assertIdentical(known, unknown);
            }
        }

        @Test
        @DisplayName("an account whose stored hash is damaged answers like a wrong password")
        void damagedHash() throws Exception {
            f.users.create(new NewUser("odd", "odd@example.com", "$2a$04$damaged", Set.of("user"), f.clock.instant()));

            assertIdentical(refusal(() -> f.auth.logIn(NOBODY, PASSWORD)),
                    refusal(() -> f.auth.logIn("odd@example.com", PASSWORD)));
        }

        @Test
        @DisplayName("a locked account and a locked unknown e-mail give identical refusals, retry-after included")
        void lockedKnownAndUnknown() throws Exception {
            f.signUp(ALICE);
            for (int i = 0; i < 3; i++) {
                refusal(() -> f.auth.logIn(ALICE, "wrong password!"));
                refusal(() -> f.auth.logIn(NOBODY, "wrong password!"));
            }
            f.clock.advance(Duration.ofSeconds(17));

            AuthException known = refusal(() -> f.auth.logIn(ALICE, PASSWORD));
            AuthException unknown = refusal(() -> f.auth.logIn(NOBODY, PASSWORD));

            assertThat(known.error()).isEqualTo(AuthError.TOO_MANY_ATTEMPTS);
            assertThat(known.retryAfter()).contains(Duration.ofSeconds(43));
            assertIdentical(known, unknown);
        }

        @Test
        @DisplayName("malformed requests are refused the same way for known and unknown e-mails")
        void malformedRequests() throws Exception {
            f.signUp(ALICE);

            assertIdentical(refusal(() -> f.auth.logIn(ALICE, "")), refusal(() -> f.auth.logIn(NOBODY, "")));
            assertIdentical(refusal(() -> f.auth.logIn(ALICE, "p".repeat(4097))),
                    refusal(() -> f.auth.logIn(NOBODY, "p".repeat(4097))));
        }

        @Test
        @DisplayName("only the host learns which case it was, through the event")
        void hostLearnsThroughEvents() {
            f.signUp(ALICE);
            refusal(() -> f.auth.logIn(ALICE, "wrong password!"));
            refusal(() -> f.auth.logIn(NOBODY, "wrong password!"));

            assertThat(f.events(AuthEvent.LogInFailed.class)).extracting(AuthEvent.LogInFailed::reason)
                    .containsExactly(AuthEvent.FailureReason.WRONG_PASSWORD, AuthEvent.FailureReason.UNKNOWN_USER);
        }
    }

    @Nested
    @DisplayName("sign-up with concealDuplicateSignUp (ASVS 6.3.8)")
    class SignUp {

        private final SecurityFixture f = new SecurityFixture(s -> s.concealDuplicateSignUp(true));

        @Test
        @DisplayName("a taken e-mail is answered exactly like a new one: same fields, a fresh random id of the same form")
        void duplicateLooksLikeSuccess() {
            UserAccount original = f.auth.signUp(new SignUpRequest("Alice", ALICE, PASSWORD));
            f.clock.advance(Duration.ofMinutes(3));

            UserAccount fresh = f.auth.signUp(new SignUpRequest("Mallory", "fresh@example.com", "another fine pass"));
            UserAccount duplicate = f.auth.signUp(new SignUpRequest("Mallory", " ALICE@example.com", "another fine pass"));

            assertThat(duplicate.getClass()).isEqualTo(fresh.getClass());
            assertThat(duplicate.userName()).isEqualTo(fresh.userName());
            assertThat(duplicate.email()).isEqualTo(ALICE);
            assertThat(duplicate.roles()).isEqualTo(fresh.roles());
            assertThat(duplicate.createdAt()).isEqualTo(fresh.createdAt()).isEqualTo(f.clock.instant());
            assertThat(duplicate.id()).isNotEqualTo(original.id()).hasSameSizeAs(fresh.id());
            assertThat(UUID.fromString(duplicate.id()).version()).isEqualTo(UUID.fromString(fresh.id()).version());
            assertThat(duplicate.toString().replace(duplicate.id(), "ID").replace(ALICE, "EMAIL"))
                    .isEqualTo(fresh.toString().replace(fresh.id(), "ID").replace("fresh@example.com", "EMAIL"));
        }

        @Test
        @DisplayName("the existing account is untouched, and the host gets a DuplicateSignUp event to e-mail its owner")
        void existingAccountIsUntouched() {
            UserAccount original = f.signUp(ALICE);

            f.auth.signUp(new SignUpRequest("Mallory", ALICE, "another fine pass"));

            assertThat(f.users.size()).isEqualTo(1);
            assertThat(f.auth.logIn(ALICE, PASSWORD)).isNotNull();
            assertThat(refusal(() -> f.auth.logIn(ALICE, "another fine pass")).error())
                    .isEqualTo(AuthError.INVALID_CREDENTIALS);
            assertThat(f.events(AuthEvent.DuplicateSignUp.class)).singleElement().satisfies(e -> {
                assertThat(e.existingUserId()).isEqualTo(original.id());
                assertThat(e.email()).isEqualTo(ALICE);
            });
            assertThat(f.events(AuthEvent.SignedUp.class)).hasSize(1);
        }

        @Test
        @DisplayName("validation comes first and answers the same for a taken and a free e-mail")
        void validationIsTheSame() throws Exception {
            f.signUp(ALICE);

            assertIdentical(refusal(() -> f.auth.signUp(new SignUpRequest("Mallory", ALICE, "password"))),
                    refusal(() -> f.auth.signUp(new SignUpRequest("Mallory", "fresh@example.com", "password"))));
        }

        @Test
        @DisplayName("without the option a taken e-mail is EMAIL_TAKEN (409): the documented trade-off")
        void withoutTheOption() {
            SecurityFixture plain = new SecurityFixture();
            plain.signUp(ALICE);

            AuthException e = refusal(() -> plain.auth.signUp(new SignUpRequest("Mallory", ALICE, "another fine pass")));

            assertThat(e.error()).isEqualTo(AuthError.EMAIL_TAKEN);
            assertThat(e.httpStatus()).isEqualTo(409);
        }
    }
}
