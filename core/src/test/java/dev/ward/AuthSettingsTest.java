package dev.ward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ward.ConfigurationException.Problem;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("AuthSettings")
class AuthSettingsTest {

    /** Every option set to something other than its default, and valid together. */
    private static AuthSettings everyOptionChanged() {
        return AuthSettings.builder()
                .accessTokenTtl(Duration.ofMinutes(5))
                .refreshTokenIdleTtl(Duration.ofDays(7))
                .sessionMaxLifetime(Duration.ofDays(30))
                .refreshReuseGrace(Duration.ofSeconds(10))
                .bcryptCost(10)
                .issuer("https://auth.example.com")
                .audience("orders-api")
                .clockSkew(Duration.ofSeconds(5))
                .strictSessions(true)
                .strictSessionCacheTtl(Duration.ofSeconds(2))
                .lockoutThreshold(3)
                .lockoutDuration(Duration.ofSeconds(30))
                .maxLockoutDuration(Duration.ofMinutes(30))
                .permanentLockoutThreshold(50)
                .throttleClientAddress(true)
                .clientAddressLockoutThreshold(20)
                .concealDuplicateSignUp(true)
                .verifiedTokenCacheSize(100)
                .ed25519Provider(Ed25519Provider.TINK)
                .build();
    }

    @Nested
    @DisplayName("defaults")
    class Defaults {

        @Test
        @DisplayName("every default is its constant")
        void everyDefaultIsItsConstant() {
            AuthSettings s = AuthSettings.defaults();

            assertThat(s.accessTokenTtl()).isEqualTo(Duration.ofMinutes(AuthSettings.DEFAULT_ACCESS_TOKEN_TTL_MINUTES));
            assertThat(s.refreshTokenIdleTtl()).isEqualTo(Duration.ofDays(AuthSettings.DEFAULT_REFRESH_TOKEN_IDLE_TTL_DAYS));
            assertThat(s.sessionMaxLifetime()).isEqualTo(Duration.ofDays(AuthSettings.DEFAULT_SESSION_MAX_LIFETIME_DAYS));
            assertThat(s.refreshReuseGrace()).isEqualTo(Duration.ofSeconds(AuthSettings.DEFAULT_REFRESH_REUSE_GRACE_SECONDS));
            assertThat(s.bcryptCost()).isEqualTo(AuthSettings.DEFAULT_BCRYPT_COST);
            assertThat(s.issuer()).isEqualTo(AuthSettings.DEFAULT_ISSUER);
            assertThat(s.audience()).isEqualTo(AuthSettings.DEFAULT_AUDIENCE);
            assertThat(s.clockSkew()).isEqualTo(Duration.ofSeconds(AuthSettings.DEFAULT_CLOCK_SKEW_SECONDS));
            assertThat(s.strictSessions()).isEqualTo(AuthSettings.DEFAULT_STRICT_SESSIONS);
            assertThat(s.strictSessionCacheTtl())
                    .isEqualTo(Duration.ofSeconds(AuthSettings.DEFAULT_STRICT_SESSION_CACHE_TTL_SECONDS));
            assertThat(s.lockoutThreshold()).isEqualTo(AuthSettings.DEFAULT_LOCKOUT_THRESHOLD);
            assertThat(s.lockoutDuration()).isEqualTo(Duration.ofMinutes(AuthSettings.DEFAULT_LOCKOUT_DURATION_MINUTES));
            assertThat(s.maxLockoutDuration())
                    .isEqualTo(Duration.ofMinutes(AuthSettings.DEFAULT_MAX_LOCKOUT_DURATION_MINUTES));
            assertThat(s.permanentLockoutThreshold()).isEqualTo(AuthSettings.DEFAULT_PERMANENT_LOCKOUT_THRESHOLD);
            assertThat(s.throttleClientAddress()).isEqualTo(AuthSettings.DEFAULT_THROTTLE_CLIENT_ADDRESS);
            assertThat(s.clientAddressLockoutThreshold()).isEqualTo(AuthSettings.DEFAULT_CLIENT_ADDRESS_LOCKOUT_THRESHOLD);
            assertThat(s.concealDuplicateSignUp()).isEqualTo(AuthSettings.DEFAULT_CONCEAL_DUPLICATE_SIGN_UP);
            assertThat(s.verifiedTokenCacheSize()).isEqualTo(AuthSettings.DEFAULT_VERIFIED_TOKEN_CACHE_SIZE);
            assertThat(s.ed25519Provider()).isEqualTo(AuthSettings.DEFAULT_ED25519_PROVIDER).isEqualTo(Ed25519Provider.JDK);
        }

