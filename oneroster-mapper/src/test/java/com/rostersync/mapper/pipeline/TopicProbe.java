package com.rostersync.mapper.pipeline;

import com.rostersync.events.snapshot.SchoolSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads one topic from the beginning and keeps every value, parsed as {@code T}, for bounded assertions; snapshots
 * with every file's content, as the publisher puts them together.
 */
final class TopicProbe<T> implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final KafkaConsumer<String, byte[]> consumer;
    private final Class<T> type;
    /** For the snapshot topic: puts each snapshot together with its school's file records. */
    private final SnapshotTopicReader snapshots;

    private final List<Received<T>> received = new ArrayList<>();

    record Received<T>(String key, T value) {}

    TopicProbe(String bootstrapServers, String topic, Class<T> type) {
        this.type = type;
        this.snapshots = type == SchoolSnapshot.class ? new SnapshotTopicReader(JSON) : null;
        this.consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false),
                new StringDeserializer(),
                new ByteArrayDeserializer());
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !consumer.partitionsFor(topic)
                .isEmpty());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Polls until a value with this key matches, and returns it. */
    T await(String key, Predicate<T> match) {
        return await(key, match, Duration.ofSeconds(45));
    }

    T await(String key, Predicate<T> match, Duration atMost) {
        return Awaitility.await()
                .atMost(atMost)
                .until(
                        () -> {
                            poll();
                            return find(key, match);
                        },
                        found -> found != null);
    }

    /** Polls until {@code count} values with this key match, and returns them. */
    List<T> awaitCount(String key, Predicate<T> match, int count) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(45))
                .until(
                        () -> {
                            poll();
                            return received.stream()
                                    .filter(r -> r.key().equals(key) && match.test(r.value()))
                                    .map(Received::value)
                                    .toList();
                        },
                        found -> found.size() >= count);
    }

    /** Every value received for this key so far, after reading up to the topic's current end. */
    List<T> drain(String key) {
        var end = consumer.endOffsets(consumer.assignment());
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            poll();
            return consumer.assignment().stream().allMatch(tp -> consumer.position(tp) >= end.get(tp));
        });
        return received.stream()
                .filter(r -> r.key().equals(key))
                .map(Received::value)
                .toList();
    }

    private T find(String key, Predicate<T> match) {
        return received.stream()
                .filter(r -> r.key().equals(key) && match.test(r.value()))
                .map(Received::value)
                .findFirst()
                .orElse(null);
    }

    private void poll() {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            if (snapshots != null) {
                snapshots
                        .read(record.key(), record.value(), record.headers())
                        .ifPresent(snapshot -> received.add(new Received<>(record.key(), type.cast(snapshot))));
            } else if (record.value() != null) {
                received.add(new Received<>(record.key(), JSON.readValue(record.value(), type)));
            }
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
