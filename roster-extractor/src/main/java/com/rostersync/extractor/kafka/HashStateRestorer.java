package com.rostersync.extractor.kafka;

import com.rostersync.events.EntityType;
import com.rostersync.events.Topics;
import com.rostersync.extractor.change.HashState;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the in-memory hashes from the compacted state topic, read from the beginning to the end offsets taken at
 * start. Cycles start only after it returns, so a restart neither re-publishes every record nor forgets a record
 * that was deleted from the source while the extractor was down (state survives restarts and a lost disk).
 */
public final class HashStateRestorer {

    private static final Logger log = LoggerFactory.getLogger(HashStateRestorer.class);

    private final Supplier<Consumer<String, String>> consumers;
    private final Duration pollTimeout;

    public HashStateRestorer(Supplier<Consumer<String, String>> consumers, Duration pollTimeout) {
        this.consumers = consumers;
        this.pollTimeout = pollTimeout;
    }

    /** Reads the whole topic into {@code state}; returns the number of live records. */
    public long restore(HashState state) {
        return restore(state, tenantId -> true);
    }

    /**
     * Replaces what {@code state} holds of the matching tenants with what the topic holds of them now (the topic is
     * keyed by record, so the whole topic is read); returns the number of records in {@code state}.
     */
    public long restore(HashState state, Predicate<String> tenants) {
        state.forgetTenants(tenants);
        try (Consumer<String, String> consumer = consumers.get()) {
            List<PartitionInfo> infos = consumer.partitionsFor(Topics.EXTRACTOR_STATE, pollTimeout);
            if (infos == null || infos.isEmpty()) {
                log.info("State topic {} has no partitions yet: starting with empty state", Topics.EXTRACTOR_STATE);
                return 0;
            }
            List<TopicPartition> partitions = infos.stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, pollTimeout));
            long applied = 0;
            while (!caughtUp(consumer, end)) {
                for (ConsumerRecord<String, String> record : consumer.poll(pollTimeout)) {
                    applied += apply(state, record, tenants) ? 1 : 0;
                }
            }
            log.info(
                    "Hash state restored from {}: {} records, {} entries read",
                    Topics.EXTRACTOR_STATE,
                    state.size(),
                    applied);
            return state.size();
        }
    }

    private static boolean caughtUp(Consumer<String, String> consumer, Map<TopicPartition, Long> end) {
        end.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
        return end.isEmpty();
    }

    private static boolean apply(HashState state, ConsumerRecord<String, String> record, Predicate<String> tenants) {
        if (record.key() == null) {
            return false;
        }
        String[] parts = record.key().split("/", 4);
        if (parts.length != 4) {
            log.warn(
                    "State entry with an unknown key shape at {}-{}@{} ignored",
                    record.topic(),
                    record.partition(),
                    record.offset());
            return false;
        }
        if (!tenants.test(parts[0])) {
            return false;
        }
        EntityType type;
        try {
            type = EntityType.valueOf(parts[2]);
        } catch (IllegalArgumentException unknownType) {
            log.warn("State entry of unknown type {} ignored", parts[2]);
            return false;
        }
        if (record.value() == null) {
            state.remove(parts[0], parts[1], type, parts[3]);
        } else {
            state.put(parts[0], parts[1], type, parts[3], record.value());
        }
        return true;
    }
}