        @Test
        @DisplayName("the constants are the numbers of DESIGN.md and the docs")
        void constantsAreTheDocumentedNumbers() {
            assertThat(AuthSettings.DEFAULT_ACCESS_TOKEN_TTL_MINUTES).isEqualTo(14);
            assertThat(AuthSettings.DEFAULT_REFRESH_TOKEN_IDLE_TTL_DAYS).isEqualTo(30);
            assertThat(AuthSettings.DEFAULT_SESSION_MAX_LIFETIME_DAYS).isEqualTo(90);
            assertThat(AuthSettings.DEFAULT_REFRESH_REUSE_GRACE_SECONDS).isEqualTo(30);
            assertThat(AuthSettings.DEFAULT_CLOCK_SKEW_SECONDS).isEqualTo(30);
            assertThat(AuthSettings.DEFAULT_VERIFIED_TOKEN_CACHE_SIZE).isEqualTo(10_000);
            assertThat(AuthSettings.MAX_STRICT_SESSION_CACHE_TTL_SECONDS).isEqualTo(10);
        }

        @Test
        @DisplayName("a builder left alone builds settings equal to the defaults")
        void untouchedBuilderBuildsTheDefaults() {
            assertThat(AuthSettings.builder().build())
                    .isEqualTo(AuthSettings.defaults())
                    .hasSameHashCodeAs(AuthSettings.defaults())
                    .hasToString(AuthSettings.defaults().toString());
        }

        @Test
        @DisplayName("toString names every option, the Ed25519 provider included")
        void toStringNamesEveryOption() {
            assertThat(AuthSettings.defaults().toString())
                    .startsWith("AuthSettings[accessTokenTtl=PT14M, refreshTokenIdleTtl=PT720H, ")
                    .contains(", issuer=ward, audience=ward, clockSkew=PT30S, ")
                    .endsWith(", verifiedTokenCacheSize=10000, ed25519Provider=JDK]");
        }
    }

    @Nested
    @DisplayName("toBuilder()")
    class ToBuilder {

        @Test
        @DisplayName("a copy built unchanged equals the original, for the defaults and for every option changed")
        void roundTrip() {
            AuthSettings changed = everyOptionChanged();

            assertThat(changed.toBuilder().build()).isEqualTo(changed).hasSameHashCodeAs(changed)
                    .hasToString(changed.toString());
            assertThat(AuthSettings.defaults().toBuilder().build()).isEqualTo(AuthSettings.defaults());
            assertThat(changed).isNotEqualTo(AuthSettings.defaults());
        }

        @Test
        @DisplayName("in a copy, each option may still be set once: the copied values are not counted as set")
        void copyMaySetEachOptionOnce() {
            AuthSettings changed = everyOptionChanged();

            AuthSettings.Builder copy = changed.toBuilder()
                    .accessTokenTtl(Duration.ofMinutes(10))
                    .issuer("https://other.example.com")
                    .ed25519Provider(Ed25519Provider.JDK);
            AuthSettings result = copy.build();

            assertThat(result.accessTokenTtl()).isEqualTo(Duration.ofMinutes(10));
            assertThat(result.issuer()).isEqualTo("https://other.example.com");
            assertThat(result.ed25519Provider()).isEqualTo(Ed25519Provider.JDK);
            assertThat(result.audience()).as("copied").isEqualTo("orders-api");
            assertThat(result.strictSessionCacheTtl()).as("copied").isEqualTo(Duration.ofSeconds(2));
            assertThatThrownBy(() -> copy.accessTokenTtl(Duration.ofMinutes(11)))
                    .isInstanceOf(IllegalStateException.class).hasMessage("accessTokenTtl was already set");
            assertThatThrownBy(() -> copy.issuer("again"))
                    .isInstanceOf(IllegalStateException.class).hasMessage("issuer was already set");
        }

