package com.rostersync.mapper.pipeline;

import com.rostersync.events.Topics;
import com.rostersync.events.command.ApproveHold;
import com.rostersync.events.cycle.RosterChangeEvent;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

/**
 * Thin Kafka edge: roster changes (in batches, so a 10,000-record cycle is written to the changelog in a few round
 * trips) and approval commands go to the {@link SchoolCycleRunner}. The batch returns only after its state is on the
 * changelog, so consumer offsets are committed after the state they caused. An unreadable record is handed to the
 * error handler by index and lands on the dead-letter topic; the records before it are kept.
 */
@Component
class RosterChangeListener {

    private final SchoolCycleRunner runner;

    RosterChangeListener(SchoolCycleRunner runner) {
        this.runner = runner;
    }

    @KafkaListener(id = "mapper-roster-changes", topics = Topics.ROSTER_CHANGES, batch = "true")
    void onChanges(List<ConsumerRecord<String, RosterChangeEvent>> records) {
        List<RosterChangeEvent> events = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            RosterChangeEvent event = records.get(i).value();
            if (event == null) {
                runner.apply(events);
                throw new BatchListenerFailedException("unreadable roster change", i);
            }
            events.add(event);
        }
        runner.apply(events);
    }

    @KafkaListener(id = "mapper-commands", topics = Topics.COMMANDS,
            properties = "spring.json.value.default.type=com.rostersync.events.command.ApproveHold")
    void onCommand(ApproveHold command) {
        runner.approve(command);
    }
}
