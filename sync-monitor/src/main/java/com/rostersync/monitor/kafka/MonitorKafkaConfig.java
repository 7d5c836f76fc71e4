package com.rostersync.monitor.kafka;

import com.rostersync.events.Topics;
import com.rostersync.events.outcome.SyncOutcome;
import com.rostersync.kernel.kafka.ConsumedTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one topic the monitor consumes; JSON, topics and the error policy come from service-kernel. */
@Configuration(proxyBeanMethods = false)
class MonitorKafkaConfig {

    @Bean
    ConsumedTopic outcomes() {
        return new ConsumedTopic(Topics.OUTCOMES, SyncOutcome.class);
    }
}
