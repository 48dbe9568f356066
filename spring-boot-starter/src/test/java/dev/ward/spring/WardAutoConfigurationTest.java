package dev.ward.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ward.AuthException;
import dev.ward.AuthManager;
import dev.ward.AuthSettings;
import dev.ward.ConfigurationException;
import dev.ward.Ed25519Provider;
import dev.ward.JwtAlgorithm;
import dev.ward.JwtKey;
import dev.ward.KeySet;
import dev.ward.LogInRequest;
import dev.ward.SignUpRequest;
import dev.ward.store.StoreException;
import dev.ward.store.TokenStore;
import dev.ward.store.UserRepository;
import dev.ward.store.jdbc.JdbcTokenStore;
import dev.ward.store.memory.InMemoryLoginAttemptStore;
import dev.ward.store.memory.InMemoryTokenStore;
import dev.ward.store.memory.InMemoryUserRepository;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@DisplayName("WardAutoConfiguration")
class WardAutoConfigurationTest {

    private static final String KEY = "ward.keys.hmac-secret=" + TestApps.HMAC_SECRET;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(WardAutoConfiguration.class, WardJdbcStoresAutoConfiguration.class,
                    WardInMemoryStoresAutoConfiguration.class))
            .withPropertyValues("ward.bcrypt-cost=4");

    @Nested
    @DisplayName("properties")
    class Properties {

        @Test
        void withoutPropertiesTheManagerGetsAuthSettingsDefaults() {
            runner.withPropertyValues(KEY).run(context -> {
                WardProperties properties = context.getBean(WardProperties.class);
                properties.setBcryptCost(AuthSettings.DEFAULT_BCRYPT_COST);

                assertThat(WardManagerFactory.settings(properties, new ArrayList<>())).isEqualTo(AuthSettings.defaults());
            });
        }

        @Test
        void everyWardPropertyReachesTheManagersSettings() {
            AuthSettings expected = AuthSettings.builder()
                    .accessTokenTtl(Duration.ofMinutes(5))
                    .refreshTokenIdleTtl(Duration.ofDays(7))
                    .sessionMaxLifetime(Duration.ofDays(20))
                    .refreshReuseGrace(Duration.ofSeconds(10))
                    .bcryptCost(5)
                    .issuer("https://auth.example.com")
                    .audience("example-api")
                    .clockSkew(Duration.ofSeconds(5))
                    .strictSessions(true)
                    .strictSessionCacheTtl(Duration.ofSeconds(2))
                    .lockoutThreshold(7)
                    .lockoutDuration(Duration.ofMinutes(2))
                    .maxLockoutDuration(Duration.ofMinutes(30))
                    .permanentLockoutThreshold(100)
                    .deviceTokenLifetime(Duration.ofDays(30))
                    .throttleClientAddress(true)
                    .clientAddressLockoutThreshold(80)
                    .concealDuplicateSignUp(true)
                    .verifiedTokenCacheSize(500)
                    .ed25519Provider(Ed25519Provider.JDK)
                    .passwordResetTokenLifetime(Duration.ofMinutes(20))
                    .emailVerificationTokenLifetime(Duration.ofHours(24))
                    .emailChangeTokenLifetime(Duration.ofMinutes(45))
                    .logInLinkLifetime(Duration.ofMinutes(10))
                    .requireVerifiedEmail(true)
                    .logInLinks(true)
                    .build();
            new ApplicationContextRunner()
                    .withConfiguration(AutoConfigurations.of(WardAutoConfiguration.class,
                            WardInMemoryStoresAutoConfiguration.class))
                    .withPropertyValues(KEY,
                    "ward.access-token-ttl=5m", "ward.refresh-token-idle-ttl=7d", "ward.session-max-lifetime=20d",
                    "ward.refresh-reuse-grace=10s", "ward.bcrypt-cost=5", "ward.issuer=https://auth.example.com",
                    "ward.audience=example-api", "ward.clock-skew=5s", "ward.strict-sessions=true",
                    "ward.strict-session-cache-ttl=2s", "ward.lockout-threshold=7", "ward.lockout-duration=2m",
                    "ward.max-lockout-duration=30m", "ward.permanent-lockout-threshold=100",
                    "ward.device-token-lifetime=30d", "ward.throttle-client-address=true",
                    "ward.client-address-lockout-threshold=80", "ward.conceal-duplicate-sign-up=true",
                    "ward.verified-token-cache-size=500", "ward.ed25519-provider=jdk",
                    "ward.password-reset-token-lifetime=20m", "ward.email-verification-token-lifetime=24h",
                    "ward.email-change-token-lifetime=45m", "ward.log-in-link-lifetime=10m",
                    "ward.require-verified-email=true", "ward.log-in-links=true").run(context -> {
                        assertThat(context).hasNotFailed();
                        WardProperties properties = context.getBean(WardProperties.class);

                        assertThat(WardManagerFactory.settings(properties, new ArrayList<>())).isEqualTo(expected);
                        assertThat(context.getBean(AuthManager.class).toString()).contains(expected.toString());
                    });
        }

        @Test
        void theComplexityPresetRefusesAPasswordWithoutDigitsAndSymbols() {
            runner.withPropertyValues(KEY, "ward.password-policy.preset=complexity").run(context -> {
                AuthManager auth = context.getBean(AuthManager.class);

                assertThatThrownBy(() -> auth.signUp(new SignUpRequest("a", "a@example.com", "correct horse battery staple")))
                        .isInstanceOf(AuthException.class);
            });
        }

        @Test
        void thePepperAndKeysNeverAppearInToString() {
            String pepper = "c2VjcmV0IHBlcHBlciBvZiB0aGlydHktdHdvIGJ5dGVzISE=";
            runner.withPropertyValues(KEY, "ward.password-pepper=" + pepper).run(context -> {
                assertThat(context).hasNotFailed();
                String text = context.getBean(WardProperties.class).toString();

                assertThat(text).doesNotContain(pepper).doesNotContain(TestApps.HMAC_SECRET).contains("(set)");
            });
        }

        @Test
        void theGroupsBindTheirProperties() {
            runner.withPropertyValues(KEY, "ward.web.base-path=/auth", "ward.web.cookie-secure=false",
                    "ward.web.endpoints.enabled=true", "ward.web.problem-details=true", "ward.purge.interval=2m",
                    "ward.purge.batch-size=50", "ward.jdbc.table-prefix=app_", "ward.jdbc.initialize-schema=always",
                    "ward.jdbc.query-timeout=3s",
                    "ward.keys.kid=k9", "ward.keys.algorithm=es256", "ward.password-policy.preset=complexity")
                    .run(context -> {
                        WardProperties properties = context.getBean(WardProperties.class);

                        assertThat(properties.getWeb().getBasePath()).isEqualTo("/auth");
                        assertThat(properties.getWeb().isCookieSecure()).isFalse();
                        assertThat(properties.getWeb().getEndpoints().isEnabled()).isTrue();
                        assertThat(properties.getWeb().isProblemDetails()).isTrue();
                        assertThat(properties.getPurge().getInterval()).isEqualTo(Duration.ofMinutes(2));
                        assertThat(properties.getPurge().getBatchSize()).isEqualTo(50);
                        assertThat(properties.getJdbc().getTablePrefix()).isEqualTo("app_");
                        assertThat(properties.getJdbc().getQueryTimeout()).isEqualTo(Duration.ofSeconds(3));
                        assertThat(properties.getJdbc().getInitializeSchema())
                                .isEqualTo(WardProperties.Jdbc.SchemaInitialization.ALWAYS);
                        assertThat(properties.getKeys().getKid()).isEqualTo("k9");
                        assertThat(properties.getKeys().getAlgorithm()).isEqualTo(JwtAlgorithm.ES256);
                        assertThat(properties.getPasswordPolicy().getPreset())
                                .isEqualTo(WardProperties.PasswordPolicyProperties.Preset.COMPLEXITY);
                        assertThat(context.getBean(AuthManager.class).jwks()).doesNotContain("k9");
                    });
        }

        @Test
        void theWebDefaultsAreTheSharedContract() {
            WardProperties.Web web = new WardProperties().getWeb();

            assertThat(web.getBasePath()).isEqualTo("/api");
            assertThat(web.isCookieSecure()).isTrue();
            assertThat(web.getEndpoints().isEnabled()).isFalse();
            assertThat(web.isProblemDetails()).isFalse();
        }

        @Test
        void aPemPrivateKeySignsTokensUnderItsKid() throws Exception {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            String pem = pem("PRIVATE KEY", pair.getPrivate().getEncoded()) + pem("PUBLIC KEY", pair.getPublic().getEncoded());
            runner.withPropertyValues("ward.keys.private-key=" + pem, "ward.keys.kid=pem-1").run(context -> {
                AuthManager auth = context.getBean(AuthManager.class);
                auth.signUp(new SignUpRequest("a", "a@example.com", "correct horse battery staple"));

                String token = auth.logIn(new LogInRequest("a@example.com", "correct horse battery staple")).accessToken();

                assertThat(auth.authenticate(token).roles()).isNotNull();
                assertThat(auth.jwks()).contains("pem-1").contains("\"EC\"");
            });
        }

        private static String pem(String type, byte[] der) {
            return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                    + "\n-----END " + type + "-----\n";
        }

        @Test
        void aJwkSignsTokens() {
            JwtKey key = JwtKey.generate("jwk-1", JwtAlgorithm.ES256);
            runner.withPropertyValues("ward.keys.jwk=" + key.toPrivateJwk()).run(context -> {
                AuthManager auth = context.getBean(AuthManager.class);
                auth.signUp(new SignUpRequest("a", "a@example.com", "correct horse battery staple"));

                String token = auth.logIn(new LogInRequest("a@example.com", "correct horse battery staple")).accessToken();

                assertThat(auth.authenticate(token).roles()).isNotNull();
                assertThat(auth.jwks()).contains("jwk-1");
            });
        }
    }

    @Nested
    @DisplayName("bad values")
    class BadValues {

        @Test
        void twoBadPropertiesAreBothReportedUnderTheirPropertyNames() {
            runner.withPropertyValues(KEY, "ward.bcrypt-cost=40", "ward.access-token-ttl=48h").run(context -> {
                assertThat(context).hasFailed();
                ConfigurationException failure = rootCause(context.getStartupFailure(), ConfigurationException.class);

                assertThat(failure.optionProblems()).extracting(ConfigurationException.Problem::option)
                        .contains("ward.bcrypt-cost", "ward.access-token-ttl");
                FailureAnalysis analysis = new WardConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
                assertThat(analysis.getDescription()).contains("ward.bcrypt-cost").contains("ward.access-token-ttl");
            });
        }

        @org.junit.jupiter.params.ParameterizedTest
        @org.junit.jupiter.params.provider.ValueSource(strings = {"", "/", "/**", "/*", "/{tenant}", "api", "/api/",
                "/a/../b", "/a;b", "/a%2Fb", "/a b"})
        void aBasePathThatIsNotAPlainPathIsRefusedNamingTheProperty(String basePath) {
            runner.withPropertyValues(KEY, "ward.web.base-path=" + basePath).run(context -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).hasStackTraceContaining("ward.web").hasStackTraceContaining("base-path")
                        .hasStackTraceContaining("must be a plain path");
            });
        }

        @Test
        void aPlainNestedBasePathIsAccepted() {
            runner.withPropertyValues(KEY, "ward.web.base-path=/auth/v1").run(context -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean(WardProperties.class).getWeb().getBasePath()).isEqualTo("/auth/v1");
            });
        }

        @Test
        void aBadKeyAndABadPepperAreReportedTogetherWithoutTheirText() {
            runner.withPropertyValues("ward.keys.hmac-secret=dG9vIHNob3J0", "ward.password-pepper=%%not base64%%")
                    .run(context -> {
                        ConfigurationException failure = rootCause(context.getStartupFailure(), ConfigurationException.class);

                        assertThat(failure.optionProblems()).extracting(ConfigurationException.Problem::option)
                                .containsExactly("ward.keys.hmac-secret", "ward.password-pepper");
                        assertThat(failure.getMessage()).doesNotContain("dG9vIHNob3J0").doesNotContain("not base64%");
                    });
        }

        @Test
        void tinkWithoutTinkOnTheClassPathIsRefusedNamingTheProperty() {
            runner.withPropertyValues(KEY, "ward.ed25519-provider=tink").run(context -> {
                ConfigurationException failure = rootCause(context.getStartupFailure(), ConfigurationException.class);

                assertThat(failure.optionProblems()).extracting(ConfigurationException.Problem::option)
                        .containsExactly("ward.ed25519-provider");
            });
        }

        @Test
        void noKeyAtAllIsRefusedNamingTheKeyProperties() {
            runner.run(context -> {
                ConfigurationException failure = rootCause(context.getStartupFailure(), ConfigurationException.class);

                assertThat(failure.optionProblems()).extracting(ConfigurationException.Problem::option)
                        .containsExactly("ward.keys");
                assertThat(failure.getMessage()).contains("ward.keys.hmac-secret");
            });
        }
    }

    @Nested
    @DisplayName("generated keys")
    class GeneratedKeys {

        @Test
        void inDevelopmentAKeyIsGenerated() {
            runner.withPropertyValues("ward.keys.generate-in-development=true").run(context -> {
                assertThat(context).hasNotFailed();
                assertThat(context).hasSingleBean(AuthManager.class);
            });
        }

        @Test
        void underTheProdProfileAGeneratedKeyIsRefused() {
            runner.withPropertyValues("ward.keys.generate-in-development=true", "spring.profiles.active=prod")
                    .run(context -> {
                        ConfigurationException failure = rootCause(context.getStartupFailure(), ConfigurationException.class);

                        assertThat(failure.optionProblems()).extracting(ConfigurationException.Problem::option)
                                .containsExactly("ward.keys.generate-in-development");
                    });
        }

        @Test
        void underTheProductionProfileAGeneratedKeyIsRefused() {
            runner.withPropertyValues("ward.keys.generate-in-development=true", "spring.profiles.active=dev,production")
                    .run(context -> assertThat(rootCause(context.getStartupFailure(), ConfigurationException.class)
                            .getMessage()).contains("production"));
        }
    }

    @Nested
    @DisplayName("stores and back-off")
    class Stores {

        @Test
        void withoutADataSourceTheStoresAreInMemory() {
            runner.withPropertyValues(KEY).run(context ->
                    assertThat(context.getBean(TokenStore.class)).isInstanceOf(InMemoryTokenStore.class));
        }

        @Test
        void withADataSourceTheStoresAreJdbcAndTheEmbeddedSchemaIsCreated() {
            runner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
                    .withPropertyValues(KEY, "spring.datasource.url=jdbc:h2:mem:ward-runner-1")
                    .run(context -> {
                        assertThat(context.getBean(TokenStore.class)).isInstanceOf(JdbcTokenStore.class);
                        AuthManager auth = context.getBean(AuthManager.class);

                        assertThat(auth.signUp(new SignUpRequest("a", "a@example.com", "correct horse battery staple")))
                                .isNotNull();
                    });
        }

        @Test
        void withInitializeSchemaNeverNoTableIsCreated() {
            runner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
                    .withPropertyValues(KEY, "spring.datasource.url=jdbc:h2:mem:ward-runner-2",
                            "ward.jdbc.initialize-schema=never")
                    .run(context -> assertThatThrownBy(() -> context.getBean(UserRepository.class).findById("x"))
                            .isInstanceOf(StoreException.class));
        }

        @Test
        void theHostsOwnStoresAndClockAreUsed() {
            runner.withPropertyValues(KEY).withUserConfiguration(HostStores.class).run(context -> {
                assertThat(context.getBean(TokenStore.class)).isSameAs(context.getBean("hostTokens"));
                assertThat(context).doesNotHaveBean("wardTokenStore");
                AuthManager auth = context.getBean(AuthManager.class);
                auth.signUp(new SignUpRequest("a", "a@example.com", "correct horse battery staple"));

                String token = auth.logIn(new LogInRequest("a@example.com", "correct horse battery staple")).accessToken();

                assertThat(auth.authenticate(token).issuedAt()).isEqualTo(HostStores.NOW);
            });
        }

        @Test
        void theHostsKeySetSignsInsteadOfTheProperties() {
            runner.withUserConfiguration(HostKeys.class).run(context -> {
                AuthManager auth = context.getBean(AuthManager.class);
                auth.signUp(new SignUpRequest("a", "a@example.com", "correct horse battery staple"));

                String token = auth.logIn(new LogInRequest("a@example.com", "correct horse battery staple")).accessToken();

                assertThat(auth.authenticate(token)).isNotNull();
                String header = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                        java.nio.charset.StandardCharsets.UTF_8);
                assertThat(header).as("signed by the host's key").contains("\"kid\":\"host-1\"");
            });
        }

        @Test
        void aKeyPropertyBesideTheHostsKeySetIsRefusedNamingIt() {
            runner.withUserConfiguration(HostKeys.class).withPropertyValues(KEY).run(context -> {
                ConfigurationException failure = rootCause(context.getStartupFailure(), ConfigurationException.class);

                assertThat(failure.optionProblems()).extracting(ConfigurationException.Problem::option)
                        .containsExactly("ward.keys");
                assertThat(failure.getMessage()).contains("ward.keys.hmac-secret").contains("KeySet")
                        .doesNotContain(TestApps.HMAC_SECRET);
            });
        }

        @Test
        void theHostsOwnAuthManagerReplacesWards() {
            runner.withUserConfiguration(HostManager.class).run(context -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean(AuthManager.class)).isSameAs(context.getBean("hostManager"));
            });
        }

        @Test
        void thePurgeCanBeSwitchedOffAndOtherwiseStopsWithTheContext() {
            runner.withPropertyValues(KEY, "ward.purge.enabled=false")
                    .run(context -> assertThat(context).doesNotHaveBean(WardPurge.class));
            List<WardPurge> purges = new ArrayList<>();
            runner.withPropertyValues(KEY, "ward.purge.interval=1m").run(context -> {
                WardPurge purge = context.getBean(WardPurge.class);
                purges.add(purge);
                assertThat(purge.isRunning()).isTrue();
            });
            assertThat(purges.get(0).isRunning()).isFalse();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class HostStores {

        static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

        @Bean
        TokenStore hostTokens() {
            return new InMemoryTokenStore();
        }

        @Bean
        Clock clock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class HostKeys {

        /** A raw secret, which ward.keys.hmac-secret (base64) does not take as it is. */
        static final JwtKey SIGNER = JwtKey.hmac("host-1",
                "a raw secret of the host, 32 bytes or more".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        @Bean
        KeySet hostKeys() {
            return KeySet.of(SIGNER);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class HostManager {

        @Bean
        AuthManager hostManager() {
            return AuthManager.builder().userRepository(new InMemoryUserRepository()).tokenStore(new InMemoryTokenStore())
                    .loginAttemptStore(new InMemoryLoginAttemptStore())
                    .signingKey(JwtKey.generate(JwtAlgorithm.HS256)).build();
        }
    }

    private static <T extends Throwable> T rootCause(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in " + failure);
    }
}
