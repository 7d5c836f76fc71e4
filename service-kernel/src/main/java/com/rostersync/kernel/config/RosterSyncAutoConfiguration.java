package com.rostersync.kernel.config;

import com.rostersync.kernel.kafka.KafkaConsumerClose;
import com.rostersync.kernel.kafka.KafkaErrorPolicy;
import com.rostersync.kernel.kafka.KafkaJsonConfiguration;
import com.rostersync.kernel.registry.TenantRegistryConfiguration;
import com.rostersync.kernel.task.ServiceThreadsConfiguration;
import com.rostersync.kernel.topic.TopicConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * What every Roster Sync service shares, applied by depending on this module: the {@code rostersync.*} properties,
 * the tenant registry, the topic declarations, JSON on Kafka, the one error policy and the services' own thread pools. A service adds only its own.
 */
@AutoConfiguration(
        after = {
            KafkaAutoConfiguration.class,
            TaskExecutionAutoConfiguration.class,
            TaskSchedulingAutoConfiguration.class
        })
@EnableConfigurationProperties(RosterSyncProperties.class)
@Import({
    ServiceThreadsConfiguration.class,
    TenantRegistryConfiguration.class,
    TopicConfiguration.class,
    KafkaJsonConfiguration.class,
    KafkaConsumerClose.class,
    KafkaErrorPolicy.class
})
public class RosterSyncAutoConfiguration {}
