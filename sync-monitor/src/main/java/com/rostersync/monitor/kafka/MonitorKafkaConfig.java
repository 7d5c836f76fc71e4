package com.rostersync.monitor.kafka;

import com.rostersync.events.Topics;
import com.rostersync.events.outcome.SyncOutcome;
import com.rostersync.kernel.kafka.ConsumedTopic;
import com.rostersync.kernel.kafka.KeyOwnership;
import com.rostersync.monitor.incident.IncidentDesk;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/**
 * The one topic the monitor consumes, and districts following its partitions between instances; JSON, topics and
 * the error policy come from service-kernel.
 */
@Configuration(proxyBeanMethods = false)
class MonitorKafkaConfig {

    @Bean
    ConsumedTopic outcomes() {
        return new ConsumedTopic(Topics.OUTCOMES, SyncOutcome.class);
    }

    @Bean
    KeyOwnership districtOwnership() {
        return new KeyOwnership(Topics.OUTCOMES);
    }

    /** Districts follow the outcome partitions from instance to instance ({@link DistrictHandover}). */
    @Bean
    ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> districtHandover(
            KeyOwnership ownership, KafkaIncidentStore store, IncidentDesk desk) {
        return container -> container
                .getContainerProperties()
                .setConsumerRebalanceListener(new DistrictHandover(ownership, store, desk));
    }
}
