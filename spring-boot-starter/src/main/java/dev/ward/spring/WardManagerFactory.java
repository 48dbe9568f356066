package dev.ward.spring;

import dev.ward.AuthEventListener;
import dev.ward.AuthManager;
import dev.ward.AuthSettings;
import dev.ward.ConfigurationException;
import dev.ward.JwtKey;
import dev.ward.KeySet;
import dev.ward.Notifier;
import dev.ward.PasswordPolicy;
import dev.ward.store.LoginAttemptStore;
import dev.ward.store.OneTimeTokenStore;
import dev.ward.store.TokenStore;
import dev.ward.store.UserRepository;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the {@link AuthManager} of the auto-configuration from {@link WardProperties}: every
 * problem of the settings, keys, pepper and policy is collected and thrown together, each named
 * by its property ({@code ward.bcrypt-cost}, not {@code bcryptCost}).
 */
final class WardManagerFactory {

    private static final Logger LOG = LoggerFactory.getLogger(WardManagerFactory.class);
    private static final Pattern UPPER = Pattern.compile("([A-Z])");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    /** Profiles under which a generated key is refused. */
    static final List<String> PRODUCTION_PROFILES = List.of("prod", "production");

    private WardManagerFactory() {
    }

    /** The stores, clock, notifier, listener and the host's keys (null: from {@code ward.keys.*}) the manager runs on. */
    record Parts(UserRepository users, TokenStore tokens, LoginAttemptStore attempts, OneTimeTokenStore oneTimeTokens,
                 Clock clock, Notifier notifier, AuthEventListener listener, KeySet keys) {
    }

    static AuthManager create(WardProperties properties, List<String> activeProfiles, Parts parts) {
        List<ConfigurationException.Problem> problems = new ArrayList<>();
        AuthSettings settings = settings(properties, problems);
        KeySet keys = parts.keys() != null ? hostKeys(properties.getKeys(), parts.keys(), problems)
                : signingKey(properties.getKeys(), activeProfiles, problems);
        byte[] pepper = pepper(properties.getPasswordPepper(), problems);
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        AuthManager.Builder builder = AuthManager.builder()
                .userRepository(parts.users())
                .tokenStore(parts.tokens())
                .loginAttemptStore(parts.attempts())
                .oneTimeTokenStore(parts.oneTimeTokens())
                .settings(settings)
                .keys(keys)
                .passwordPolicy(policy(properties.getPasswordPolicy()))
                .clock(parts.clock())
                .eventListener(parts.listener());
        if (parts.notifier() != null) {
            builder.notifier(parts.notifier());
        }
        if (pepper != null) {
            builder.passwordPepper(pepper);
            Arrays.fill(pepper, (byte) 0);
        }
        try {
            return builder.build();
        } catch (ConfigurationException e) {
            throw renamed(e.optionProblems());
        }
    }

    /** Builds the settings, adding their problems under the properties' names. */
    static AuthSettings settings(WardProperties p, List<ConfigurationException.Problem> problems) {
        try {
            return AuthSettings.builder()
                    .accessTokenTtl(p.getAccessTokenTtl())
                    .refreshTokenIdleTtl(p.getRefreshTokenIdleTtl())
                    .sessionMaxLifetime(p.getSessionMaxLifetime())
                    .refreshReuseGrace(p.getRefreshReuseGrace())
                    .bcryptCost(p.getBcryptCost())
                    .issuer(p.getIssuer())
                    .audience(p.getAudience())
                    .clockSkew(p.getClockSkew())
                    .strictSessions(p.isStrictSessions())
                    .strictSessionCacheTtl(p.getStrictSessionCacheTtl())
                    .lockoutThreshold(p.getLockoutThreshold())
                    .lockoutDuration(p.getLockoutDuration())
                    .maxLockoutDuration(p.getMaxLockoutDuration())
                    .permanentLockoutThreshold(p.getPermanentLockoutThreshold())
                    .deviceTokenLifetime(p.getDeviceTokenLifetime())
                    .throttleClientAddress(p.isThrottleClientAddress())
                    .clientAddressLockoutThreshold(p.getClientAddressLockoutThreshold())
                    .concealDuplicateSignUp(p.isConcealDuplicateSignUp())
                    .verifiedTokenCacheSize(p.getVerifiedTokenCacheSize())
                    .ed25519Provider(p.getEd25519Provider())
                    .passwordResetTokenLifetime(p.getPasswordResetTokenLifetime())
                    .emailVerificationTokenLifetime(p.getEmailVerificationTokenLifetime())
                    .emailChangeTokenLifetime(p.getEmailChangeTokenLifetime())
                    .logInLinkLifetime(p.getLogInLinkLifetime())
                    .requireVerifiedEmail(p.isRequireVerifiedEmail())
                    .logInLinks(p.isLogInLinks())
                    .build();
        } catch (ConfigurationException e) {
            problems.addAll(renamed(e.optionProblems()).optionProblems());
            return null;
        } catch (NullPointerException e) {
            // A property bound to an empty value arrives as null.
            problems.add(new ConfigurationException.Problem("ward.*", "has an empty value: " + e.getMessage()));
            return null;
        }
    }

