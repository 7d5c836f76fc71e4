package com.rostersync.monitor.kafka;

import com.rostersync.events.Topics;
import com.rostersync.kernel.kafka.KeyOwnership;
import com.rostersync.monitor.incident.IncidentDesk;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;

/**
 * Moves districts between monitor instances with the outcome partitions. The callbacks run on the consumer thread
 * between polls, so a district's state is read from the compacted topics (where the previous owner wrote it before
 * its offsets were committed) before its first outcome here, and is forgotten before another instance gets it: each
 * incident is mailed by one instance, as it would be by a single one across a restart.
 */
final class DistrictHandover implements ConsumerAwareRebalanceListener {

    private static final Logger log = LoggerFactory.getLogger(DistrictHandover.class);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
    private static final int READ_ATTEMPTS = 3;

    private final KeyOwnership ownership;
    private final KafkaIncidentStore store;
    private final IncidentDesk desk;
    private boolean assignedOnce;

    DistrictHandover(KeyOwnership ownership, KafkaIncidentStore store, IncidentDesk desk) {
        this.ownership = ownership;
        this.store = store;
        this.desk = desk;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        KeyOwnership before = ownership.copy();
        ownership.assigned(
                consumer.assignment(), consumer.partitionsFor(Topics.OUTCOMES).size());
        desk.release(tenant -> !ownership.owns(tenant));
        if (assignedOnce && partitions.isEmpty()) {
            return;
        }
        log.info("Outcome partitions {} assigned; reading their districts' incidents", consumer.assignment());
        adopt(tenant -> ownership.owns(tenant) && !before.owns(tenant));
        assignedOnce = true;
    }

    @Override
    public void onPartitionsRevokedAfterCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        ownership.revoked(partitions);
        desk.release(tenant -> !ownership.owns(tenant));
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        onPartitionsRevokedAfterCommit(consumer, partitions);
    }

    private void adopt(Predicate<String> gained) {
        for (int attempt = 1; ; attempt++) {
            try {
                Map<String, Instant> lastSuccess = new LinkedHashMap<>();
                store.readLastSuccess(READ_TIMEOUT).values().forEach(s -> lastSuccess.put(s.tenantId(), s.at()));
                desk.adopt(gained, store.readIncidents(READ_TIMEOUT).values(), lastSuccess);
                return;
            } catch (RuntimeException failed) {
                if (attempt >= READ_ATTEMPTS) {
                    throw failed;
                }
                log.warn("Incident state not read (attempt {} of {}): {}", attempt, READ_ATTEMPTS, failed.toString());
            }
        }
    }
}
