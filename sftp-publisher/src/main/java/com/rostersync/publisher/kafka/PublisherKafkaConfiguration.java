package com.rostersync.publisher.kafka;

import com.rostersync.events.Topics;
import com.rostersync.events.outcome.SyncOutcome;
import com.rostersync.events.snapshot.SchoolSnapshot;
import com.rostersync.publisher.config.TopicsProperties;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
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

    static final String OUTCOME_LISTENER_FACTORY = "outcomeListenerFactory";

    /**
     * The MAP outcomes the publisher reads to learn that a school of a tenant cycle is mapped; an outcome it cannot
     * read is skipped (logged), as it is only a hint that shortens a bounded wait.
     */
    @Bean(OUTCOME_LISTENER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<String, SyncOutcome> outcomeListenerFactory(
            ConsumerFactory<?, ?> consumerFactory, JsonMapper jsonMapper) {
        Map<String, Object> config = new HashMap<>(consumerFactory.getConfigurationProperties());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "sftp-publisher-map-outcomes");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        DefaultKafkaConsumerFactory<String, SyncOutcome> outcomes = new DefaultKafkaConsumerFactory<>(
                config,
                new StringDeserializer(),
                new ErrorHandlingDeserializer<>(new JacksonJsonDeserializer<>(SyncOutcome.class, jsonMapper, false)));
        ConcurrentKafkaListenerContainerFactory<String, SyncOutcome> factory =
                new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(outcomes);
        factory.setCommonErrorHandler(new DefaultErrorHandler(new FixedBackOff(0, 0)));
        return factory;
    }

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
