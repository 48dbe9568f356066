package dev.ward.spring;

import dev.ward.store.LoginAttemptStore;
import dev.ward.store.OneTimeTokenStore;
import dev.ward.store.TokenStore;
import dev.ward.store.UserRepository;
import dev.ward.store.memory.InMemoryLoginAttemptStore;
import dev.ward.store.memory.InMemoryOneTimeTokenStore;
import dev.ward.store.memory.InMemoryTokenStore;
import dev.ward.store.memory.InMemoryUserRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** In-memory stores, for a single node, when neither the host nor a DataSource gave any. */
@AutoConfiguration(after = WardJdbcStoresAutoConfiguration.class)
@EnableConfigurationProperties(WardProperties.class)
@ConditionalOnClass(InMemoryTokenStore.class)
public class WardInMemoryStoresAutoConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(WardInMemoryStoresAutoConfiguration.class);

    /** Creates the configuration; Spring calls it. */
    public WardInMemoryStoresAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean(UserRepository.class)
    InMemoryUserRepository wardUserRepository() {
        warnInMemory("UserRepository");
        return new InMemoryUserRepository();
    }

    @Bean
    @ConditionalOnMissingBean(TokenStore.class)
    InMemoryTokenStore wardTokenStore() {
        warnInMemory("TokenStore");
        return new InMemoryTokenStore();
    }

    @Bean
    @ConditionalOnMissingBean(LoginAttemptStore.class)
    InMemoryLoginAttemptStore wardLoginAttemptStore() {
        warnInMemory("LoginAttemptStore");
        return new InMemoryLoginAttemptStore();
    }

    @Bean
    @ConditionalOnMissingBean(OneTimeTokenStore.class)
    InMemoryOneTimeTokenStore wardOneTimeTokenStore() {
        warnInMemory("OneTimeTokenStore");
        return new InMemoryOneTimeTokenStore();
    }

    private static void warnInMemory(String store) {
        LOG.warn("Ward uses an in-memory {}: it serves a single node only and loses every user and session at "
                + "a restart. Define a DataSource (with ward-store-jdbc) or your own {} bean.", store, store);
    }
}
