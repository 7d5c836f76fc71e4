package com.rostersync.extractor.kafka;

import com.rostersync.extractor.change.HashState;
import com.rostersync.extractor.cycle.CycleScheduler;
import com.rostersync.kernel.kafka.KafkaConsumerClose;
import com.rostersync.kernel.kafka.KafkaJsonConfiguration;
import com.rostersync.kernel.kafka.KeyOwnership;
import com.rostersync.kernel.topic.PlatformTopics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * How the extractor talks to Kafka, in one place for the application and its tests: JSON values without type headers
 * (the kernel's serializer; the contract's @JsonTypeInfo carries the type), String keys, acks=all and idempotence,
 * and the state topic's plain String hashes.
 */
public final class ExtractorKafka {

    /**
     * Holds no records: its partitions share the tenants out among the extractor instances (the consumer group of
     * {@link TenantGroupListener}, named after its id); see {@link KeyOwnership}.
     */
    public static final String TENANTS_TOPIC = PlatformTopics.EXTRACTOR_TENANTS;

    private ExtractorKafka() {}

    /** Producer settings the extractor relies on, over whatever the environment configured. */
    public static Map<String, Object> producerOverrides(Map<String, Object> base) {
        Map<String, Object> props = new HashMap<>(base);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        // The serializers are configured in code (no type headers); spring.json.* properties would conflict.
        props.keySet().removeIf(key -> key.startsWith("spring.json."));
        return props;
    }

    public static DefaultKafkaProducerFactory<String, Object> eventProducerFactory(
            Map<String, Object> base, JsonMapper json) {
        return new DefaultKafkaProducerFactory<>(
                producerOverrides(base), StringSerializer::new, () -> KafkaJsonConfiguration.jsonValues(json));
    }

    public static DefaultKafkaProducerFactory<String, String> stateProducerFactory(Map<String, Object> base) {
        return new DefaultKafkaProducerFactory<>(producerOverrides(base), StringSerializer::new, StringSerializer::new);
    }

    public static KafkaTemplate<String, Object> eventTemplate(Map<String, Object> base, JsonMapper json) {
        return new KafkaTemplate<>(eventProducerFactory(base, json));
    }

    public static KafkaTemplate<String, String> stateTemplate(Map<String, Object> base) {
        return new KafkaTemplate<>(stateProducerFactory(base));
    }

    /**
     * A listener container factory for {@link TenantGroupListener} whose rebalances move tenants with {@link
     * TenantHandover}.
     */
    public static ConcurrentKafkaListenerContainerFactory<String, String> tenantGroupContainerFactory(
            Map<String, Object> consumer,
            KeyOwnership ownership,
            HashStateRestorer restorer,
            HashState state,
            CycleScheduler scheduler,
            Duration cycleGrace) {
        Map<String, Object> props = new HashMap<>(consumer);
        // The topic may be created (by another instance's start) after this consumer joined: without a short metadata
        // age the consumer would see its partitions, and its tenants, only after the default 5 minutes.
        props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 10_000);
        var factory = new ConcurrentKafkaListenerContainerFactory<String, String>();
        factory.setConsumerFactory(KafkaConsumerClose.boundedClose(
                new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(), new StringDeserializer())));
        factory.getContainerProperties()
                .setConsumerRebalanceListener(new TenantHandover(ownership, restorer, state, scheduler, cycleGrace));
        return factory;
    }
}
