package com.rostersync.monitor.config;

import com.rostersync.tenants.TenantRegistryWatcher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The tenant registry, re-read when the file changes: the monitor needs each district's name and leaders. */
@Configuration(proxyBeanMethods = false)
class TenantRegistryConfig {

    @Bean(destroyMethod = "close")
    TenantRegistryWatcher tenantRegistryWatcher(TenantsProperties properties) {
        return new TenantRegistryWatcher(properties.file(), properties.pollInterval());
    }
}