    private static PasswordPolicy policy(WardProperties.PasswordPolicyProperties policy) {
        return policy.getPreset() == WardProperties.PasswordPolicyProperties.Preset.COMPLEXITY
                ? PasswordPolicy.complexity() : PasswordPolicy.defaults();
    }

    /** The host's keys, which sign instead of {@code ward.keys.*}: a key there too is a conflict, not a choice. */
    private static KeySet hostKeys(WardProperties.Keys keys, KeySet host, List<ConfigurationException.Problem> problems) {
        List<String> configured = configuredKeys(keys);
        if (!configured.isEmpty()) {
            problems.add(new ConfigurationException.Problem("ward.keys", "must not set " + String.join(", ", configured)
                    + " while the application defines a KeySet bean, which signs instead"));
        }
        return host;
    }

    private static List<String> configuredKeys(WardProperties.Keys keys) {
        List<String> configured = new ArrayList<>();
        if (hasText(keys.getPrivateKey())) {
            configured.add("ward.keys.private-key");
        }
        if (hasText(keys.getJwk())) {
            configured.add("ward.keys.jwk");
        }
        if (hasText(keys.getHmacSecret())) {
            configured.add("ward.keys.hmac-secret");
        }
        return configured;
    }

    private static KeySet signingKey(WardProperties.Keys keys, List<String> activeProfiles,
                                     List<ConfigurationException.Problem> problems) {
        List<String> configured = configuredKeys(keys);
        if (configured.size() > 1) {
            problems.add(new ConfigurationException.Problem("ward.keys",
                    "must set only one of " + String.join(", ", configured)));
            return null;
        }
        if (configured.isEmpty()) {
            return generated(keys, activeProfiles, problems);
        }
        String property = configured.get(0);
        try {
            return KeySet.of(switch (property) {
                case "ward.keys.private-key" -> JwtKey.fromPem(keys.getKid(), keys.getPrivateKey());
                case "ward.keys.jwk" -> JwtKey.fromJwk(keys.getJwk());
                default -> JwtKey.hmacBase64(keys.getKid(), keys.getHmacSecret());
            });
        } catch (IllegalArgumentException | NullPointerException e) {
            // Ward's key parsing messages never repeat the key material.
            problems.add(new ConfigurationException.Problem(property, "is not usable: " + e.getMessage()));
            return null;
        }
    }

    private static KeySet generated(WardProperties.Keys keys, List<String> activeProfiles,
                                    List<ConfigurationException.Problem> problems) {
        if (!keys.isGenerateInDevelopment()) {
            problems.add(new ConfigurationException.Problem("ward.keys",
                    "have no signing key: set ward.keys.hmac-secret (openssl rand -base64 32), ward.keys.private-key "
                            + "or ward.keys.jwk; or, for development only, ward.keys.generate-in-development=true"));
            return null;
        }
        List<String> production = activeProfiles.stream()
                .filter(profile -> PRODUCTION_PROFILES.contains(profile.toLowerCase(Locale.ROOT))).toList();
        if (!production.isEmpty()) {
            problems.add(new ConfigurationException.Problem("ward.keys.generate-in-development",
                    "is refused while the profile " + production.get(0) + " is active: configure ward.keys.hmac-secret, "
                            + "ward.keys.private-key or ward.keys.jwk"));
            return null;
        }
        LOG.warn("""
                
                ********************************************************************************
                WARD: no signing key is configured, so a random {} key was generated.
                Every access token stops working when this process stops, and other nodes
                cannot verify its tokens. This is for development only: configure
                ward.keys.hmac-secret, ward.keys.private-key or ward.keys.jwk.
                ********************************************************************************""",
                keys.getAlgorithm());
        return KeySet.of(JwtKey.generate(keys.getAlgorithm()));
    }

    private static byte[] pepper(String base64, List<ConfigurationException.Problem> problems) {
        if (!hasText(base64)) {
            return null;
        }
        String text = WHITESPACE.matcher(base64).replaceAll("").replace('-', '+').replace('_', '/');
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            // Never repeat the text: it is a secret.
            problems.add(new ConfigurationException.Problem("ward.password-pepper", "is not valid base64"));
            return null;
        }
    }

    /** Returns the problems under the properties' names: {@code bcryptCost} becomes {@code ward.bcrypt-cost}. */
    static ConfigurationException renamed(List<ConfigurationException.Problem> problems) {
        return new ConfigurationException(problems.stream()
                .map(problem -> new ConfigurationException.Problem(propertyOf(problem.option()), problem.message()))
                .toList());
    }

    static String propertyOf(String option) {
        if (option.startsWith("ward.")) {
            return option;
        }
        return switch (option) {
            case "passwordPolicy" -> "ward.password-policy.preset";
            case "keys" -> "ward.keys";
            default -> "ward." + UPPER.matcher(option).replaceAll("-$1").toLowerCase(Locale.ROOT);
        };
    }

    private static boolean hasText(String text) {
        return text != null && !text.isBlank();
    }
}
