package com.rostersync.kernel.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;

/**
 * Which keys this instance answers for: those that the producers' default partitioner puts on a partition of
 * {@code topic} that the consumer group gave this instance. With several instances of a service each key (a tenant, a
 * district, a destination account) has one owner at a time, chosen by Kafka; before the first assignment this
 * instance owns none.
 */
public final class KeyOwnership {

    private final String topic;
    private final Set<Integer> partitions = ConcurrentHashMap.newKeySet();
    private volatile int partitionCount;

    public KeyOwnership(String topic) {
        this.topic = topic;
    }

    public String topic() {
        return topic;
    }

    public boolean owns(String key) {
        int count = partitionCount;
        return count > 0 && key != null && partitions.contains(partitionOf(key, count));
    }

    /** What this instance owned at this moment, kept while the live ownership moves on. */
    public KeyOwnership copy() {
        KeyOwnership copy = new KeyOwnership(topic);
        copy.partitions.addAll(partitions);
        copy.partitionCount = partitionCount;
        return copy;
    }

    /** The consumer's whole assignment now and the topic's partition count. */
    public void assigned(Collection<TopicPartition> assignment, int topicPartitions) {
        partitions.clear();
        assignment.stream().filter(tp -> tp.topic().equals(topic)).forEach(tp -> partitions.add(tp.partition()));
        partitionCount = topicPartitions;
    }

    public void revoked(Collection<TopicPartition> revoked) {
        revoked.stream().filter(tp -> tp.topic().equals(topic)).forEach(tp -> partitions.remove(tp.partition()));
    }

    /** The partition the producers' default partitioner gives a record keyed by {@code key}. */
    public static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
