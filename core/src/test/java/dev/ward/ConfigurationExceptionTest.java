package dev.ward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ward.ConfigurationException.Problem;
import dev.ward.store.memory.InMemoryLoginAttemptStore;
import dev.ward.store.memory.InMemoryTokenStore;
import dev.ward.store.memory.InMemoryUserRepository;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("ConfigurationException")
class ConfigurationExceptionTest {

    private final ConfigurationException twoProblems = new ConfigurationException(List.of(
            new Problem("bcryptCost", "must be between 4 and 31, got 40"),
            new Problem("issuer", "must be 1 to 256 characters and not blank")));

    @Nested
    @DisplayName("each problem is an option and a message")
    class Problems {

        @Test
        @DisplayName("the message lists every problem as the option's name followed by the message")
        void message() {
            assertThat(twoProblems).hasMessage("invalid Ward configuration: bcryptCost must be between 4 and 31, got 40; "
                    + "issuer must be 1 to 256 characters and not blank");
        }

        @Test
        @DisplayName("problems() gives the same lines as text, optionProblems() the parts, in order")
        void textAndParts() {
            assertThat(twoProblems.problems()).containsExactly("bcryptCost must be between 4 and 31, got 40",
                    "issuer must be 1 to 256 characters and not blank");
            assertThat(twoProblems.optionProblems()).extracting(Problem::option).containsExactly("bcryptCost", "issuer");
            assertThat(twoProblems.optionProblems().get(0).message()).isEqualTo("must be between 4 and 31, got 40");
            assertThat(twoProblems.optionProblems().get(0)).hasToString("bcryptCost must be between 4 and 31, got 40");
        }

        @Test
        @DisplayName("survives serialisation with its problems")
        void serializable() throws Exception {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(twoProblems);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                ConfigurationException copy = (ConfigurationException) in.readObject();

                assertThat(copy.optionProblems()).isEqualTo(twoProblems.optionProblems());
                assertThat(copy).hasMessage(twoProblems.getMessage());
            }
        }

        @Test
        @DisplayName("needs at least one problem, and no null parts")
        void refusesNothingAndNull() {
            assertThatThrownBy(() -> new ConfigurationException(List.of())).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new Problem(null, "m")).isInstanceOf(NullPointerException.class).hasMessage("option");
            assertThatThrownBy(() -> new Problem("o", null)).isInstanceOf(NullPointerException.class).hasMessage("message");
        }
    }

    @Nested
    @DisplayName("AuthManager's builder names the option of each problem")
    class ManagerBuilder {

        private static List<Problem> problemsOf(AuthManager.Builder builder) {
            return catchThrowableOfType(ConfigurationException.class, builder::build).optionProblems();
        }

        private static AuthManager.Builder withStores() {
            return AuthManager.builder().userRepository(new InMemoryUserRepository())
                    .tokenStore(new InMemoryTokenStore()).loginAttemptStore(new InMemoryLoginAttemptStore());
        }

        @Test
        @DisplayName("missing parts, under the names of the methods that set them")
        void missingParts() {
            assertThat(problemsOf(AuthManager.builder())).containsExactly(
                    new Problem("userRepository", "is required"),
                    new Problem("tokenStore", "is required"),
                    new Problem("loginAttemptStore", "is required"),
                    new Problem("keys", "are required: call signingKey(...) or keys(...)"));
        }

        @Test
        @DisplayName("a key set without a signing key, a short pepper, and a policy bcrypt cannot hash")
        void inconsistentParts() {
            AuthManager.Builder verifyOnlyKeys = withStores()
                    .keys(KeySet.verifyOnly(List.of(JwtKey.generate(JwtAlgorithm.ES256))))
                    .passwordPepper(new byte[16]);
            AuthManager.Builder noPepper = withStores()
                    .signingKey(JwtKey.generate(JwtAlgorithm.HS256))
                    .passwordPolicy(PasswordPolicy.builder().maxUtf8Bytes(100).build());

            assertThat(problemsOf(verifyOnlyKeys)).containsExactly(
                    new Problem("keys", "have no signing key"),
                    new Problem("passwordPepper", "must be at least 32 bytes, got 16"));
            assertThat(problemsOf(noPepper)).containsExactly(new Problem("passwordPolicy",
                    "allows 100 bytes, but bcrypt reads only 72: configure a passwordPepper or lower maxUtf8Bytes"));
        }

        @Test
        @DisplayName("an option set twice or set to null is refused at once, naming it")
        void setTwiceAndNull() {
            AuthManager.Builder b = AuthManager.builder().clock(java.time.Clock.systemUTC());

            assertThatThrownBy(() -> b.clock(java.time.Clock.systemUTC()))
                    .isInstanceOf(IllegalStateException.class).hasMessage("clock was already set");
            assertThatThrownBy(() -> b.passwordPepper(null))
                    .isInstanceOf(NullPointerException.class).hasMessage("passwordPepper");
        }
    }
}
