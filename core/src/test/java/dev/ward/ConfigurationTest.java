package dev.ward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ward.store.memory.InMemoryTokenStore;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ConfigurationTest {

    @Test
    @DisplayName("build() names every missing part at once")
    void buildNamesEveryMissingPart() {
        ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
                () -> AuthManager.builder().build());

        assertThat(e.problems()).hasSize(4)
                .anyMatch(p -> p.contains("userRepository"))
                .anyMatch(p -> p.contains("tokenStore"))
                .anyMatch(p -> p.contains("loginAttemptStore"))
                .anyMatch(p -> p.contains("keys"));
    }

    @Test
    @DisplayName("an option set twice is refused at once, and null is refused at once")
    void setTwiceAndNull() {
        AuthManager.Builder builder = AuthManager.builder().tokenStore(new InMemoryTokenStore());

        assertThatThrownBy(() -> builder.tokenStore(new InMemoryTokenStore()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("tokenStore");
        assertThatThrownBy(() -> builder.clock(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> AuthSettings.builder().issuer("a").issuer("b")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    @DisplayName("settings report every value out of range at once")
    void settingsReportEveryProblem() {
        ConfigurationException e = catchThrowableOfType(ConfigurationException.class, () -> AuthSettings.builder()
                .accessTokenTtl(Duration.ZERO)
                .refreshTokenIdleTtl(Duration.ofDays(30))
                .sessionMaxLifetime(Duration.ofDays(1))
                .refreshReuseGrace(Duration.ofMinutes(10))
                .bcryptCost(3)
                .issuer(" ")
                .clockSkew(Duration.ofHours(1))
                .lockoutThreshold(10)
                .permanentLockoutThreshold(5)
                .build());

        assertThat(e.problems()).hasSize(7);
        assertThat(e.getMessage()).contains("accessTokenTtl", "sessionMaxLifetime", "refreshReuseGrace", "bcryptCost",
                "issuer", "clockSkew", "permanentLockoutThreshold");
    }

    @Test
    @DisplayName("the defaults are those of DESIGN.md")
    void defaults() {
        AuthSettings s = AuthSettings.defaults();

        assertThat(s.accessTokenTtl()).isEqualTo(Duration.ofMinutes(14));
        assertThat(s.refreshTokenIdleTtl()).isEqualTo(Duration.ofDays(30));
        assertThat(s.sessionMaxLifetime()).isEqualTo(Duration.ofDays(90));
        assertThat(s.refreshReuseGrace()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.bcryptCost()).isEqualTo(12);
        assertThat(s.clockSkew()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.strictSessions()).isFalse();
        assertThat(s.lockoutThreshold()).isEqualTo(5);
        assertThat(s.lockoutDuration()).isEqualTo(Duration.ofMinutes(1));
        assertThat(s.maxLockoutDuration()).isEqualTo(Duration.ofMinutes(15));
        assertThat(s.permanentLockoutThreshold()).as("off: no outsider can lock an account for good").isZero();
        assertThat(s.deviceTokenLifetime()).isEqualTo(Duration.ofDays(365));
    }

    @Test
    @DisplayName("an HS256 secret under 32 bytes, a short pepper and a policy over 72 bytes without pepper are refused")
    void weakSecretsAreRefused() {
        assertThatThrownBy(() -> JwtKey.hmac("k", new byte[31]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");

        ConfigurationException e = catchThrowableOfType(ConfigurationException.class, () -> AuthManager.builder()
                .signingKey(JwtKey.generate(JwtAlgorithm.HS256))
                .passwordPepper(new byte[16])
                .passwordPolicy(PasswordPolicy.builder().maxUtf8Bytes(100).build())
                .build());
        assertThat(e.problems()).anyMatch(p -> p.contains("passwordPepper"));

        ConfigurationException noPepper = catchThrowableOfType(ConfigurationException.class, () -> AuthManager.builder()
                .signingKey(JwtKey.generate(JwtAlgorithm.HS256))
                .passwordPolicy(PasswordPolicy.builder().maxUtf8Bytes(100).build())
                .build());
        assertThat(noPepper.problems()).anyMatch(p -> p.contains("72"));
    }

    @Test
    @DisplayName("a key set without a signing key cannot build a manager")
    void verifyOnlyKeySet() {
        ConfigurationException e = catchThrowableOfType(ConfigurationException.class, () -> AuthManager.builder()
                .keys(KeySet.verifyOnly(java.util.List.of(JwtKey.generate(JwtAlgorithm.ES256))))
                .build());

        assertThat(e.problems()).anyMatch(p -> p.contains("no signing key"));
    }
}
