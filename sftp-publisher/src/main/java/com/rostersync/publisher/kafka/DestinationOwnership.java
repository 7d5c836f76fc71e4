package com.rostersync.publisher.kafka;

import com.rostersync.events.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.springframework.stereotype.Component;

/**
 * Which destination accounts this publisher instance uploads to: those whose state record (keyed by the destination
 * id) lands on a partition of the publisher state topic that the consumer group gave this instance. So with several
 * instances each account has one uploader at a time; before the first assignment this instance owns none.
 */
@Component
public final class DestinationOwnership {

    private final Set<Integer> partitions = ConcurrentHashMap.newKeySet();
    private volatile int partitionCount;

    public boolean owns(String destinationId) {
        int count = partitionCount;
        return count > 0 && destinationId != null && partitions.contains(partitionOf(destinationId, count));
    }

    /** The consumer's whole assignment now and the state topic's partition count. */
    void assigned(Collection<TopicPartition> assignment, int statePartitions) {
        partitions.clear();
        assignment.stream()
                .filter(tp -> tp.topic().equals(Topics.PUBLISHER_STATE))
                .forEach(tp -> partitions.add(tp.partition()));
        partitionCount = statePartitions;
    }

    void revoked(Collection<TopicPartition> revoked) {
        revoked.stream()
                .filter(tp -> tp.topic().equals(Topics.PUBLISHER_STATE))
                .forEach(tp -> partitions.remove(tp.partition()));
    }

    /** The partition the producer's default partitioner gives the destination's state record. */
    static int partitionOf(String destinationId, int partitions) {
        return Utils.toPositive(Utils.murmur2(destinationId.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
