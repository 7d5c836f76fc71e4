package com.rostersync.publisher.kafka;

import com.rostersync.events.Topics;
import com.rostersync.kernel.kafka.KeyOwnership;
import com.rostersync.publisher.publish.PublishCoordinator;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;

/**
 * Moves destination accounts between publisher instances with the state topic's partitions. A partition given up
 * first stops new uploads to its destinations and waits for the running ones (and their state records) to finish;
 * the group gives it to another instance only after this callback returned, so one account never has two uploads at
 * once. A partition taken over is read to its end before any upload, so the new owner knows what the account already
 * has and does not upload it again.
 */
final class DestinationHandover implements ConsumerAwareRebalanceListener {

    private static final Logger log = LoggerFactory.getLogger(DestinationHandover.class);

    private final KeyOwnership ownership;
    private final PublishCoordinator coordinator;
    private final PublishedStateReader reader;
    private final KafkaTemplate<Object, Object> template;
    private final Duration uploadGrace;

    DestinationHandover(
            KeyOwnership ownership,
            PublishCoordinator coordinator,
            PublishedStateReader reader,
            KafkaTemplate<Object, Object> template,
            Duration uploadGrace) {
        this.ownership = ownership;
        this.coordinator = coordinator;
        this.reader = reader;
        this.template = template;
        this.uploadGrace = uploadGrace;
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
        List<TopicPartition> state = partitions.stream()
                .filter(tp -> tp.topic().equals(Topics.PUBLISHER_STATE))
                .toList();
        if (!state.isEmpty()) {
            long restored = reader.read(state, coordinator::restore);
            log.info("Destinations of partitions {} taken over; {} upload records read", state, restored);
            // The records before were read just now; later ones are this group's own writes.
            consumer.seekToEnd(state);
        }
        ownership.assigned(
                consumer.assignment(),
                consumer.partitionsFor(Topics.PUBLISHER_STATE).size());
        coordinator.ownershipChanged();
    }

    private void giveUp(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        ownership.revoked(partitions);
        if (!coordinator.awaitUploads(destination -> !ownership.owns(destination), uploadGrace)) {
            log.warn(
                    "Uploads to destinations of partitions {} still run after {}; giving them up",
                    partitions,
                    uploadGrace);
        }
        template.flush();
    }
}
