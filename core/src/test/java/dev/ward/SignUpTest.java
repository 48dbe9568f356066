package dev.ward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import dev.ward.store.User;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SignUpTest {

    private final Fixture f = new Fixture();

    private static AuthException invalid(Runnable call) {
        try {
            call.run();
        } catch (AuthException e) {
            return e;
        }
        throw new AssertionError("expected an AuthException");
    }

    @Test
    @DisplayName("sign-up creates a user with the role user, a normalised e-mail and a bcrypt hash")
    void signUpCreatesUser() {
        UserAccount account = f.auth.signUp(new SignUpRequest("  Alice  ", "  Alice@Example.COM ", Fixture.PASSWORD));

        assertThat(account.email()).isEqualTo("alice@example.com");
        assertThat(account.userName()).isEqualTo("Alice");
        assertThat(account.roles()).containsExactly("user");
        assertThat(account.createdAt()).isEqualTo(f.clock.instant());
        User stored = f.users.findById(account.id()).orElseThrow();
        assertThat(stored.passwordHash()).startsWith("$2a$04$").doesNotContain(Fixture.PASSWORD);
        assertThat(account.toString()).doesNotContain("$2a$");
        assertThat(f.events(AuthEvent.SignedUp.class)).singleElement()
                .satisfies(e -> assertThat(e.userId()).isEqualTo(account.id()));
    }

    @Test
    @DisplayName("the e-mail address is normalised with NFKC, so full-width forms are one account")
    void emailIsNfkcNormalised() {
        f.signUp("bob@example.com");

        assertThatThrownBy(() -> f.signUp("ＢＯＢ@example.com"))
                .isInstanceOfSatisfying(AuthException.class, e -> assertThat(e.error()).isEqualTo(AuthError.EMAIL_TAKEN));
    }

    @Test
    @DisplayName("a taken e-mail gives EMAIL_TAKEN (409), whatever its letter case")
    void takenEmail() {
        f.signUp("carol@example.com");

        AuthException e = invalid(() -> f.signUp("Carol@Example.com"));

        assertThat(e.error()).isEqualTo(AuthError.EMAIL_TAKEN);
        assertThat(e.httpStatus()).isEqualTo(409);
        assertThat(f.users.size()).isEqualTo(1);
    }

    @Nested
    @DisplayName("validation")
    class Validation {

        @Test
        @DisplayName("every violation is reported at once, with field names")
        void everyViolationAtOnce() {
            AuthException e = invalid(() -> f.auth.signUp(new SignUpRequest(" ", "not-an-email", "short")));

            assertThat(e.error()).isEqualTo(AuthError.INVALID_REQUEST);
            assertThat(e.httpStatus()).isEqualTo(400);
            assertThat(e.violations()).extracting(FieldViolation::field)
                    .contains("userName", "email", "password");
            assertThat(e.violations()).contains(new FieldViolation("password", "must be at least 15 characters"));
            assertThat(e.getMessage()).doesNotContain("short");
        }

        @Test
        @DisplayName("null fields and a null request are violations, not NullPointerExceptions")
        void nullsAreViolations() {
            AuthException e = invalid(() -> f.auth.signUp(new SignUpRequest(null, null, null)));
            assertThat(e.violations()).extracting(FieldViolation::field)
                    .containsExactlyInAnyOrder("email", "password", "userName");

            assertThat(invalid(() -> f.auth.signUp(null)).error()).isEqualTo(AuthError.INVALID_REQUEST);
        }

        @Test
        @DisplayName("a 73-byte password is a validation error, never truncated and never a hasher exception")
        void passwordOver72BytesIsRefused() {
            String password = "é".repeat(36) + "x"; // 73 bytes in UTF-8, 37 code points

            AuthException e = invalid(() -> f.auth.signUp(new SignUpRequest("dan", "dan@example.com", password)));

            assertThat(e.violations()).containsExactly(new FieldViolation("password", "must be at most 72 bytes in UTF-8"));
        }

        @Test
        @DisplayName("a 72-byte password is accepted and logs in")
        void password72BytesIsAccepted() {
            String password = "é".repeat(36); // 72 bytes

            f.auth.signUp(new SignUpRequest("dan", "dan@example.com", password));

            assertThat(f.auth.logIn("dan@example.com", password).accessToken()).isNotBlank();
        }

        @Test
        @DisplayName("length counts code points: 64 emoji pass, 65 do not")
        void lengthInCodePoints() {
            PasswordPolicy roomy = PasswordPolicy.builder().maxUtf8Bytes(1024).build();
            assertThat(roomy.check("😀".repeat(64), "x", "x@example.com")).isEmpty();
            assertThat(roomy.check("😀".repeat(65), "x", "x@example.com")).containsExactly("must be at most 64 characters");
        }

        @Test
        @DisplayName("a password equal to the e-mail address or the user name is refused")
        void passwordEqualToUserDetails() {
            AuthException byEmail = invalid(() -> f.auth.signUp(
                    new SignUpRequest("erin", "erin.example@example.com", "erin.example@example.com")));
            assertThat(byEmail.violations()).extracting(FieldViolation::field).containsOnly("password");

            AuthException byName = invalid(() -> f.auth.signUp(
                    new SignUpRequest("frankfurtersausage", "ff@example.com", "FrankFurterSausage")));
            assertThat(byName.violations()).containsExactly(
                    new FieldViolation("password", "must not contain your user name"));
        }

        @Test
        @DisplayName("a user name over 100 characters and an e-mail over 254 are refused")
        void overlongFields() {
            String longEmail = "a".repeat(250) + "@example.com";
            AuthException e = invalid(() -> f.auth.signUp(new SignUpRequest("n".repeat(101), longEmail, Fixture.PASSWORD)));

            assertThat(e.violations()).extracting(FieldViolation::field).contains("userName", "email");
        }
    }

    @Test
    @DisplayName("16 concurrent sign-ups with one e-mail give one account and 15 EMAIL_TAKEN")
    void concurrentSignUps() {
        List<dev.ward.store.tck.Concurrently.Outcome<UserAccount>> outcomes = dev.ward.store.tck.Concurrently.run(16,
                i -> () -> f.auth.signUp(new SignUpRequest("racer" + i, "race@example.com", Fixture.PASSWORD)));

        assertThat(outcomes).filteredOn(dev.ward.store.tck.Concurrently.Outcome::succeeded).hasSize(1);
        assertThat(outcomes).filteredOn(o -> !o.succeeded()).hasSize(15)
                .allSatisfy(o -> assertThat(o.failure()).asInstanceOf(type(AuthException.class))
                        .extracting(AuthException::error).isEqualTo(AuthError.EMAIL_TAKEN));
    }

    @Test
    @DisplayName("with concealDuplicateSignUp a taken e-mail looks like a success and raises an event")
    void concealedDuplicate() {
        Fixture concealing = new Fixture(s -> s.concealDuplicateSignUp(true));
        UserAccount first = concealing.signUp("gina@example.com");

        UserAccount second = concealing.auth.signUp(new SignUpRequest("Test User", "gina@example.com", "another fine pass"));

        assertThat(second.email()).isEqualTo(first.email());
        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(concealing.users.size()).isEqualTo(1);
        assertThat(concealing.events(AuthEvent.DuplicateSignUp.class)).singleElement()
                .satisfies(e -> assertThat(e.existingUserId()).isEqualTo(first.id()));
        assertThat(concealing.auth.logIn("gina@example.com", Fixture.PASSWORD)).isNotNull();
    }
}
