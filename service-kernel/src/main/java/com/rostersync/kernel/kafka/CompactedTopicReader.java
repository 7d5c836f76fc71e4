package com.rostersync.kernel.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.ConsumerFactory;

/**
 * Replays a compacted state topic from its beginning to the end offsets taken when the replay starts, so a service
 * starts from the state it had before it stopped. The whole replay has a deadline (a partial state must not pass for
 * the whole one), and one entry that cannot be applied is logged with its topic, partition and offset and skipped:
 * a single bad entry must not keep the service from starting.
 */
public final class CompactedTopicReader {

    private static final Logger log = LoggerFactory.getLogger(CompactedTopicReader.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final Map<String, Object> consumerConfig;

    public CompactedTopicReader(Map<String, Object> consumerConfig) {
        this.consumerConfig = withoutGroup(consumerConfig);
    }

    /**
     * The service's consumer settings for a reader that assigns itself partitions and reads them from the start: no
     * group (so it never joins, commits or rebalances the service's own group) and no topic created by reading. Nor
     * the listeners' long fetch wait: a reader closes as soon as it has what it came for, and its close waits for
     * the fetch it has in flight.
     */
    public static Map<String, Object> withoutGroup(Map<String, Object> consumerConfig) {
        Map<String, Object> config = new HashMap<>(consumerConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.remove(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return Map.copyOf(config);
    }

    /** Reads with the connection settings (bootstrap servers, security) of the service's consumers. */
    public static CompactedTopicReader from(ConsumerFactory<?, ?> consumers) {
        return new CompactedTopicReader(consumers.getConfigurationProperties());
    }

    /** Applies one entry of the topic: {@code value} is null for a tombstone (the key was deleted). */
    @FunctionalInterface
    public interface EntryHandler {
        void apply(String key, byte[] value) throws Exception;
    }

    /** How many entries were applied and how many were skipped as unreadable. */
    public record Replay(long applied, long skipped) {}

    /**
     * @throws IllegalStateException when the topic cannot be read to its end within {@code deadline}
     */
    public Replay readToEnd(String topic, Duration deadline, EntryHandler handler) {
        List<TopicPartition> partitions;
        try (KafkaConsumer<String, byte[]> consumer = newConsumer(topic)) {
            partitions = consumer.partitionsFor(topic, deadline).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
        }
        return readToEnd(partitions, deadline, handler);
    }

    /**
     * Reads only {@code partitions}: an instance that takes over some partitions of a shared topic reads just those.
     *
     * @throws IllegalStateException when the partitions cannot be read to their end within {@code deadline}
     */
    public Replay readToEnd(Collection<TopicPartition> partitions, Duration deadline, EntryHandler handler) {
        Instant until = Instant.now().plus(deadline);
        String topics = partitions.stream()
                .map(TopicPartition::topic)
                .distinct()
                .sorted()
                .toList()
                .toString();
        long applied = 0;
        long skipped = 0;
        try (KafkaConsumer<String, byte[]> consumer = newConsumer(topics)) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, deadline));
            while (!caughtUp(consumer, end)) {
                if (Instant.now().isAfter(until)) {
                    throw new IllegalStateException("could not read " + partitions + " to the end within " + deadline);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    if (applyOne(handler, record)) {
                        applied++;
                    } else {
                        skipped++;
                    }
                }
            }
        }
        log.info(
                "Replayed {} ({} partitions): {} entries applied, {} skipped",
                topics,
                partitions.size(),
                applied,
                skipped);
        return new Replay(applied, skipped);
    }

    private KafkaConsumer<String, byte[]> newConsumer(String purpose) {
        Map<String, Object> config = new HashMap<>(consumerConfig);
        config.put(
                ConsumerConfig.CLIENT_ID_CONFIG,
                "restore-" + purpose.replaceAll("[^A-Za-z0-9._-]", "") + "-" + Long.toHexString(System.nanoTime()));
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static boolean applyOne(EntryHandler handler, ConsumerRecord<String, byte[]> record) {
        try {
            handler.apply(record.key(), record.value());
            return true;
        } catch (Exception unreadable) {
            // The exception's class only: its message may quote the entry, which can hold personal data.
            log.warn(
                    "Skipped an entry of {} that could not be applied (partition {}, offset {}, key {}): {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    record.key(),
                    unreadable.getClass().getName());
            return false;
        }
    }

    private static boolean caughtUp(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
        end.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
        return end.isEmpty();
    }
}
