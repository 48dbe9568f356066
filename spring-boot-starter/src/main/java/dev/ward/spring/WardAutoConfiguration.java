package dev.ward.spring;

import dev.ward.AuthEventListener;
import dev.ward.AuthManager;
import dev.ward.KeySet;
import dev.ward.Notifier;
import dev.ward.store.LoginAttemptStore;
import dev.ward.store.OneTimeTokenStore;
import dev.ward.store.TokenStore;
import dev.ward.store.UserRepository;
import java.time.Clock;
import java.util.Arrays;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of Ward: an {@link AuthManager} built from {@link WardProperties}, on the
 * host's stores if it defines them, else on JDBC stores over the application's
 * {@code DataSource}, else on in-memory stores (with a warning). The host's {@link Clock},
 * {@link Notifier} and {@link AuthEventListener} beans are used when present; Ward's events are
 * also published as Spring application events, and expired records are purged on a schedule.
 *
 * <p>The signing key comes from {@code ward.keys.*}, unless the host defines a {@link KeySet}
 * bean: then that set signs and verifies, and {@code ward.keys.*} must name no key. A host uses
 * it for keys in a form the properties do not take (a secret from a vault, an example server's
 * raw secret) or for a rotation ({@code KeySet.of(newKey, oldKey)}); one key is
 * {@code KeySet.of(key)}.
 *
 * <p>Every bean steps back when the host defines one of the same type.
 */
@AutoConfiguration(after = {WardJdbcStoresAutoConfiguration.class, WardInMemoryStoresAutoConfiguration.class})
@EnableConfigurationProperties(WardProperties.class)
public class WardAutoConfiguration {

    /** Creates the configuration; Spring calls it. */
    public WardAutoConfiguration() {
    }

    /**
     * The manager, unless the host defines its own.
     *
     * @param properties the {@code ward.*} properties
     * @param environment for the active profiles (a generated key is refused under {@code prod})
     * @param users the user store
     * @param tokens the session store
     * @param attempts the log-in attempt store
     * @param oneTimeTokens the single-use token store
     * @param keys the host's keys, if any, used instead of {@code ward.keys.*}
     * @param clock the host's clock, if any
     * @param notifier the host's notifier, if any
     * @param listeners the host's event listeners, if any
     * @param publisher publishes Ward's events as Spring application events
     * @return the manager
     * @throws dev.ward.ConfigurationException naming every bad {@code ward.*} property, and
     *     {@code ward.keys} if it names a key beside a {@link KeySet} bean
     */
    @Bean
    @ConditionalOnMissingBean
    public AuthManager authManager(WardProperties properties, Environment environment, UserRepository users,
                                   TokenStore tokens, LoginAttemptStore attempts, OneTimeTokenStore oneTimeTokens,
                                   ObjectProvider<KeySet> keys, ObjectProvider<Clock> clock, ObjectProvider<Notifier> notifier,
                                   ObjectProvider<AuthEventListener> listeners, ApplicationEventPublisher publisher) {
        AuthEventListener listener = new WardEventPublisher(publisher, listeners.orderedStream().toList());
        return WardManagerFactory.create(properties, Arrays.asList(environment.getActiveProfiles()),
                new WardManagerFactory.Parts(users, tokens, attempts, oneTimeTokens,
                        clock.getIfAvailable(Clock::systemUTC), notifier.getIfAvailable(), listener, keys.getIfAvailable()));
    }

    /**
     * The scheduled purge of expired records, unless {@code ward.purge.enabled=false}.
     *
     * @param auth the manager
     * @param properties the {@code ward.purge.*} properties
     * @return the purge, started and stopped with the context
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = "ward.purge", name = "enabled", havingValue = "true", matchIfMissing = true)
    public WardPurge wardPurge(AuthManager auth, WardProperties properties) {
        return new WardPurge(auth, properties.getPurge().getInterval(), properties.getPurge().getBatchSize());
    }
}
