package com.rostersync.kernel.registry;

import com.rostersync.kernel.config.RosterSyncProperties;
import com.rostersync.tenants.SecretResolver;
import com.rostersync.tenants.SecretWatcher;
import com.rostersync.tenants.TenantRegistryWatcher;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * The tenant registry every service reads, loaded at start (an invalid file fails start-up) and re-read when it
 * changes; and the secrets it names. The secret watcher polls only in the services that ask for it.
 */
@Configuration(proxyBeanMethods = false)
public class TenantRegistryConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    TenantRegistryWatcher tenantRegistryWatcher(RosterSyncProperties properties) {
        return new TenantRegistryWatcher(
                properties.tenants().file(), properties.tenants().pollInterval());
    }

    @Bean
    @ConditionalOnMissingBean
    SecretResolver secretResolver(RosterSyncProperties properties) {
        return SecretResolver.fromSystem(properties.secrets().dir());
    }

    @Bean(destroyMethod = "close")
    @Lazy
    @ConditionalOnMissingBean
    SecretWatcher secretWatcher(
            TenantRegistryWatcher registry, SecretResolver secrets, RosterSyncProperties properties) {
        return new SecretWatcher(
                registry::current, secrets, properties.tenants().pollInterval());
    }
}
