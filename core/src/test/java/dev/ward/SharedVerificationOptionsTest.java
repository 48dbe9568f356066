package dev.ward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issuer, audience, clock skew, verified-token cache size and Ed25519 provider are one set of
 * options, with one set of defaults, ranges and checks, whether an {@link AuthManager} (through
 * {@link AuthSettings}) or a resource server's {@link AccessTokenVerifier} is configured.
 */
@DisplayName("AuthSettings and AccessTokenVerifier share their verification options")
class SharedVerificationOptionsTest {

    /** The same option values, given to both builders. */
    private record Options(Consumer<AuthSettings.Builder> settings, Consumer<AccessTokenVerifier.Builder> verifier) {

        AuthSettings.Builder settingsBuilder() {
            AuthSettings.Builder builder = AuthSettings.builder();
            settings.accept(builder);
            return builder;
        }

        AccessTokenVerifier.Builder verifierBuilder() {
            AccessTokenVerifier.Builder builder = SharedVerificationOptionsTest.verifierBuilder();
            verifier.accept(builder);
            return builder;
        }
    }

    private static Arguments both(String name, Consumer<AuthSettings.Builder> settings,
                                  Consumer<AccessTokenVerifier.Builder> verifier) {
        return Arguments.of(Named.of(name, new Options(settings, verifier)));
    }

    static Stream<Arguments> outOfRange() {
        String tooLong = "x".repeat(AuthSettings.MAX_ISSUER_LENGTH + 1);
        Duration tooMuchSkew = Duration.ofMinutes(AuthSettings.MAX_CLOCK_SKEW_MINUTES).plusSeconds(1);
        return Stream.of(
                both("a blank issuer", s -> s.issuer(" "), v -> v.issuer(" ")),
                both("an issuer too long", s -> s.issuer(tooLong), v -> v.issuer(tooLong)),
                both("an empty audience", s -> s.audience(""), v -> v.audience("")),
                both("a negative clock skew", s -> s.clockSkew(Duration.ofSeconds(-1)), v -> v.clockSkew(Duration.ofSeconds(-1))),
                both("a clock skew too large", s -> s.clockSkew(tooMuchSkew), v -> v.clockSkew(tooMuchSkew)),
                both("a negative cache size", s -> s.verifiedTokenCacheSize(-1), v -> v.verifiedTokenCacheSize(-1)),
                both("a cache too large", s -> s.verifiedTokenCacheSize(AuthSettings.MAX_VERIFIED_TOKEN_CACHE_SIZE + 1),
                        v -> v.verifiedTokenCacheSize(AuthSettings.MAX_VERIFIED_TOKEN_CACHE_SIZE + 1)),
                both("everything at once",
                        s -> s.issuer("").audience(tooLong).clockSkew(tooMuchSkew).verifiedTokenCacheSize(-5),
                        v -> v.issuer("").audience(tooLong).clockSkew(tooMuchSkew).verifiedTokenCacheSize(-5)));
    }

    static Stream<Arguments> atTheBounds() {
        String longest = "x".repeat(AuthSettings.MAX_AUDIENCE_LENGTH);
        Duration mostSkew = Duration.ofMinutes(AuthSettings.MAX_CLOCK_SKEW_MINUTES);
        return Stream.of(
                both("the shortest texts and no skew, no cache",
                        s -> s.issuer("i").audience("a").clockSkew(Duration.ZERO).verifiedTokenCacheSize(0),
                        v -> v.issuer("i").audience("a").clockSkew(Duration.ZERO).verifiedTokenCacheSize(0)),
                both("the longest texts, the most skew, the largest cache, Tink",
                        s -> s.issuer(longest).audience(longest).clockSkew(mostSkew)
                                .verifiedTokenCacheSize(AuthSettings.MAX_VERIFIED_TOKEN_CACHE_SIZE)
                                .ed25519Provider(Ed25519Provider.TINK),
                        v -> v.issuer(longest).audience(longest).clockSkew(mostSkew)
                                .verifiedTokenCacheSize(AuthSettings.MAX_VERIFIED_TOKEN_CACHE_SIZE)
                                .ed25519Provider(Ed25519Provider.TINK)));
    }

