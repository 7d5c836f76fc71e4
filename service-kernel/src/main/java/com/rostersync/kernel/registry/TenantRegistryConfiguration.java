package com.rostersync.kernel.registry;

import com.rostersync.kernel.config.RosterSyncProperties;
import com.rostersync.kernel.task.ServiceThreads;
import com.rostersync.tenants.SecretResolver;
import com.rostersync.tenants.SecretWatcher;
import com.rostersync.tenants.TenantRegistryWatcher;
import java.time.Duration;
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

    /** A poll more often than this would only read the same file's attributes again. */
    private static final Duration SHORTEST_POLL = Duration.ofMillis(50);

    @Bean
    @ConditionalOnMissingBean
    TenantRegistryWatcher tenantRegistryWatcher(RosterSyncProperties properties, ServiceThreads threads) {
        TenantRegistryWatcher watcher =
                new TenantRegistryWatcher(properties.tenants().file());
        threads.every("tenant-registry-watcher", poll(properties), watcher::reloadIfChanged);
        return watcher;
    }

    @Bean
    @ConditionalOnMissingBean
    SecretResolver secretResolver(RosterSyncProperties properties) {
        return SecretResolver.fromSystem(properties.secrets().dir());
    }

    @Bean
    @Lazy
    @ConditionalOnMissingBean
    SecretWatcher secretWatcher(
            TenantRegistryWatcher registry,
            SecretResolver secrets,
            RosterSyncProperties properties,
            ServiceThreads threads) {
        SecretWatcher watcher = new SecretWatcher(registry::current, secrets);
        threads.every("secret-watcher", poll(properties), watcher::poll);
        return watcher;
    }

    private static Duration poll(RosterSyncProperties properties) {
        Duration every = properties.tenants().pollInterval();
        return every.compareTo(SHORTEST_POLL) < 0 ? SHORTEST_POLL : every;
    }
}
