package com.rostersync.publisher.kafka;

import com.rostersync.events.Topics;
import com.rostersync.events.snapshot.SchoolSnapshot;
import com.rostersync.kernel.kafka.ConsumedTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one topic the publisher consumes (snapshots); JSON, the topics it produces and the error policy that
 * dead-letters an unreadable snapshot come from service-kernel.
 */
@Configuration(proxyBeanMethods = false)
class PublisherKafkaConfiguration {

    @Bean
    ConsumedTopic snapshots() {
        return new ConsumedTopic(Topics.SNAPSHOTS, SchoolSnapshot.class);
    }
}
