package com.rostersync.kernel.kafka;

import java.util.Collection;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;

/**
 * Moves the keys of a {@link KeyOwnership} between the instances of a service as the consumer group moves the
 * partitions. The order is what keeps one owner per key: keys given up (revoked or lost) stop counting as owned before
 * the service lets go of their work, and keys taken over have their state read while they do not count as owned yet,
 * so no work starts on a key before its state is here. Each service says only what giving up and taking over mean for
 * it.
 */
public abstract class KeyHandover implements ConsumerAwareRebalanceListener {

    private static final Logger log = LoggerFactory.getLogger(KeyHandover.class);

    /** When revoked keys are let go: before the group commits the offsets consumed so far, or after. */
    public enum Release {
        /** The work on a key must end before its offsets are committed and the partition goes to another instance. */
        BEFORE_COMMIT,
        /** The state of a key stays until the offsets of what was consumed for it are committed. */
        AFTER_COMMIT
    }

    private final KeyOwnership ownership;
    private final Release release;

    protected KeyHandover(KeyOwnership ownership, Release release) {
        this.ownership = ownership;
        this.release = release;
    }

    protected final KeyOwnership ownership() {
        return ownership;
    }

    /**
     * Lets go of the keys this instance no longer owns; {@code partitions} (never empty) are those just given up.
     * Called on the consumer thread, after the ownership forgot them.
     */
    protected abstract void giveUp(Collection<TopicPartition> partitions, Predicate<String> notOwned);

    /**
     * Reads the state of the keys gained ({@code gained} is true for a key owned after this assignment and not
     * before), while they do not count as owned yet. {@code partitions} are the ones newly assigned, possibly none.
     */
    protected abstract void takeOver(
            Consumer<?, ?> consumer, Collection<TopicPartition> partitions, Predicate<String> gained);

    /** Runs after the ownership counts the new assignment; by default nothing. */
    protected void ownershipChanged() {}

    @Override
    public final void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (release == Release.BEFORE_COMMIT) {
            release(partitions);
        }
    }

    @Override
    public final void onPartitionsRevokedAfterCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (release == Release.AFTER_COMMIT) {
            release(partitions);
        }
    }

    @Override
    public final void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        release(partitions);
    }

    @Override
    public final void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        int partitionCount = consumer.partitionsFor(ownership.topic()).size();
        KeyOwnership before = ownership.copy();
        KeyOwnership after = new KeyOwnership(ownership.topic());
        after.assigned(consumer.assignment(), partitionCount);
        takeOver(consumer, partitions, key -> after.owns(key) && !before.owns(key));
        ownership.assigned(consumer.assignment(), partitionCount);
        ownershipChanged();
    }

    private void release(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        ownership.revoked(partitions);
        giveUp(partitions, key -> !ownership.owns(key));
    }

    /**
     * Reads state for a take-over, again up to {@code attempts} times in all: a broker that answers slowly in the middle
     * of a rebalance should not fail it, one that does not answer at all should.
     */
    protected static <T> T readWithAttempts(String what, int attempts, Supplier<T> read) {
        for (int attempt = 1; ; attempt++) {
            try {
                return read.get();
            } catch (RuntimeException failed) {
                if (attempt >= attempts) {
                    throw failed;
                }
                log.warn("{} not read (attempt {} of {}): {}", what, attempt, attempts, failed.toString());
            }
        }
    }
}
