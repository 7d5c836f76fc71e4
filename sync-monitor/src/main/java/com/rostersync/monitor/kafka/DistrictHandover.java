package com.rostersync.monitor.kafka;

import com.rostersync.kernel.kafka.KeyHandover;
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

/**
 * Moves districts between monitor instances with the outcome partitions. The callbacks run on the consumer thread
 * between polls, so a district's state is read from the compacted topics (where the previous owner wrote it before
 * its offsets were committed) before its first outcome here, and is forgotten before another instance gets it: each
 * incident is mailed by one instance, as it would be by a single one across a restart.
 */
final class DistrictHandover extends KeyHandover {

    private static final Logger log = LoggerFactory.getLogger(DistrictHandover.class);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
    private static final int READ_ATTEMPTS = 3;

    private final KafkaIncidentStore store;
    private final IncidentDesk desk;
    private boolean assignedOnce;

    DistrictHandover(KeyOwnership ownership, KafkaIncidentStore store, IncidentDesk desk) {
        super(ownership, Release.AFTER_COMMIT);
        this.store = store;
        this.desk = desk;
    }

    @Override
    protected void takeOver(Consumer<?, ?> consumer, Collection<TopicPartition> partitions, Predicate<String> gained) {
        // The first assignment reads the state even when it brings no partition: the desk answers only once restored.
        if (assignedOnce && partitions.isEmpty()) {
            return;
        }
        log.info("Outcome partitions {} assigned; reading their districts' incidents", consumer.assignment());
        readWithAttempts("Incident state", READ_ATTEMPTS, () -> {
            Map<String, Instant> lastSuccess = new LinkedHashMap<>();
            store.readLastSuccess(READ_TIMEOUT).values().forEach(s -> lastSuccess.put(s.tenantId(), s.at()));
            desk.adopt(gained, store.readIncidents(READ_TIMEOUT).values(), lastSuccess);
            return lastSuccess.size();
        });
        assignedOnce = true;
    }

    @Override
    protected void ownershipChanged() {
        desk.release(tenant -> !ownership().owns(tenant));
    }

    @Override
    protected void giveUp(Collection<TopicPartition> partitions, Predicate<String> notOwned) {
        desk.release(notOwned);
    }
}
