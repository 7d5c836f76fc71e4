package com.rostersync.kernel.kafka;

import com.rostersync.events.Topics;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.TypeFactory;
import tools.jackson.module.blackbird.BlackbirdModule;

/**
 * One JSON serialization for every service, on Boot's factories (so the client metrics bind) and Boot's JsonMapper:
 * String keys, values without Java type headers (the topic says the type, {@link ConsumedTopic}), raw bytes passed through
 * (a dead letter keeps the record as it came), null sent as a tombstone. An unreadable value becomes a
 * deserialization failure for the error policy instead of a consumer stuck on a poison pill.
 */
@Configuration(proxyBeanMethods = false)
public class KafkaJsonConfiguration {

    private static final TypeFactory TYPES = TypeFactory.createDefaultInstance();

    /**
     * Every event and state entry is a record, and Jackson 3.1 calls a record's constructor through
     * {@code MethodHandle.invokeWithArguments} on each value; Blackbird binds constructors and accessors once, which
     * took about a third off decoding a mapper state entry (docs/benchmarks.md, run C). The JSON is the same to the
     * byte, so no hash changes. Registered here, not left to Boot's module discovery, so turning that off keeps it.
     */
    @Bean
    BlackbirdModule rostersyncBlackbird() {
        return new BlackbirdModule();
    }

    /** ISO dates read without a formatter ({@link IsoLocalDates}); registered here for the same reason. */
    @Bean
    SimpleModule rostersyncIsoLocalDates() {
        return IsoLocalDates.module();
    }

    /** Contract enums' constant names read without calling their creators ({@link WireEnumNames}); same reason. */
    @Bean
    SimpleModule rostersyncWireEnumNames() {
        return WireEnumNames.module();
    }

    /** Instants written and read in UTC without a formatter ({@link IsoInstants}); registered here for the same reason. */
    @Bean
    SimpleModule rostersyncIsoInstants() {
        return IsoInstants.module();
    }

    @Bean
    DefaultKafkaProducerFactoryCustomizer rostersyncJsonProducer(JsonMapper jsonMapper) {
        return factory -> {
            @SuppressWarnings({"unchecked", "rawtypes"})
            var typed = (DefaultKafkaProducerFactory<String, Object>) (DefaultKafkaProducerFactory) factory;
            typed.setKeySerializer(new StringSerializer());
            typed.setValueSerializer(jsonValues(jsonMapper));
        };
    }

    @Bean
    DefaultKafkaConsumerFactoryCustomizer rostersyncJsonConsumer(JsonMapper jsonMapper, List<ConsumedTopic> consumed) {
        Map<String, JavaType> types = new LinkedHashMap<>();
        Map<String, Map<String, JavaType>> variants = new LinkedHashMap<>();
        consumed.forEach(c -> {
            types.put(c.topic(), TYPES.constructType(c.valueType()));
            Map<String, JavaType> byHeader = new LinkedHashMap<>();
            c.byTypeHeader().forEach((header, type) -> byHeader.put(header, TYPES.constructType(type)));
            variants.put(c.topic(), byHeader);
        });
        return factory -> {
            // Whatever a service's own file says: a consumer never creates a topic (TopicDeclarer does).
            factory.updateConfigs(Map.of(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false));
            if (types.isEmpty()) {
                return;
            }
            JacksonJsonDeserializer<Object> json = new JacksonJsonDeserializer<>(Object.class, jsonMapper, false);
            json.setTypeResolver((topic, data, headers) -> typeOf(types, variants, topic, headers));
            @SuppressWarnings({"unchecked", "rawtypes"})
            var typed = (DefaultKafkaConsumerFactory<String, Object>) (DefaultKafkaConsumerFactory) factory;
            typed.setKeyDeserializer(new StringDeserializer());
            typed.setValueDeserializer(new ErrorHandlingDeserializer<>(json));
        };
    }

    private static JavaType typeOf(
            Map<String, JavaType> types, Map<String, Map<String, JavaType>> variants, String topic, Headers headers) {
        JavaType type = types.get(topic);
        if (type == null) {
            throw new IllegalStateException("no value type is declared for topic " + topic);
        }
        Header typeHeader = headers == null ? null : headers.lastHeader(Topics.TYPE_HEADER);
        if (typeHeader == null) {
            return type;
        }
        String named = new String(typeHeader.value(), StandardCharsets.UTF_8);
        JavaType variant = variants.get(topic).get(named);
        if (variant == null) {
            // Read as the topic's type, such a value would be misread: refuse it (it goes to the dead letters).
            throw new IllegalArgumentException("topic " + topic + " carries no value type " + named);
        }
        return variant;
    }

    /** JSON without type headers, byte arrays as they are, null as null (a tombstone). */
    public static Serializer<Object> jsonValues(JsonMapper jsonMapper) {
        JacksonJsonSerializer<Object> json = new JacksonJsonSerializer<>(jsonMapper);
        json.setAddTypeInfo(false);
        Map<Class<?>, Serializer<?>> byType = new LinkedHashMap<>();
        byType.put(byte[].class, new ByteArraySerializer());
        byType.put(Object.class, json);
        return new TombstoneAwareSerializer(new DelegatingByTypeSerializer(byType, true));
    }

    /** Sends null as null instead of asking a delegate to type it. */
    private record TombstoneAwareSerializer(Serializer<Object> delegate) implements Serializer<Object> {

        @Override
        public byte[] serialize(String topic, Object data) {
            return data == null ? null : delegate.serialize(topic, data);
        }

        @Override
        public byte[] serialize(String topic, Headers headers, Object data) {
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
