package com.rostersync.publisher.kafka;

import com.rostersync.events.Topics;
import com.rostersync.events.snapshot.SchoolSnapshot;
import com.rostersync.kernel.kafka.ConsumedTopic;
import com.rostersync.publisher.config.PublisherProperties;
import com.rostersync.publisher.publish.PublishCoordinator;
import java.time.Duration;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The topic the publisher consumes (snapshots) and how destinations are shared out between instances; JSON, the
 * topics it produces and the error policy that dead-letters an unreadable snapshot come from service-kernel.
 */
@Configuration(proxyBeanMethods = false)
class PublisherKafkaConfiguration {

    @Bean
    ConsumedTopic snapshots() {
        return new ConsumedTopic(Topics.SNAPSHOTS, SchoolSnapshot.class);
    }

    @Bean
    PublishedStateReader publishedStateReader(ConsumerFactory<?, ?> consumerFactory, JsonMapper jsonMapper) {
        return new PublishedStateReader(consumerFactory, jsonMapper);
    }

    /**
     * The container of {@link DestinationListener}: plain bytes (the records are not used) and the handover of
     * destinations on every rebalance. Giving a destination up waits for its running upload, within the group's
     * rebalance timeout (max.poll.interval.ms, 5 minutes by default).
     */
    @Bean
    ConcurrentKafkaListenerContainerFactory<String, byte[]> destinationContainerFactory(
            KafkaProperties kafka,
            DestinationOwnership ownership,
            PublishCoordinator coordinator,
            PublishedStateReader reader,
            KafkaTemplate<Object, Object> template,
            PublisherProperties publisher) {
        ConcurrentKafkaListenerContainerFactory<String, byte[]> factory =
                new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(
                kafka.buildConsumerProperties(), new StringDeserializer(), new ByteArrayDeserializer()));
        Duration grace = publisher.transferTimeout().multipliedBy(2);
        Duration limit = Duration.ofMinutes(4);
        factory.getContainerProperties()
                .setConsumerRebalanceListener(new DestinationHandover(
                        ownership, coordinator, reader, template, grace.compareTo(limit) < 0 ? grace : limit));
        return factory;
    }
}
