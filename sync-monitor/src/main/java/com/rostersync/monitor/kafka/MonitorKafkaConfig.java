package com.rostersync.monitor.kafka;

import com.rostersync.events.Topics;
import com.rostersync.events.UnreadableSchemaVersionException;
import com.rostersync.events.outcome.SyncOutcome;
import com.rostersync.monitor.config.TopicsProperties;
import com.rostersync.monitor.incident.IncidentDesk;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
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
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;
import org.springframework.util.backoff.FixedBackOff;
import tools.jackson.databind.json.JsonMapper;

/**
 * Kafka as every service does it: Boot's factories (so the client metrics bind), JSON from Boot's JsonMapper with no
 * type headers, a fixed target type for the one topic consumed, poison pills to the explicit dead-letter topic.
 */
@Configuration(proxyBeanMethods = false)
class MonitorKafkaConfig {

    @Bean
    DefaultKafkaConsumerFactoryCustomizer outcomeDeserializers(JsonMapper jsonMapper) {
        return factory -> {
            @SuppressWarnings("unchecked")
            var typed = (DefaultKafkaConsumerFactory<String, SyncOutcome>) factory;
            typed.setKeyDeserializer(new StringDeserializer());
            typed.setValueDeserializer(new ErrorHandlingDeserializer<>(
                    new JacksonJsonDeserializer<>(SyncOutcome.class, jsonMapper, false)));
        };
    }

    @Bean
    DefaultKafkaProducerFactoryCustomizer jsonSerializers(JsonMapper jsonMapper) {
        return factory -> {
            @SuppressWarnings("unchecked")
            var typed = (DefaultKafkaProducerFactory<String, Object>) factory;
            JacksonJsonSerializer<Object> json = new JacksonJsonSerializer<>(jsonMapper);
            json.setAddTypeInfo(false);
            Map<Class<?>, Serializer<?>> byType = new LinkedHashMap<>();
            byType.put(byte[].class, new ByteArraySerializer());
            byType.put(Object.class, json);
            typed.setKeySerializer(new StringSerializer());
            typed.setValueSerializer(new TombstoneAwareSerializer(new DelegatingByTypeSerializer(byType, true)));
        };
    }

    @Bean
    DistrictOwnership districtOwnership() {
        return new DistrictOwnership();
    }

    /** Districts follow the outcome partitions from instance to instance ({@link DistrictHandover}). */
    @Bean
    ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> districtHandover(
            DistrictOwnership ownership, KafkaIncidentStore store, IncidentDesk desk) {
        return container -> container
                .getContainerProperties()
                .setConsumerRebalanceListener(new DistrictHandover(ownership, store, desk));
    }

    /**
     * One error policy: two quick retries, then the outcome goes to its dead-letter topic. An outcome of a newer major
     * schema version is dead-lettered at once: reading it again cannot succeed.
     */
    @Bean
    DefaultErrorHandler outcomeErrorHandler(KafkaOperations<?, ?> template) {
        var recoverer = new DeadLetterPublishingRecoverer(
                template, (record, failure) -> new TopicPartition(Topics.OUTCOMES_DLT, -1));
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, new FixedBackOff(500, 2));
        handler.addNotRetryableExceptions(UnreadableSchemaVersionException.class);
        return handler;
    }

    @Bean
    NewTopic incidentsTopic(TopicsProperties topics) {
        return compacted(Topics.MONITOR_INCIDENTS, topics);
    }

    @Bean
    NewTopic lastSuccessTopic(TopicsProperties topics) {
        return compacted(MonitorTopics.LAST_SUCCESS, topics);
    }

    @Bean
    NewTopic commandsTopic(TopicsProperties topics) {
        return TopicBuilder.name(Topics.COMMANDS)
                .partitions(topics.partitions())
                .replicas(topics.replicas())
                .build();
    }

    @Bean
    NewTopic auditTopic(TopicsProperties topics) {
        return TopicBuilder.name(Topics.AUDIT)
                .partitions(topics.partitions())
                .replicas(topics.replicas())
                .build();
    }

    @Bean
    NewTopic outcomesDeadLetterTopic(TopicsProperties topics) {
        return TopicBuilder.name(Topics.OUTCOMES_DLT)
                .partitions(topics.partitions())
                .replicas(topics.replicas())
                .build();
    }

    private static NewTopic compacted(String name, TopicsProperties topics) {
        return TopicBuilder.name(name)
                .partitions(topics.partitions())
                .replicas(topics.replicas())
                .config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
                .build();
    }

    /** Sends null as null (a tombstone in a compacted topic) instead of asking a delegate to type it. */
    private record TombstoneAwareSerializer(Serializer<Object> delegate) implements Serializer<Object> {

        @Override
        public byte[] serialize(String topic, Object data) {
            return data == null ? null : delegate.serialize(topic, data);
        }

        @Override
        public byte[] serialize(String topic, org.apache.kafka.common.header.Headers headers, Object data) {
            return data == null ? null : delegate.serialize(topic, headers, data);
        }

        @Override
        public void configure(Map<String, ?> configs, boolean isKey) {
            delegate.configure(configs, isKey);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
