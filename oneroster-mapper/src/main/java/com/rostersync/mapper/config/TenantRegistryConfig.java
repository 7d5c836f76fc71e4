package com.rostersync.mapper.config;

import com.rostersync.tenants.TenantRegistryWatcher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The tenant registry: read at start (failing fast when invalid) and watched for changes of the thresholds. */
@Configuration(proxyBeanMethods = false)
class TenantRegistryConfig {

    @Bean(destroyMethod = "close")
    TenantRegistryWatcher tenantRegistryWatcher(TenantsProperties tenants) {
        return new TenantRegistryWatcher(tenants.file(), tenants.pollInterval());
    }
}
