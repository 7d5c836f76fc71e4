package com.rostersync.extractor.kafka;

import com.rostersync.extractor.change.HashState;
import com.rostersync.extractor.cycle.CycleScheduler;
import com.rostersync.kernel.kafka.KeyOwnership;
import java.time.Duration;
import java.util.Collection;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;

/**
 * Moves tenants between extractor instances with the partitions of {@link ExtractorKafka#TENANTS_TOPIC}. A tenant given
 * up starts no new cycle and its running cycle ends (or is interrupted) before the group hands it on, so two
 * instances never read and publish one tenant at the same time. A tenant taken over has its hashes read again from
 * the state topic, as the previous instance left them, before its first cycle here: nothing is published twice and no
 * deletion is missed.
 */
final class TenantHandover implements ConsumerAwareRebalanceListener {

    private static final Logger log = LoggerFactory.getLogger(TenantHandover.class);
    private static final int READ_ATTEMPTS = 3;

    private final KeyOwnership ownership;
    private final HashStateRestorer restorer;
    private final HashState state;
    private final CycleScheduler scheduler;
    private final Duration cycleGrace;

    TenantHandover(
            KeyOwnership ownership,
            HashStateRestorer restorer,
            HashState state,
            CycleScheduler scheduler,
            Duration cycleGrace) {
        this.ownership = ownership;
        this.restorer = restorer;
        this.state = state;
        this.scheduler = scheduler;
        this.cycleGrace = cycleGrace;
    }

    @Override
    public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        giveUp(partitions);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        giveUp(partitions);
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        KeyOwnership after = new KeyOwnership(ExtractorKafka.TENANTS_TOPIC);
        after.assigned(
                consumer.assignment(),
                consumer.partitionsFor(ExtractorKafka.TENANTS_TOPIC).size());
        KeyOwnership before = ownership.copy();
        Predicate<String> gained = tenant -> after.owns(tenant) && !before.owns(tenant);
        if (!partitions.isEmpty()) {
            long records = restore(gained);
            log.info(
                    "Tenant partitions {} assigned; hashes read again, {} records held",
                    consumer.assignment(),
                    records);
        }
        ownership.assigned(
                consumer.assignment(),
                consumer.partitionsFor(ExtractorKafka.TENANTS_TOPIC).size());
    }

    private long restore(Predicate<String> tenants) {
        for (int attempt = 1; ; attempt++) {
            try {
                return restorer.restore(state, tenants);
            } catch (RuntimeException failed) {
                if (attempt >= READ_ATTEMPTS) {
                    throw failed;
                }
                log.warn("Hash state not read (attempt {} of {}): {}", attempt, READ_ATTEMPTS, failed.toString());
            }
        }
    }

    private void giveUp(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        ownership.revoked(partitions);
        if (!scheduler.awaitCycles(tenant -> !ownership.owns(tenant), cycleGrace)) {
            log.warn("Tenants of partitions {} given up with a cycle interrupted after {}", partitions, cycleGrace);
        }
    }
}
