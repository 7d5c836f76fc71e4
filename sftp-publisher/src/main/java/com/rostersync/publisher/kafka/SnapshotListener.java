package com.rostersync.publisher.kafka;

import com.rostersync.events.SchemaVersion;
import com.rostersync.events.Topics;
import com.rostersync.events.snapshot.SchoolFile;
import com.rostersync.events.snapshot.SchoolSnapshot;
import com.rostersync.publisher.publish.PublishCoordinator;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;

/**
 * Feeds every school snapshot, and every school file sent before one (a {@link SchoolFile}, or a tombstone of one), to
 * the coordinator. It always reads the compacted snapshot topic from the beginning, so that after a restart the
 * publisher again holds the latest snapshot of every school (a district set is only complete with all of them),
 * whatever offsets the group committed. Every instance reads every partition, in a group
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
    void onRecord(ConsumerRecord<String, Object> record) {
        String where = SchemaVersion.where(record.topic(), record.partition(), record.offset());
        if (record.value() instanceof SchoolSnapshot snapshot) {
            SchemaVersion.check(snapshot.schemaVersion(), snapshot.schemaMinor(), where);
            coordinator.onSnapshot(snapshot);
        } else if (record.value() instanceof SchoolFile file) {
            SchemaVersion.check(file.schemaVersion(), file.schemaMinor(), where);
            coordinator.onSchoolFile(file);
        } else if (record.value() == null && record.headers().lastHeader(Topics.TYPE_HEADER) != null) {
            coordinator.onSchoolFileDropped(record.key());
        }
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        callback.seekToBeginning(assignments.keySet());
    }
}
