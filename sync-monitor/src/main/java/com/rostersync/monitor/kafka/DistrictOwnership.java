package com.rostersync.monitor.kafka;

import com.rostersync.events.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;

/**
 * Which districts this monitor instance answers for: those whose outcomes land on a partition of the outcome topic
 * that the consumer group gave it. Every stage keys its outcomes by the tenant id, so all of a district's outcomes,
 * its incidents, its STALE check and its mails belong to exactly one instance at a time. Before the first assignment
 * it answers for none.
 */
public final class DistrictOwnership {

    private final Set<Integer> partitions = ConcurrentHashMap.newKeySet();
    private volatile int partitionCount;

    /** Whether this instance answers for the district now. */
    public boolean owns(String tenantId) {
        int count = partitionCount;
        return count > 0 && tenantId != null && partitions.contains(partitionOf(tenantId, count));
    }

    DistrictOwnership copy() {
        DistrictOwnership copy = new DistrictOwnership();
        copy.partitions.addAll(partitions);
        copy.partitionCount = partitionCount;
        return copy;
    }

    /** The consumer's whole assignment now (of the outcome topic) and the topic's partition count. */
    void assigned(Collection<TopicPartition> assignment, int outcomePartitions) {
        partitions.clear();
        assignment.stream()
                .filter(tp -> tp.topic().equals(Topics.OUTCOMES))
                .forEach(tp -> partitions.add(tp.partition()));
        partitionCount = outcomePartitions;
    }

    void revoked(Collection<TopicPartition> revoked) {
        revoked.stream()
                .filter(tp -> tp.topic().equals(Topics.OUTCOMES))
                .forEach(tp -> partitions.remove(tp.partition()));
    }

    /** The partition the producers' default partitioner gives a record keyed by the tenant id. */
    static int partitionOf(String tenantId, int partitions) {
        return Utils.toPositive(Utils.murmur2(tenantId.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
