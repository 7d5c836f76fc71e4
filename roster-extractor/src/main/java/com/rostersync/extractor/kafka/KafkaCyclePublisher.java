package com.rostersync.extractor.kafka;

import com.rostersync.events.Keys;
import com.rostersync.events.Topics;
import com.rostersync.events.cycle.ChangeKind;
import com.rostersync.events.cycle.RosterChangeEvent;
import com.rostersync.events.outcome.SyncOutcome;
import com.rostersync.events.run.RunRecorded;
import com.rostersync.extractor.change.Change;
import com.rostersync.extractor.cycle.CyclePublisher;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/**
 * Sends a cycle's results; the caller advances its hashes only for what the broker acknowledged. The idempotent
 * producer keeps one key's events in send order, which keeps a school's CycleCompleted behind its changes. The caller
 * awaits every future, within its call timeout.
 */
public final class KafkaCyclePublisher implements CyclePublisher {

    private final KafkaTemplate<String, Object> events;
    private final KafkaTemplate<String, Object> records;
    private final KafkaTemplate<String, String> state;

    /**
     * {@code events} sends outcomes and runs, observed as configured; the records and their hashes go through the same
     * producers unobserved: an observation per record was a fifth of the extractor's publishing at platform size.
     */
    public KafkaCyclePublisher(KafkaTemplate<String, Object> events, KafkaTemplate<String, String> state) {
        this.events = events;
        this.records = unobserved(events);
        this.state = unobserved(state);
    }

    private static <V> KafkaTemplate<String, V> unobserved(KafkaTemplate<String, V> template) {
        KafkaTemplate<String, V> plain = new KafkaTemplate<>(template.getProducerFactory());
        plain.setObservationEnabled(false);
        plain.setMicrometerEnabled(false);
        return plain;
    }

    @Override
    public CompletableFuture<Void> publishChanges(String tenantId, String schoolId, List<RosterChangeEvent> changes) {
        String key = Keys.school(tenantId, schoolId);
        List<CompletableFuture<SendResult<String, Object>>> sent = new ArrayList<>(changes.size());
        for (RosterChangeEvent event : changes) {
            sent.add(records.send(Topics.ROSTER_CHANGES, key, event));
        }
        return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new));
    }

    @Override
    public CompletableFuture<Void> recordState(String tenantId, String schoolId, List<Change> changes) {
        List<CompletableFuture<SendResult<String, String>>> sent = new ArrayList<>(changes.size());
        for (Change change : changes) {
            sent.add(state.send(
                    Topics.EXTRACTOR_STATE,
                    Keys.record(tenantId, schoolId, change.type(), change.sourcedId()),
                    change.kind() == ChangeKind.UPSERT ? change.hash() : null));
        }
        return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new));
    }

    @Override
    public CompletableFuture<Void> publishOutcome(SyncOutcome outcome) {
        return events.send(Topics.OUTCOMES, outcome.tenantId(), outcome).thenApply(acknowledged -> null);
    }

    @Override
    public CompletableFuture<Void> publishRun(RunRecorded run) {
        return events.send(Topics.RUNS, run.tenantId(), run).thenApply(acknowledged -> null);
    }
}
