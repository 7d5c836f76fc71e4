package com.rostersync.monitor.history;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code rostersync.monitor.history.*}: how much of the sync history the monitor indexes in memory. The history itself
 * stays in Kafka for {@code rostersync.topics.history-retention}; the index only bounds what the API lists.
 *
 * @param maxRunsPerTenant  newest runs kept per tenant; older ones drop out of the index
 * @param maxPendingReports change report parts kept while their run has not been read yet
 * @param readTimeout       how long reading a change report from Kafka may take
 */
@Validated
@ConfigurationProperties("rostersync.monitor.history")
record HistoryProperties(
        @Min(1) @Max(1_000_000) @DefaultValue("2000") int maxRunsPerTenant,
        @Min(1) @Max(1_000_000) @DefaultValue("10000") int maxPendingReports,
        @NotNull @DefaultValue("10s") Duration readTimeout) {}
