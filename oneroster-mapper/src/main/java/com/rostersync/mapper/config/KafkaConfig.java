package com.rostersync.mapper.config;

import com.rostersync.events.Topics;
import com.rostersync.events.UnreadableSchemaVersionException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

/**
 * The topics the mapper produces (snapshots, outcomes, its state changelog, its dead letters) and its one error
 * policy. Snapshots are compacted (the latest per school is what a new publisher needs) and allow messages up to
 * {@code rostersync.mapper.snapshot-max-bytes}, see docs/mapper.md.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfig {

    @Bean
    KafkaAdmin.NewTopics mapperTopics(TopicsProperties topics, MapperProperties mapper) {
        return new KafkaAdmin.NewTopics(
                TopicBuilder.name(Topics.SNAPSHOTS)
                        .partitions(topics.partitions())
                        .replicas(topics.replicas())
                        .compact()
                        .config(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(mapper.snapshotMaxBytes()))
                        .build(),
                TopicBuilder.name(Topics.MAPPER_STATE)
                        .partitions(topics.partitions())
                        .replicas(topics.replicas())
                        .compact()
                        .build(),
                topic(Topics.OUTCOMES, topics),
                topic(Topics.ROSTER_CHANGES_DLT, topics),
                topic(Topics.COMMANDS_DLT, topics));
    }

    private static NewTopic topic(String name, TopicsProperties topics) {
        return TopicBuilder.name(name)
                .partitions(topics.partitions())
                .replicas(topics.replicas())
                .build();
    }

    /**
     * Poison pills (unreadable JSON) go straight to the explicit dead-letter topic; other failures are retried twice.
     * Raw bytes of an unreadable record need a byte-array producer, everything else goes out as JSON.
     */
    @Bean
    DefaultErrorHandler errorHandler(
            KafkaTemplate<String, Object> template, ProducerFactory<String, Object> producerFactory) {
        Map<Class<?>, KafkaOperations<?, ?>> templates = new LinkedHashMap<>();
        templates.put(
                byte[].class,
                new KafkaTemplate<>(
                        producerFactory,
                        Map.of(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class)));
        templates.put(Object.class, template);
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(
                templates, (record, failure) -> new TopicPartition(deadLetterTopic(record.topic()), -1));
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, new FixedBackOff(500, 2));
        // Reading a newer major version again cannot succeed: straight to the dead-letter topic.
        handler.addNotRetryableExceptions(UnreadableSchemaVersionException.class);
        return handler;
    }

    static String deadLetterTopic(String topic) {
        return switch (topic) {
            case Topics.COMMANDS -> Topics.COMMANDS_DLT;
            default -> Topics.ROSTER_CHANGES_DLT;
        };
    }
}
