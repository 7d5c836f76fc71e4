package com.rostersync.publisher.kafka;

import com.rostersync.events.Topics;
import com.rostersync.events.snapshot.SchoolSnapshot;
import com.rostersync.publisher.config.PublisherProperties;
import com.rostersync.publisher.config.TopicsProperties;
import com.rostersync.publisher.publish.PublishCoordinator;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;
import org.springframework.util.backoff.FixedBackOff;
import tools.jackson.databind.json.JsonMapper;

/**
 * The publisher's Kafka edge: JSON with Boot's JsonMapper and no type headers, the one topic type it consumes
 * (snapshots), the topics it produces (outcomes, its compacted state), and one error policy that dead-letters a
 * snapshot it cannot read to {@link Topics#SNAPSHOTS_DLT}.
 */
@Configuration(proxyBeanMethods = false)
class PublisherKafkaConfiguration {

    @Bean
    DefaultKafkaConsumerFactoryCustomizer snapshotDeserializer(JsonMapper jsonMapper) {
        return factory -> {
            @SuppressWarnings({"unchecked", "rawtypes"})
            var typed = (org.springframework.kafka.core.DefaultKafkaConsumerFactory<String, SchoolSnapshot>)
                    (org.springframework.kafka.core.DefaultKafkaConsumerFactory) factory;
            typed.setKeyDeserializer(new StringDeserializer());
            typed.setValueDeserializer(new ErrorHandlingDeserializer<>(
                    new JacksonJsonDeserializer<>(SchoolSnapshot.class, jsonMapper, false)));
        };
    }

    @Bean
    DefaultKafkaProducerFactoryCustomizer jsonSerializer(JsonMapper jsonMapper) {
        return factory -> {
            JacksonJsonSerializer<Object> json = new JacksonJsonSerializer<>(jsonMapper);
            json.setAddTypeInfo(false);
            Map<Class<?>, Serializer<?>> byType = new LinkedHashMap<>();
            byType.put(byte[].class, new ByteArraySerializer());
            byType.put(Object.class, json);
            @SuppressWarnings({"unchecked", "rawtypes"})
            var typed = (org.springframework.kafka.core.DefaultKafkaProducerFactory<String, Object>)
                    (org.springframework.kafka.core.DefaultKafkaProducerFactory) factory;
            typed.setKeySerializer(new StringSerializer());
            typed.setValueSerializer(new DelegatingByTypeSerializer(byType, true));
        };
    }

    @Bean
    CommonErrorHandler publisherErrorHandler(KafkaTemplate<Object, Object> template) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(
                template, (record, failure) -> new TopicPartition(Topics.SNAPSHOTS_DLT, -1));
        return new DefaultErrorHandler(recoverer, new FixedBackOff(500, 2));
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
        Map<String, Object> consumer = new LinkedHashMap<>(kafka.buildConsumerProperties());
        // The state topic may be created after this consumer joined: find its partitions (and destinations) within
        // seconds, not after the default 5 minutes of metadata age.
        consumer.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 10_000);
        factory.setConsumerFactory(
                new DefaultKafkaConsumerFactory<>(consumer, new StringDeserializer(), new ByteArrayDeserializer()));
        Duration grace = publisher.transferTimeout().multipliedBy(2);
        Duration limit = Duration.ofMinutes(4);
        factory.getContainerProperties()
                .setConsumerRebalanceListener(new DestinationHandover(
                        ownership, coordinator, reader, template, grace.compareTo(limit) < 0 ? grace : limit));
        return factory;
    }

    @Bean
    NewTopic outcomesTopic(TopicsProperties topics) {
        return TopicBuilder.name(Topics.OUTCOMES)
                .partitions(topics.partitions())
                .replicas(topics.replicas())
                .build();
    }

    @Bean
    NewTopic publisherStateTopic(TopicsProperties topics) {
        return TopicBuilder.name(Topics.PUBLISHER_STATE)
                .partitions(topics.partitions())
                .replicas(topics.replicas())
                .compact()
                .build();
    }

    @Bean
    NewTopic snapshotsDeadLetterTopic(TopicsProperties topics) {
        return TopicBuilder.name(Topics.SNAPSHOTS_DLT)
                .partitions(topics.partitions())
                .replicas(topics.replicas())
                .config(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(16 * 1024 * 1024))
                .build();
    }
}
