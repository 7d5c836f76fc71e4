package com.rostersync.publisher.kafka;

import com.rostersync.events.Topics;
import com.rostersync.events.outcome.SyncOutcome;
import com.rostersync.events.snapshot.SchoolFile;
import com.rostersync.events.snapshot.SchoolSnapshot;
import com.rostersync.kernel.kafka.ConsumedTopic;
import com.rostersync.kernel.kafka.KafkaConsumerClose;
import com.rostersync.kernel.kafka.KeyOwnership;
import com.rostersync.publisher.config.PublisherProperties;
import com.rostersync.publisher.publish.PublishCoordinator;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;
import org.springframework.util.backoff.FixedBackOff;
import tools.jackson.databind.json.JsonMapper;

/**
 * The topic the publisher consumes (snapshots) and how destinations are shared out between instances; JSON, the
 * topics it produces and the error policy that dead-letters an unreadable snapshot come from service-kernel.
 */
@Configuration(proxyBeanMethods = false)
class PublisherKafkaConfiguration {

    static final String OUTCOME_LISTENER_FACTORY = "outcomeListenerFactory";

    /**
     * The MAP outcomes the publisher reads to learn that a school of a tenant cycle is mapped; an outcome it cannot
     * read is skipped (logged), as it is only a hint that shortens a bounded wait.
     */
    @Bean(OUTCOME_LISTENER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<String, SyncOutcome> outcomeListenerFactory(
            ConsumerFactory<?, ?> consumerFactory, JsonMapper jsonMapper) {
        Map<String, Object> config = new HashMap<>(consumerFactory.getConfigurationProperties());
        // A group of its own per instance: the instance that uploads a destination must see every school's outcome,
        // whichever partition carries it; outcomes from before this start do not matter to a cycle it never saw.
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "sftp-publisher-map-outcomes-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        DefaultKafkaConsumerFactory<String, SyncOutcome> outcomes = new DefaultKafkaConsumerFactory<>(
                config,
                new StringDeserializer(),
                new ErrorHandlingDeserializer<>(new JacksonJsonDeserializer<>(SyncOutcome.class, jsonMapper, false)));
        ConcurrentKafkaListenerContainerFactory<String, SyncOutcome> factory =
                new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(KafkaConsumerClose.boundedClose(outcomes));
        factory.setCommonErrorHandler(new DefaultErrorHandler(new FixedBackOff(0, 0)));
        return factory;
    }

    @Bean
    ConsumedTopic snapshots() {
        return new ConsumedTopic(Topics.SNAPSHOTS, SchoolSnapshot.class, Map.of(SchoolFile.TYPE, SchoolFile.class));
    }

    /** Destination accounts belong to the instance given the partition of their state record. */
    @Bean
    KeyOwnership destinationOwnership() {
        return new KeyOwnership(Topics.PUBLISHER_STATE);
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
            KeyOwnership ownership,
            PublishCoordinator coordinator,
            PublishedStateReader reader,
            KafkaTemplate<Object, Object> template,
            PublisherProperties publisher) {
        ConcurrentKafkaListenerContainerFactory<String, byte[]> factory =
                new ConcurrentKafkaListenerContainerFactory<>();
        Map<String, Object> consumer = new LinkedHashMap<>(kafka.buildConsumerProperties());
        // The state topic may be created after this consumer joined: find its partitions (and destinations) within
        // seconds, not after the default 5 minutes of metadata age.
        consumer.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 10_000);
        factory.setConsumerFactory(KafkaConsumerClose.boundedClose(
                new DefaultKafkaConsumerFactory<>(consumer, new StringDeserializer(), new ByteArrayDeserializer())));
        Duration grace = publisher.transferTimeout().multipliedBy(2);
        Duration limit = Duration.ofMinutes(4);
        factory.getContainerProperties()
                .setConsumerRebalanceListener(new DestinationHandover(
                        ownership, coordinator, reader, template, grace.compareTo(limit) < 0 ? grace : limit));
        return factory;
    }
}
