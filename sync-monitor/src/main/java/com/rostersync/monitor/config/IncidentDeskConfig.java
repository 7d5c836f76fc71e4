package com.rostersync.monitor.config;

import com.rostersync.kernel.kafka.KeyOwnership;
import com.rostersync.kernel.overrides.TenantOverridesConfiguration;
import com.rostersync.monitor.incident.IncidentDesk;
import com.rostersync.monitor.incident.IncidentMailer;
import com.rostersync.monitor.incident.IncidentStore;
import com.rostersync.monitor.incident.MailPolicy;
import com.rostersync.monitor.metrics.IncidentGauges;
import com.rostersync.tenants.Tenant;
import com.rostersync.tenants.TenantRegistryWatcher;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** The incident desk and its periodic check (STALE districts, due reminders, forgetting resolved incidents). */
@Configuration(proxyBeanMethods = false)
// The console shows, and the API sets, operators' overrides of a tenant's mode and pauses.
@Import(TenantOverridesConfiguration.class)
@EnableScheduling
class IncidentDeskConfig {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    IncidentDesk incidentDesk(MonitorProperties properties, IncidentStore store, IncidentMailer mailer, Clock clock) {
        MonitorProperties.MailRetry retry = properties.mailRetry();
        return new IncidentDesk(
                properties.reminderInterval(),
                new MailPolicy.MailRetry(retry.initial(), retry.max(), retry.maxAttempts()),
                properties.staleAfter(),
                store,
                mailer,
                clock);
    }

    @Bean
    SchedulingConfigurer incidentCheck(
            MonitorProperties properties,
            IncidentDesk desk,
            TenantRegistryWatcher tenants,
            IncidentGauges gauges,
            KeyOwnership ownership) {
        return (ScheduledTaskRegistrar registrar) -> registrar.addFixedDelayTask(
                () -> {
                    List<String> districts = tenants.current().tenants().stream()
                            .map(Tenant::id)
                            .filter(ownership::owns)
                            .toList();
                    desk.check(districts);
                    desk.trackedDistricts().forEach(gauges::trackDistrict);
                    gauges.refresh();
                },
                properties.checkInterval());
    }
}
