package com.rostersync.publisher.kafka;

import com.rostersync.events.SchemaVersion;
import com.rostersync.events.Topics;
import com.rostersync.events.snapshot.SchoolSnapshot;
import com.rostersync.publisher.publish.PublishCoordinator;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.stereotype.Component;

/**
 * Feeds every school snapshot to the coordinator. It always reads the compacted snapshot topic from the beginning,
 * so that after a restart the publisher again holds the latest snapshot of every school (a district set is only
 * complete with all of them), whatever offsets the group committed. Every instance reads every partition, in a group
 * of its own: a destination merges schools from all partitions, whichever instance uploads it. A snapshot of a newer
 * major schema version is refused, naming where it is, and lands on the dead-letter topic; the publisher keeps the
 * school's last one it can read.
 */
@Component
class SnapshotListener implements ConsumerSeekAware {

    private final PublishCoordinator coordinator;

    SnapshotListener(PublishCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @KafkaListener(
            id = "sftp-publisher-snapshots",
            topics = Topics.SNAPSHOTS,
            groupId = "sftp-publisher-snapshots-${random.uuid}")
    void onSnapshot(
            @Payload(required = false) SchoolSnapshot snapshot,
            @Header(KafkaHeaders.RECEIVED_TOPIC) String topic,
            @Header(KafkaHeaders.RECEIVED_PARTITION) int partition,
            @Header(KafkaHeaders.OFFSET) long offset) {
        if (snapshot != null) {
            SchemaVersion.check(
                    snapshot.schemaVersion(), snapshot.schemaMinor(), SchemaVersion.where(topic, partition, offset));
            coordinator.onSnapshot(snapshot);
        }
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        callback.seekToBeginning(assignments.keySet());
    }
}
