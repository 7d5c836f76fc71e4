package com.rostersync.extractor.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads what a topic received since the last call, up to the end offsets of the moment: the producer side waits for
 * acknowledgements, so "nothing new" is a fact to assert, not a wait.
 */
public final class TopicReader<T> implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final KafkaConsumer<String, String> consumer;
    private final Class<T> type;

    public TopicReader(String bootstrap, String topic, Class<T> type) {
        this(bootstrap, topic, type, false);
    }

    /** Reads from the beginning when {@code fromStart}, else only what arrives after this moment. */
    public TopicReader(String bootstrap, String topic, Class<T> type, boolean fromStart) {
        this.type = type;
        this.consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
        consumer.assign(partitions);
        if (fromStart) {
            consumer.seekToBeginning(partitions);
        } else {
            consumer.seekToEnd(partitions);
        }
        partitions.forEach(consumer::position);
    }

    /** Records with key, value parsed as T (null for a tombstone). */
    public List<Keyed<T>> newRecords(Predicate<String> keyFilter) {
        Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(consumer.assignment()));
        List<Keyed<T>> records = new ArrayList<>();
        while (!end.isEmpty()) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                if (keyFilter.test(record.key())) {
                    records.add(new Keyed<>(
                            record.key(),
                            record.value() == null
                                    ? null
                                    : type == String.class
                                            ? type.cast(record.value())
                                            : JSON.readValue(record.value(), type)));
                }
            }
            end.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
        }
        return records;
    }

    public List<T> newValues(Predicate<String> keyFilter) {
        return newRecords(keyFilter).stream().map(Keyed::value).toList();
    }

    @Override
    public void close() {
        consumer.close();
    }

    public record Keyed<T>(String key, T value) {}
}
