package dev.ward.spring;

import dev.ward.store.LoginAttemptStore;
import dev.ward.store.OneTimeTokenStore;
import dev.ward.store.TokenStore;
import dev.ward.store.UserRepository;
import dev.ward.store.jdbc.JdbcLoginAttemptStore;
import dev.ward.store.jdbc.JdbcOneTimeTokenStore;
import dev.ward.store.jdbc.JdbcTokenStore;
import dev.ward.store.jdbc.JdbcUserRepository;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** JDBC stores on the application's {@link DataSource}, each unless the host defines its own. */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@EnableConfigurationProperties(WardProperties.class)
@ConditionalOnClass(JdbcTokenStore.class)
@ConditionalOnBean(DataSource.class)
public class WardJdbcStoresAutoConfiguration {

    /** Creates the configuration; Spring calls it. */
    public WardJdbcStoresAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    WardSchemaInitializer wardSchemaInitializer(DataSource dataSource, WardProperties properties) {
        return new WardSchemaInitializer(dataSource, properties.getJdbc());
    }

    @Bean
    @ConditionalOnMissingBean(UserRepository.class)
    JdbcUserRepository wardUserRepository(DataSource dataSource, WardProperties properties,
                                          WardSchemaInitializer schema) {
        return new JdbcUserRepository(dataSource, properties.getJdbc().getTablePrefix());
    }

    @Bean
    @ConditionalOnMissingBean(TokenStore.class)
    JdbcTokenStore wardTokenStore(DataSource dataSource, WardProperties properties, WardSchemaInitializer schema) {
        return new JdbcTokenStore(dataSource, properties.getJdbc().getTablePrefix(), properties.getJdbc().getQueryTimeout());
    }

    @Bean
    @ConditionalOnMissingBean(LoginAttemptStore.class)
    JdbcLoginAttemptStore wardLoginAttemptStore(DataSource dataSource, WardProperties properties,
                                                WardSchemaInitializer schema) {
        return new JdbcLoginAttemptStore(dataSource, properties.getJdbc().getTablePrefix());
    }

    @Bean
    @ConditionalOnMissingBean(OneTimeTokenStore.class)
    JdbcOneTimeTokenStore wardOneTimeTokenStore(DataSource dataSource, WardProperties properties,
                                                WardSchemaInitializer schema) {
        return new JdbcOneTimeTokenStore(dataSource, properties.getJdbc().getTablePrefix());
    }
}