        @Test
        @DisplayName("changing a copy leaves the original as it was")
        void originalUnchanged() {
            AuthSettings original = everyOptionChanged();
            String before = original.toString();

            original.toBuilder().bcryptCost(4).audience("elsewhere").build();

            assertThat(original.bcryptCost()).isEqualTo(10);
            assertThat(original.audience()).isEqualTo("orders-api");
            assertThat(original).hasToString(before);
        }
    }

    @Nested
    @DisplayName("the builder")
    class TheBuilder {

        @Test
        @DisplayName("refuses a second set of any option, naming it, also of the options shared with the verifier")
        void setTwiceIsRefused() {
            AuthSettings.Builder b = AuthSettings.builder().bcryptCost(10).clockSkew(Duration.ZERO)
                    .verifiedTokenCacheSize(0).ed25519Provider(Ed25519Provider.JDK).strictSessions(false);

            assertThatThrownBy(() -> b.bcryptCost(10)).hasMessage("bcryptCost was already set");
            assertThatThrownBy(() -> b.clockSkew(Duration.ZERO)).hasMessage("clockSkew was already set");
            assertThatThrownBy(() -> b.verifiedTokenCacheSize(0)).hasMessage("verifiedTokenCacheSize was already set");
            assertThatThrownBy(() -> b.ed25519Provider(Ed25519Provider.TINK)).hasMessage("ed25519Provider was already set");
            assertThatThrownBy(() -> b.strictSessions(true))
                    .isInstanceOf(IllegalStateException.class).hasMessage("strictSessions was already set");
        }

        @Test
        @DisplayName("refuses null at once, naming the option, and does not count it as set")
        void nullIsRefused() {
            AuthSettings.Builder b = AuthSettings.builder();

            assertThatThrownBy(() -> b.accessTokenTtl(null)).isInstanceOf(NullPointerException.class)
                    .hasMessage("accessTokenTtl");
            assertThatThrownBy(() -> b.audience(null)).isInstanceOf(NullPointerException.class).hasMessage("audience");
            assertThatThrownBy(() -> b.ed25519Provider(null)).isInstanceOf(NullPointerException.class)
                    .hasMessage("ed25519Provider");

            assertThat(b.accessTokenTtl(Duration.ofMinutes(3)).build().accessTokenTtl()).isEqualTo(Duration.ofMinutes(3));
        }

        @Test
        @DisplayName("reports every problem at once, each under its option's name")
        void everyProblemUnderItsOption() {
            ConfigurationException e = catchThrowableOfType(ConfigurationException.class, () -> AuthSettings.builder()
                    .accessTokenTtl(Duration.ZERO)
                    .refreshTokenIdleTtl(Duration.ofDays(400))
                    .sessionMaxLifetime(Duration.ofDays(1))
                    .refreshReuseGrace(Duration.ofMinutes(10))
                    .bcryptCost(32)
                    .issuer("")
                    .audience("a".repeat(AuthSettings.MAX_AUDIENCE_LENGTH + 1))
                    .clockSkew(Duration.ofSeconds(-1))
                    .strictSessionCacheTtl(Duration.ofSeconds(11))
                    .lockoutThreshold(0)
                    .lockoutDuration(Duration.ofMinutes(20))
                    .maxLockoutDuration(Duration.ofMinutes(10))
                    .permanentLockoutThreshold(-1)
                    .clientAddressLockoutThreshold(100_001)
                    .verifiedTokenCacheSize(-1)
                    .build());

            assertThat(e.optionProblems()).extracting(Problem::option).containsExactlyInAnyOrder(
                    "accessTokenTtl", "refreshTokenIdleTtl", "sessionMaxLifetime", "refreshReuseGrace", "bcryptCost",
                    "issuer", "audience", "clockSkew", "strictSessionCacheTtl", "lockoutThreshold",
                    "maxLockoutDuration", "permanentLockoutThreshold", "clientAddressLockoutThreshold",
                    "verifiedTokenCacheSize");
            assertThat(e.optionProblems()).contains(
                    new Problem("accessTokenTtl", "must be between PT1S and PT24H, got PT0S"),
                    new Problem("sessionMaxLifetime", "(PT24H) must be at least refreshTokenIdleTtl (PT9600H)"),
                    new Problem("refreshReuseGrace", "must be between PT0S and PT5M, got PT10M"),
                    new Problem("bcryptCost", "must be between 4 and 31, got 32"),
                    new Problem("issuer", "must be 1 to 256 characters and not blank"),
                    new Problem("maxLockoutDuration", "must be at least lockoutDuration"),
                    new Problem("permanentLockoutThreshold", "(-1) must be at least lockoutThreshold (0)"));
            assertThat(e.problems()).as("the same problems as text")
                    .contains("bcryptCost must be between 4 and 31, got 32",
                            "refreshTokenIdleTtl must be between PT1M and PT8760H, got PT9600H")
                    .hasSameSizeAs(e.optionProblems());
        }

