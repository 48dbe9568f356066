package dev.ward.spring.actuate;

import dev.ward.spring.WardAutoConfiguration;
import dev.ward.store.LoginAttemptStore;
import dev.ward.store.OneTimeTokenStore;
import dev.ward.store.TokenStore;
import dev.ward.store.UserRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code ward} health indicator ({@link WardStoresHealthIndicator}), when Spring Boot's
 * health support is on the class path; {@code management.health.ward.enabled=false} turns it off.
 */
@AutoConfiguration(after = WardAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean({UserRepository.class, TokenStore.class, LoginAttemptStore.class})
@ConditionalOnEnabledHealthIndicator("ward")
public class WardHealthAutoConfiguration {

    /** Creates the configuration; Spring calls it. */
    public WardHealthAutoConfiguration() {
    }

    /**
     * The indicator, named {@code ward} in the health endpoint.
     *
     * @param users the user store
     * @param tokens the session store
     * @param attempts the log-in attempt store
     * @param oneTimeTokens the single-use token store, if any
     * @return the indicator
     */
    @Bean
    @ConditionalOnMissingBean(name = "wardHealthIndicator")
    public WardStoresHealthIndicator wardHealthIndicator(UserRepository users, TokenStore tokens,
                                                         LoginAttemptStore attempts,
                                                         ObjectProvider<OneTimeTokenStore> oneTimeTokens) {
        return new WardStoresHealthIndicator(users, tokens, attempts, oneTimeTokens.getIfAvailable());
    }
}
