package com.rostersync.extractor.kafka;

import com.rostersync.extractor.change.HashState;
import com.rostersync.extractor.cycle.CycleScheduler;
import com.rostersync.kernel.kafka.KeyHandover;
import com.rostersync.kernel.kafka.KeyOwnership;
import java.time.Duration;
import java.util.Collection;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves tenants between extractor instances with the partitions of {@link ExtractorKafka#TENANTS_TOPIC}. A tenant given
 * up starts no new cycle and its running cycle ends (or is interrupted) before the group hands it on, so two
 * instances never read and publish one tenant at the same time. A tenant taken over has its hashes read again from
 * the state topic, as the previous instance left them, before its first cycle here: nothing is published twice and no
 * deletion is missed.
 */
final class TenantHandover extends KeyHandover {

    private static final Logger log = LoggerFactory.getLogger(TenantHandover.class);
    private static final int READ_ATTEMPTS = 3;

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
        super(ownership, Release.BEFORE_COMMIT);
        this.restorer = restorer;
        this.state = state;
        this.scheduler = scheduler;
        this.cycleGrace = cycleGrace;
    }

    @Override
    protected void takeOver(Consumer<?, ?> consumer, Collection<TopicPartition> partitions, Predicate<String> gained) {
        if (partitions.isEmpty()) {
            return;
        }
        long records = readWithAttempts("Hash state", READ_ATTEMPTS, () -> restorer.restore(state, gained));
        log.info("Tenant partitions {} assigned; hashes read again, {} records held", consumer.assignment(), records);
    }

    @Override
    protected void giveUp(Collection<TopicPartition> partitions, Predicate<String> notOwned) {
        if (!scheduler.awaitCycles(notOwned, cycleGrace)) {
            log.warn("Tenants of partitions {} given up with a cycle interrupted after {}", partitions, cycleGrace);
        }
    }
}