        @ParameterizedTest(name = "the highest: {0}")
        @ValueSource(booleans = {false, true})
        @DisplayName("accepts every bound it documents, all the lowest or all the highest at once")
        void acceptsEveryBound(boolean highest) {
            AuthSettings s = AuthSettings.builder()
                    .accessTokenTtl(highest ? Duration.ofHours(AuthSettings.MAX_ACCESS_TOKEN_TTL_HOURS)
                            : Duration.ofSeconds(AuthSettings.MIN_ACCESS_TOKEN_TTL_SECONDS))
                    .refreshTokenIdleTtl(highest ? Duration.ofDays(AuthSettings.MAX_REFRESH_TOKEN_IDLE_TTL_DAYS)
                            : Duration.ofMinutes(AuthSettings.MIN_REFRESH_TOKEN_IDLE_TTL_MINUTES))
                    .sessionMaxLifetime(highest ? Duration.ofDays(AuthSettings.MAX_SESSION_MAX_LIFETIME_DAYS)
                            : Duration.ofMinutes(AuthSettings.MIN_SESSION_MAX_LIFETIME_MINUTES))
                    .refreshReuseGrace(highest ? Duration.ofMinutes(AuthSettings.MAX_REFRESH_REUSE_GRACE_MINUTES)
                            : Duration.ZERO)
                    .bcryptCost(highest ? AuthSettings.MAX_BCRYPT_COST : AuthSettings.MIN_BCRYPT_COST)
                    .issuer("i".repeat(highest ? AuthSettings.MAX_ISSUER_LENGTH : 1))
                    .audience("a".repeat(highest ? AuthSettings.MAX_AUDIENCE_LENGTH : 1))
                    .clockSkew(highest ? Duration.ofMinutes(AuthSettings.MAX_CLOCK_SKEW_MINUTES) : Duration.ZERO)
                    .strictSessionCacheTtl(highest
                            ? Duration.ofSeconds(AuthSettings.MAX_STRICT_SESSION_CACHE_TTL_SECONDS) : Duration.ZERO)
                    .lockoutThreshold(highest ? AuthSettings.MAX_LOCKOUT_THRESHOLD : AuthSettings.MIN_LOCKOUT_THRESHOLD)
                    .permanentLockoutThreshold(highest ? AuthSettings.MAX_LOCKOUT_THRESHOLD
                            : AuthSettings.MIN_LOCKOUT_THRESHOLD)
                    .lockoutDuration(highest ? Duration.ofDays(AuthSettings.MAX_LOCKOUT_DURATION_DAYS)
                            : Duration.ofSeconds(AuthSettings.MIN_LOCKOUT_DURATION_SECONDS))
                    .maxLockoutDuration(highest ? Duration.ofDays(AuthSettings.MAX_MAX_LOCKOUT_DURATION_DAYS)
                            : Duration.ofSeconds(AuthSettings.MIN_MAX_LOCKOUT_DURATION_SECONDS))
                    .clientAddressLockoutThreshold(highest ? AuthSettings.MAX_CLIENT_ADDRESS_LOCKOUT_THRESHOLD
                            : AuthSettings.MIN_CLIENT_ADDRESS_LOCKOUT_THRESHOLD)
                    .verifiedTokenCacheSize(highest ? AuthSettings.MAX_VERIFIED_TOKEN_CACHE_SIZE : 0)
                    .build();

            assertThat(s.bcryptCost()).isEqualTo(highest ? 31 : 4);
            assertThat(s.issuer()).hasSize(highest ? 256 : 1);
        }
    }
}