    private static AccessTokenVerifier.Builder verifierBuilder() {
        return AccessTokenVerifier.builder().keys(KeySet.of(JwtKey.generate(JwtAlgorithm.ES256)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outOfRange")
    @DisplayName("a value out of range is refused by both, with the same problems")
    void sameProblems(Options options) {
        ConfigurationException bySettings = catchThrowableOfType(ConfigurationException.class,
                options.settingsBuilder()::build);
        ConfigurationException byVerifier = catchThrowableOfType(ConfigurationException.class,
                options.verifierBuilder()::build);

        assertThat(bySettings).as("refused by AuthSettings").isNotNull();
        assertThat(byVerifier).as("refused by AccessTokenVerifier").isNotNull();
        assertThat(byVerifier.optionProblems()).isEqualTo(bySettings.optionProblems());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("atTheBounds")
    @DisplayName("a value at a documented bound is accepted by both")
    void sameBounds(Options options) {
        assertThat(options.settingsBuilder().build()).isNotNull();
        assertThat(options.verifierBuilder().build()).isNotNull();
    }

    @Test
    @DisplayName("both start from the same defaults")
    void sameDefaults() {
        AuthSettings defaults = AuthSettings.defaults();

        assertThat(VerificationOptions.defaults()).isEqualTo(new VerificationOptions(defaults.issuer(),
                defaults.audience(), defaults.clockSkew(), defaults.verifiedTokenCacheSize(), defaults.ed25519Provider()));
    }

    @Test
    @DisplayName("a verifier with the defaults accepts a default manager's token until its expiry plus the default skew, as the manager does")
    void sameDefaultsInUse() {
        Fixture f = new Fixture();
        String token = f.signUpAndLogIn("alice@example.com").accessToken();
        AccessTokenVerifier verifier = AccessTokenVerifier.builder().keys(f.auth.verifier().keys()).clock(f.clock).build();
        Duration lifetime = Duration.ofMinutes(AuthSettings.DEFAULT_ACCESS_TOKEN_TTL_MINUTES);
        Duration skew = Duration.ofSeconds(AuthSettings.DEFAULT_CLOCK_SKEW_SECONDS);

        f.clock.advance(lifetime.plus(skew).minusSeconds(1));
        assertThat(verifier.verify(token).userId()).isEqualTo(f.auth.authenticate(token).userId());

        f.clock.advance(Duration.ofSeconds(1));
        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOfSatisfying(AuthException.class,
                e -> assertThat(e.error()).isEqualTo(AuthError.TOKEN_EXPIRED));
        assertThatThrownBy(() -> f.auth.authenticate(token)).isInstanceOfSatisfying(AuthException.class,
                e -> assertThat(e.error()).isEqualTo(AuthError.TOKEN_EXPIRED));
    }

    @Test
    @DisplayName("the verifier refuses each shared option set twice, as AuthSettings does")
    void setOnceInTheVerifier() {
        AccessTokenVerifier.Builder b = verifierBuilder().issuer("i").audience("a").clockSkew(Duration.ZERO)
                .verifiedTokenCacheSize(1).ed25519Provider(Ed25519Provider.JDK);

        assertThatThrownBy(() -> b.issuer("i")).isInstanceOf(IllegalStateException.class).hasMessage("issuer was already set");
        assertThatThrownBy(() -> b.audience("a")).hasMessage("audience was already set");
        assertThatThrownBy(() -> b.clockSkew(Duration.ZERO)).hasMessage("clockSkew was already set");
        assertThatThrownBy(() -> b.verifiedTokenCacheSize(1)).hasMessage("verifiedTokenCacheSize was already set");
        assertThatThrownBy(() -> b.ed25519Provider(Ed25519Provider.TINK)).hasMessage("ed25519Provider was already set");
        assertThatThrownBy(() -> b.ed25519Provider(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("ed25519Provider");
        assertThatThrownBy(() -> b.keys(KeySet.of(JwtKey.generate(JwtAlgorithm.ES256))))
                .hasMessage("keys was already set");
    }

    @Test
    @DisplayName("a verifier without keys reports that under the option keys, with the other problems")
    void missingKeys() {
        ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
                () -> AccessTokenVerifier.builder().clockSkew(Duration.ofHours(1)).build());

        assertThat(e.optionProblems()).containsExactly(
                new ConfigurationException.Problem("keys", "are required: call keys(...) or jwks(...)"),
                new ConfigurationException.Problem("clockSkew", "must be between PT0S and PT5M, got PT1H"));
    }
}
