package com.rostersync.extractor.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;

/**
 * Which tenants this extractor instance reads: those whose id the producer's default partitioner would put on a
 * partition of {@link ExtractorKafka#TENANTS_TOPIC} that the consumer group gave this instance. So with several
 * instances each tenant has one reader at a time, chosen by Kafka; before the first assignment this instance owns
 * none.
 */
public final class TenantOwnership {

    private final Set<Integer> partitions = ConcurrentHashMap.newKeySet();
    private volatile int partitionCount;

    public boolean owns(String tenantId) {
        int count = partitionCount;
        return count > 0 && tenantId != null && partitions.contains(partitionOf(tenantId, count));
    }

    TenantOwnership copy() {
        TenantOwnership copy = new TenantOwnership();
        copy.partitions.addAll(partitions);
        copy.partitionCount = partitionCount;
        return copy;
    }

    /** The consumer's whole assignment now and the topic's partition count. */
    void assigned(Collection<TopicPartition> assignment, int tenantPartitions) {
        partitions.clear();
        assignment.stream()
                .filter(tp -> tp.topic().equals(ExtractorKafka.TENANTS_TOPIC))
                .forEach(tp -> partitions.add(tp.partition()));
        partitionCount = tenantPartitions;
    }

    void revoked(Collection<TopicPartition> revoked) {
        revoked.stream()
                .filter(tp -> tp.topic().equals(ExtractorKafka.TENANTS_TOPIC))
                .forEach(tp -> partitions.remove(tp.partition()));
    }

    static int partitionOf(String tenantId, int partitions) {
        return Utils.toPositive(Utils.murmur2(tenantId.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
