package com.rostersync.publisher.kafka;

import com.rostersync.events.SchemaVersion;
import com.rostersync.publisher.publish.PublishedState;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.kafka.core.ConsumerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads partitions of the compacted publisher state topic from the beginning to their end, so that content a
 * destination already has is not uploaded again after a restart or when another instance hands the destination over.
 */
final class PublishedStateReader {

    private static final Duration READ_LIMIT = Duration.ofSeconds(60);

    private final ConsumerFactory<?, ?> consumerFactory;
    private final JsonMapper jsonMapper;

    PublishedStateReader(ConsumerFactory<?, ?> consumerFactory, JsonMapper jsonMapper) {
        this.consumerFactory = consumerFactory;
        this.jsonMapper = jsonMapper;
    }

    /** Hands every live record of the partitions to {@code sink}; returns how many. */
    int read(Collection<TopicPartition> partitions, Consumer<PublishedState> sink) {
        Map<String, Object> config = new HashMap<>(consumerFactory.getConfigurationProperties());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        int read = 0;
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, READ_LIMIT);
            Instant deadline = Instant.now().plus(READ_LIMIT);
            while (!reachedEnd(consumer, end)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("publisher state " + partitions + " not read within " + READ_LIMIT);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() != null) {
                        PublishedState state = jsonMapper.readValue(record.value(), PublishedState.class);
                        // A newer major version fails the read, naming the record: guessing could skip an upload.
                        SchemaVersion.check(
                                state.schemaVersion(),
                                0,
                                SchemaVersion.where(record.topic(), record.partition(), record.offset()));
                        sink.accept(state);
                        read++;
                    }
                }
            }
        }
        return read;
    }

    private static boolean reachedEnd(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }
}
