package com.rostersync.mapper.pipeline;

import com.rostersync.events.SchemaVersion;
import com.rostersync.events.Topics;
import com.rostersync.events.UnreadableSchemaVersionException;
import com.rostersync.events.command.ApproveHold;
import com.rostersync.events.cycle.RosterChangeEvent;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

/**
 * Thin Kafka edge: roster changes and approval commands, in batches (a 10,000-record cycle is written to the
 * changelog in a few round trips), go to the {@link SchoolCycleRunner} in their order. Both topics are read by one
 * consumer so that the same partitions of both, i.e. the same schools, belong to the same instance. The batch returns
 * only after its state is on the changelog, so offsets are committed after the state they caused. An unreadable
 * record, or one of a newer major schema version (refused, naming where it is and both versions), is handed to the
 * error handler by index and lands on its dead-letter topic; the records before it are kept.
 */
@Component
class RosterChangeListener {

    private final SchoolCycleRunner runner;

    RosterChangeListener(SchoolCycleRunner runner) {
        this.runner = runner;
    }

    @KafkaListener(
            id = "oneroster-mapper",
            topics = {Topics.ROSTER_CHANGES, Topics.COMMANDS},
            batch = "true")
    void onRecords(List<ConsumerRecord<String, Object>> records) {
        List<RosterChangeEvent> events = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, Object> record = records.get(i);
            Object value = record.value();
            try {
                checkVersion(record);
            } catch (UnreadableSchemaVersionException refused) {
                runner.apply(events);
                throw new BatchListenerFailedException(refused.getMessage(), refused, i);
            }
            if (value instanceof RosterChangeEvent event) {
                events.add(event);
            } else if (value instanceof ApproveHold command) {
                runner.apply(events);
                events.clear();
                runner.approve(command);
            } else {
                runner.apply(events);
                throw new BatchListenerFailedException(
                        "unreadable record on " + records.get(i).topic(), i);
            }
        }
        runner.apply(events);
    }

    private static void checkVersion(ConsumerRecord<String, Object> record) {
        String where = SchemaVersion.where(record.topic(), record.partition(), record.offset());
        if (record.value() instanceof RosterChangeEvent event) {
            SchemaVersion.check(event.schemaVersion(), event.schemaMinor(), where);
        } else if (record.value() instanceof ApproveHold command) {
            SchemaVersion.check(command.schemaVersion(), command.schemaMinor(), where);
        }
    }
}
