package com.rostersync.extractor.kafka;

import com.rostersync.kernel.kafka.KeyOwnership;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Membership of the extractor instances' consumer group on {@link ExtractorKafka#TENANTS_TOPIC}: the partitions the
 * group assigns decide which tenants each instance reads ({@link KeyOwnership}, {@link TenantHandover}). Nothing is
 * written to the topic; only its partitions matter.
 */
public final class TenantGroupListener {

    public static final String CONTAINER_FACTORY = "tenantGroupContainerFactory";

    @KafkaListener(
            id = "roster-extractor-tenants",
            topics = ExtractorKafka.TENANTS_TOPIC,
            containerFactory = CONTAINER_FACTORY)
    void onRecord(ConsumerRecord<String, String> ignored) {
        // Nothing is written to the topic: see the class comment.
    }
}
