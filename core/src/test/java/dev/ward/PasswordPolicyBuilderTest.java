package dev.ward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ward.ConfigurationException.Problem;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("PasswordPolicy's builder follows the settings convention")
class PasswordPolicyBuilderTest {

    private static final PasswordCheck NO_WARD = (password, userName, email) ->
            password.contains("ward") ? Optional.of("must not contain ward") : Optional.empty();

    @Test
    @DisplayName("it starts from the defaults, which are its constants")
    void defaultsAreTheConstants() {
        PasswordPolicy expected = PasswordPolicy.builder()
                .minLength(PasswordPolicy.DEFAULT_MIN_LENGTH)
                .maxLength(PasswordPolicy.DEFAULT_MAX_LENGTH)
                .maxUtf8Bytes(PasswordPolicy.DEFAULT_MAX_UTF8_BYTES)
                .rejectUserDetails(PasswordPolicy.DEFAULT_REJECT_USER_DETAILS)
                .blockCommonPasswords(PasswordPolicy.DEFAULT_BLOCK_COMMON_PASSWORDS)
                .requireLowerCase(PasswordPolicy.DEFAULT_REQUIRE_LOWER_CASE)
                .requireUpperCase(PasswordPolicy.DEFAULT_REQUIRE_UPPER_CASE)
                .requireDigit(PasswordPolicy.DEFAULT_REQUIRE_DIGIT)
                .requireSymbol(PasswordPolicy.DEFAULT_REQUIRE_SYMBOL)
                .build();

        assertThat(PasswordPolicy.defaults()).isEqualTo(expected);
        assertThat(PasswordPolicy.defaults().minLength()).as("NIST SP 800-63B-4: 15 for a single factor").isEqualTo(15);
        assertThat(PasswordPolicy.defaults().maxLength()).isEqualTo(64);
        assertThat(PasswordPolicy.defaults().maxUtf8Bytes()).isEqualTo(PasswordPolicy.BCRYPT_MAX_BYTES).isEqualTo(72);
    }

    @Nested
    @DisplayName("set once")
    class SetOnce {

        @Test
        @DisplayName("an option set twice is refused at once, naming it")
        void setTwiceIsRefused() {
            PasswordPolicy.Builder b = PasswordPolicy.builder().minLength(10).requireDigit(true);

            assertThatThrownBy(() -> b.minLength(12))
                    .isInstanceOf(IllegalStateException.class).hasMessage("minLength was already set");
            assertThatThrownBy(() -> b.requireDigit(false))
                    .isInstanceOf(IllegalStateException.class).hasMessage("requireDigit was already set");
            assertThat(b.build().minLength()).as("the first value stays").isEqualTo(10);
        }

        @Test
        @DisplayName("extra checks are not options: any number may be added")
        void checksMayBeAddedAgain() {
            PasswordPolicy policy = PasswordPolicy.builder().addCheck(NO_WARD).addCheck(NO_WARD).build();

            assertThat(policy.check("plum tree at dusk ward", null, null))
                    .containsExactly("must not contain ward", "must not contain ward");
        }

        @Test
        @DisplayName("the complexity preset is built with each option set once")
        void complexityPreset() {
            assertThat(PasswordPolicy.complexity().maxLength()).isEqualTo(26);
        }
    }

    @Nested
    @DisplayName("toBuilder()")
    class ToBuilder {

        @Test
        @DisplayName("a copy built unchanged equals the original, extra checks included")
        void roundTrip() {
            PasswordPolicy policy = PasswordPolicy.complexity().toBuilder().minLength(10).addCheck(NO_WARD).build();

            assertThat(policy.toBuilder().build()).isEqualTo(policy).hasSameHashCodeAs(policy);
            assertThat(PasswordPolicy.defaults().toBuilder().build()).isEqualTo(PasswordPolicy.defaults());
        }

        @Test
        @DisplayName("in a copy, each option may still be set once: the copied values are not counted as set")
        void copyMaySetEachOptionOnce() {
            PasswordPolicy.Builder copy = PasswordPolicy.complexity().toBuilder().maxLength(30).requireSymbol(false);

            assertThatThrownBy(() -> copy.maxLength(40)).hasMessage("maxLength was already set");
            PasswordPolicy policy = copy.build();
            assertThat(policy.maxLength()).isEqualTo(30);
            assertThat(policy.check("Abcdefg12", null, null)).as("symbol no longer required").isEmpty();
            assertThat(policy.check("abcdefg12", null, null)).as("the rest copied")
                    .containsExactly("must contain an upper-case letter");
        }
    }

    @Test
    @DisplayName("build() reports every problem at once, each under its option's name")
    void everyProblemUnderItsOption() {
        ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
                () -> PasswordPolicy.builder().minLength(0).maxLength(-1).maxUtf8Bytes(0).build());

        assertThat(e.optionProblems()).containsExactly(
                new Problem("minLength", "must be at least 1, got 0"),
                new Problem("maxLength", "(-1) must be at least minLength (0)"),
                new Problem("maxUtf8Bytes", "must be at least 1, got 0"));
        assertThat(e).hasMessage("invalid Ward configuration: minLength must be at least 1, got 0; "
                + "maxLength (-1) must be at least minLength (0); maxUtf8Bytes must be at least 1, got 0");
    }
}
