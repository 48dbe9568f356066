package dev.ward.test.spring;

import dev.ward.AuthSettings;
import dev.ward.KeySet;
import dev.ward.spring.WardAutoConfiguration;
import dev.ward.spring.WardProperties;
import dev.ward.test.TestTokens;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.ConfigurableMockMvcBuilder;
import org.springframework.test.web.servlet.setup.MockMvcConfigurerAdapter;
import org.springframework.web.context.WebApplicationContext;

/**
 * The test configuration that {@link AutoConfigureWardTest} imports: a random HS256 key per
 * context as the {@code @Primary} {@link KeySet}, with which the starter's
 * {@link dev.ward.AuthManager} signs and verifies, and a {@link TestTokens} bean that signs
 * access tokens with that key for the application's {@code ward.issuer}, {@code ward.audience},
 * {@code ward.access-token-ttl} and {@code ward.clock-skew} and the context's {@link Clock}
 * (the system clock when it has none).
 *
 * <p>With Spring Boot's MockMvc support, every MockMvc request also carries the test's
 * {@code SecurityContext} (Spring Security's {@code testSecurityContext()}), so that
 * {@link WithWardUser} reaches controllers through the filter chain.
 *
 * <p>It is not among the auto-configurations of {@code @EnableAutoConfiguration}: only a test
 * class annotated with {@link AutoConfigureWardTest} imports it.
 */
@AutoConfiguration(before = WardAutoConfiguration.class)
@EnableConfigurationProperties(WardProperties.class)
public class WardTestAutoConfiguration {

    /** The key id of the test key, in the tokens' {@code kid} header. */
    public static final String KID = "ward-test";

    private static final int SECRET_BYTES = 32;

    /** Creates the configuration; Spring calls it. */
    public WardTestAutoConfiguration() {
    }

    /**
     * Token factory for a random secret of this context, unless the test defines its own.
     *
     * @param properties the application's {@code ward.*} properties
     * @param clock the context's clock, if any
     * @return the token factory
     * @throws dev.ward.ConfigurationException if the {@code ward.*} token settings are invalid
     */
    @Bean
    @ConditionalOnMissingBean
    public TestTokens wardTestTokens(WardProperties properties, ObjectProvider<Clock> clock) {
        AuthSettings settings = AuthSettings.builder()
                .issuer(properties.getIssuer())
                .audience(properties.getAudience())
                .accessTokenTtl(properties.getAccessTokenTtl())
                .clockSkew(properties.getClockSkew())
                .build();
        byte[] secret = new byte[SECRET_BYTES];
        new SecureRandom().nextBytes(secret);
        try {
            return TestTokens.forSettings(secret, KID, settings, clock.getIfAvailable(Clock::systemUTC));
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /**
     * The keys of {@code tokens}, primary over a {@link KeySet} of the host's, so that the
     * starter's manager accepts exactly the test's tokens.
     *
     * @param tokens the token factory
     * @return its keys
     */
    @Bean
    @Primary
    public KeySet wardTestKeySet(TestTokens tokens) {
        return tokens.keySet();
    }

    /** Makes MockMvc requests carry the test's security context, as {@link WithWardUser} needs. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({MockMvcBuilderCustomizer.class, SecurityMockMvcRequestPostProcessors.class})
    static class TestSecurityContextOfMockMvc {

        @Bean
        MockMvcBuilderCustomizer wardTestSecurityContext() {
            return builder -> builder.apply(new MockMvcConfigurerAdapter() {
                @Override
                public RequestPostProcessor beforeMockMvcCreated(ConfigurableMockMvcBuilder<?> mvc,
                                                                 WebApplicationContext context) {
                    return SecurityMockMvcRequestPostProcessors.testSecurityContext();
                }
            });
        }
    }
}
