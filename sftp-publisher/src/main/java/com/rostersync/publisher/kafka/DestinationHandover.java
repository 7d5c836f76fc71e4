package com.rostersync.publisher.kafka;

import com.rostersync.events.Topics;
import com.rostersync.kernel.kafka.KeyHandover;
import com.rostersync.kernel.kafka.KeyOwnership;
import com.rostersync.publisher.publish.PublishCoordinator;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Moves destination accounts between publisher instances with the state topic's partitions. A partition given up
 * first stops new uploads to its destinations and waits for the running ones (and their state records) to finish;
 * the group gives it to another instance only after this callback returned, so one account never has two uploads at
 * once. A partition taken over is read to its end before any upload, so the new owner knows what the account already
 * has and does not upload it again.
 */
final class DestinationHandover extends KeyHandover {

    private static final Logger log = LoggerFactory.getLogger(DestinationHandover.class);

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
        super(ownership, Release.BEFORE_COMMIT);
        this.coordinator = coordinator;
        this.reader = reader;
        this.template = template;
        this.uploadGrace = uploadGrace;
    }

    @Override
    protected void takeOver(Consumer<?, ?> consumer, Collection<TopicPartition> partitions, Predicate<String> gained) {
        List<TopicPartition> state = partitions.stream()
                .filter(tp -> tp.topic().equals(Topics.PUBLISHER_STATE))
                .toList();
        if (!state.isEmpty()) {
            long restored = reader.read(state, coordinator::restore);
            log.info("Destinations of partitions {} taken over; {} upload records read", state, restored);
            // The records before were read just now; later ones are this group's own writes.
            consumer.seekToEnd(state);
        }
    }

    @Override
    protected void ownershipChanged() {
        coordinator.ownershipChanged();
    }

    @Override
    protected void giveUp(Collection<TopicPartition> partitions, Predicate<String> notOwned) {
        if (!coordinator.awaitUploads(notOwned, uploadGrace)) {
            log.warn(
                    "Uploads to destinations of partitions {} still run after {}; giving them up",
                    partitions,
                    uploadGrace);
        }
        template.flush();
    }
}
