package com.rostersync.publisher;

import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.events.outcome.SyncOutcome;
import com.rostersync.events.run.RunRecorded;
import com.rostersync.publisher.publish.OutcomeSink;
import com.rostersync.publisher.publish.PublishedState;
import com.rostersync.publisher.publish.PublishedStateStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every outcome, run and saved state in memory, for tests of the coordinator without Kafka. */
public final class RecordingOutcomes implements OutcomeSink, PublishedStateStore {

    private final List<SyncOutcome> outcomes = new CopyOnWriteArrayList<>();
    private final List<PublishedState> states = new CopyOnWriteArrayList<>();
    private final List<RunRecorded> runs = new CopyOnWriteArrayList<>();

    @Override
    public void send(SyncOutcome outcome) {
        outcomes.add(outcome);
    }

    @Override
    public void record(RunRecorded run) {
        runs.add(run);
    }

    public List<RunRecorded> runs() {
        return List.copyOf(runs);
    }

    @Override
    public void save(PublishedState state) {
        states.add(state);
    }

    public List<SyncOutcome> all() {
        return List.copyOf(outcomes);
    }

    public List<SyncOutcome> of(String destinationId) {
        return outcomes.stream()
                .filter(o -> destinationId.equals(o.destinationId()))
                .toList();
    }

    public List<SyncOutcome> of(String destinationId, OutcomeReason reason) {
        return of(destinationId).stream().filter(o -> o.reason() == reason).toList();
    }

    public List<PublishedState> states() {
        return List.copyOf(states);
    }
}
