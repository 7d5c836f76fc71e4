package com.rostersync.kernel.overrides;

import com.rostersync.kernel.config.RosterSyncProperties;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operators' tenant overrides, for the services whose decisions depend on a tenant's mode and pauses (the
 * publisher, which uploads or not, and the monitor, which shows and sets them); they import this configuration.
 */
@Configuration(proxyBeanMethods = false)
public class TenantOverridesConfiguration {

    @Bean
    TenantOverrideFollower tenantOverrideFollower(
            ConsumerFactory<?, ?> consumers, JsonMapper json, RosterSyncProperties properties) {
        return new TenantOverrideFollower(
                consumers.getConfigurationProperties(),
                json,
                Clock.systemUTC(),
                properties.topics().declareTimeout());
    }
}
