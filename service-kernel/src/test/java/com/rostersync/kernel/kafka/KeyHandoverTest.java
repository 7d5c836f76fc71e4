package com.rostersync.kernel.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Keys move with the partitions: state is read before a key counts as owned, work ends after it stops counting. */
class KeyHandoverTest {

    private static final String TOPIC = "roster.keys.v1";
    private static final int PARTITIONS = 4;

    private final MockConsumer<String, String> consumer = new MockConsumer<>("earliest");
    private final KeyOwnership ownership = new KeyOwnership(TOPIC);
    private final List<String> seen = new ArrayList<>();

    KeyHandoverTest() {
        consumer.updatePartitions(
                TOPIC,
                IntStream.range(0, PARTITIONS)
                        .mapToObj(p -> new PartitionInfo(TOPIC, p, null, null, null))
                        .toList());
    }

    @Test
    void readsTheStateOfGainedKeysBeforeTheyCountAsOwned() {
        String key = keyOn(1);
        Recording handover = new Recording(KeyHandover.Release.BEFORE_COMMIT, key);

        assign(handover, 0, 1);

        assertThat(seen).containsExactly("take over " + key + " gained=true owned=false", "changed owned=true");
        assertThat(ownership.owns(key)).isTrue();
    }

    @Test
    void aKeyAlreadyOwnedIsNotGainedAgain() {
        String key = keyOn(1);
        Recording handover = new Recording(KeyHandover.Release.BEFORE_COMMIT, key);
        assign(handover, 1);
        seen.clear();

        assign(handover, 1, 2);

        assertThat(seen).startsWith("take over " + key + " gained=false owned=true");
    }

    @Test
    void givesUpRevokedKeysBeforeTheCommitWhenAskedTo() {
        String key = keyOn(2);
        Recording handover = new Recording(KeyHandover.Release.BEFORE_COMMIT, key);
        assign(handover, 2, 3);
        seen.clear();

        handover.onPartitionsRevokedBeforeCommit(consumer, List.of(new TopicPartition(TOPIC, 2)));
        handover.onPartitionsRevokedAfterCommit(consumer, List.of(new TopicPartition(TOPIC, 2)));

        assertThat(seen).containsExactly("give up [" + TOPIC + "-2] " + key + " notOwned=true owned=false");
        assertThat(ownership.owns(keyOn(3))).isTrue();
    }

    @Test
    void givesUpRevokedKeysAfterTheCommitWhenAskedTo() {
        String key = keyOn(2);
        Recording handover = new Recording(KeyHandover.Release.AFTER_COMMIT, key);
        assign(handover, 2);
        seen.clear();

        handover.onPartitionsRevokedBeforeCommit(consumer, List.of(new TopicPartition(TOPIC, 2)));
        assertThat(seen).isEmpty();
        assertThat(ownership.owns(key)).isTrue();

        handover.onPartitionsRevokedAfterCommit(consumer, List.of(new TopicPartition(TOPIC, 2)));
        assertThat(seen).containsExactly("give up [" + TOPIC + "-2] " + key + " notOwned=true owned=false");
    }

    @Test
    void givesUpLostKeysAndIgnoresAnEmptyRevocation() {
        String key = keyOn(0);
        Recording handover = new Recording(KeyHandover.Release.AFTER_COMMIT, key);
        assign(handover, 0);
        seen.clear();

        handover.onPartitionsRevokedAfterCommit(consumer, List.of());
        assertThat(seen).isEmpty();

        handover.onPartitionsLost(consumer, List.of(new TopicPartition(TOPIC, 0)));
        assertThat(seen).containsExactly("give up [" + TOPIC + "-0] " + key + " notOwned=true owned=false");
    }

    @Test
    void readsStateAgainUntilTheAttemptsAreSpent() {
        AtomicInteger calls = new AtomicInteger();

        assertThat(KeyHandover.readWithAttempts("State", 3, () -> {
                    if (calls.incrementAndGet() < 3) {
                        throw new IllegalStateException("broker busy");
                    }
                    return 7L;
                }))
                .isEqualTo(7L);

        calls.set(0);
        assertThatThrownBy(() -> KeyHandover.readWithAttempts("State", 2, () -> {
                    calls.incrementAndGet();
                    throw new IllegalStateException("broker gone");
                }))
                .hasMessage("broker gone");
        assertThat(calls).hasValue(2);
    }

    private void assign(KeyHandover handover, int... partitions) {
        List<TopicPartition> assignment = IntStream.of(partitions)
                .mapToObj(p -> new TopicPartition(TOPIC, p))
                .toList();
        List<TopicPartition> added = assignment.stream()
                .filter(tp -> !consumer.assignment().contains(tp))
                .toList();
        consumer.assign(assignment);
        handover.onPartitionsAssigned(consumer, added);
    }

    private static String keyOn(int partition) {
        return IntStream.range(0, 1000)
                .mapToObj(i -> "tenant-" + i)
                .filter(k -> KeyOwnership.partitionOf(k, PARTITIONS) == partition)
                .findFirst()
                .orElseThrow();
    }

    /** Writes down what the handover asked of the service, and whether the key counted as owned at that moment. */
    private final class Recording extends KeyHandover {

        private final String key;

        Recording(Release release, String key) {
            super(ownership, release);
            this.key = key;
        }

        @Override
        protected void giveUp(Collection<TopicPartition> partitions, Predicate<String> notOwned) {
            seen.add("give up " + partitions + " " + key + " notOwned=" + notOwned.test(key) + " owned="
                    + ownership.owns(key));
        }

        @Override
        protected void takeOver(
                Consumer<?, ?> consumer, Collection<TopicPartition> partitions, Predicate<String> gained) {
            seen.add("take over " + key + " gained=" + gained.test(key) + " owned=" + ownership.owns(key));
        }

        @Override
        protected void ownershipChanged() {
            seen.add("changed owned=" + ownership.owns(key));
        }
    }
}
