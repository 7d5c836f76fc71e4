package com.rostersync.extractor.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.rostersync.events.EntityType;
import com.rostersync.events.cycle.CycleCompleted;
import com.rostersync.events.cycle.RecordChanged;
import com.rostersync.events.cycle.RosterChangeEvent;
import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.events.outcome.Stage;
import com.rostersync.events.outcome.SyncOutcome;
import com.rostersync.events.roster.RosterRecord;
import com.rostersync.events.roster.School;
import com.rostersync.events.run.RunCounts;
import com.rostersync.events.run.RunRecorded;
import com.rostersync.extractor.change.Change;
import com.rostersync.extractor.change.ChangeDetector;
import com.rostersync.extractor.change.ContentHasher;
import com.rostersync.extractor.change.HashState;
import com.rostersync.extractor.source.SourceRead;
import com.rostersync.extractor.support.Tenants;
import com.rostersync.tenants.Tenant;
import com.rostersync.testsupport.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The cycle's bookkeeping with an in-memory publisher: what moves the hashes, and when CycleCompleted is sent. */
class TenantCycleTest {

    final Tenant tenant = Tenants.folderDrop("t", "/unused", List.of("S1", "S2"));
    final HashState state = new HashState();
    final RecordingPublisher publisher = new RecordingPublisher();
    List<RosterRecord> s1 = List.of(new School("S1", "One", null, null, null));
    boolean sourceDown;
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T08:00:00Z"));
    final TenantCycle cycle = new TenantCycle(
            t -> tenant -> {
                if (sourceDown) {
                    throw new IllegalStateException("connection refused");
                }
                return new SourceRead(
                        Map.of("S1", s1, "S2", List.of(new School("S2", "Two", null, null, null))),
                        Set.of("S1", "S2"),
                        Set.of(),
                        Map.of(),
                        List.of(),
                        Map.of(EntityType.SCHOOL, 2L));
            },
            new ChangeDetector(new ContentHasher()::hash),
            state,
            publisher,
            new SimpleMeterRegistry(),
            clock,
            Duration.ofSeconds(5),
            Duration.ofMinutes(1));

    @Test
    void unacknowledgedChangesDoNotMoveTheHashesAndAreSentAgainNextCycle() {
        publisher.failingSchool = "S1";
        cycle.run(tenant);
        assertThat(state.school("t", "S1").isEmpty()).isTrue();
        assertThat(state.school("t", "S2").ids(EntityType.SCHOOL)).contains("S2");
        assertThat(publisher.states).extracting(r -> r.schoolId).containsExactly("S2");

        publisher.failingSchool = null;
        publisher.events.clear();
        cycle.run(tenant);
        assertThat(publisher.events)
                .filteredOn(RecordChanged.class::isInstance)
                .extracting(RosterChangeEvent::schoolId)
                .containsExactly("S1");
    }

    @Test
    void everyMarkerOfACycleNamesAllSchoolsThatCycleChanged() {
        cycle.run(tenant);
        assertThat(publisher.events)
                .filteredOn(CycleCompleted.class::isInstance)
                .map(e -> ((CycleCompleted) e).tenantCycle().schoolIds())
                .containsExactly(List.of("S1", "S2"), List.of("S1", "S2"));
        publisher.events.clear();

        s1 = List.of(new School("S1", "One renamed", null, null, null));
        cycle.run(tenant);
        CycleCompleted marker = (CycleCompleted) publisher.events.get(1);
        assertThat(marker.tenantCycle().schoolIds()).containsExactly("S1");
        assertThat(marker.tenantCycle().cycleId()).isEqualTo(marker.cycleId());
        assertThat(marker.tenantCycle().startedAt()).isEqualTo(marker.startedAt());
    }

    @Test
    void quietSchoolSendsCycleCompletedOnlyOnTheFirstCycleSinceStart() {
        SyncOutcome first = cycle.run(tenant);
        assertThat(first.counts())
                .as("summed over both schools")
                .containsEntry("total.SCHOOL", 2L)
                .containsEntry("upserted", 2L)
                .containsEntry("deleted", 0L);
        publisher.events.clear();

        SyncOutcome quiet = cycle.run(tenant);
        assertThat(publisher.events).isEmpty();
        assertThat(quiet.counts())
                .containsEntry("total.SCHOOL", 2L)
                .containsEntry("upserted", 0L)
                .containsEntry("deleted", 0L);

        s1 = List.of(new School("S1", "One renamed", null, null, null));
        cycle.run(tenant);
        assertThat(publisher.events).extracting(RosterChangeEvent::schoolId).containsExactly("S1", "S1");
        assertThat(publisher.events.get(1)).isInstanceOf(CycleCompleted.class);
    }

    @Test
    void recordsEachCycleThatChangedSomethingAsAnExtractRunCountingCreatesAndUpdates() {
        SyncOutcome first = cycle.run(tenant);
        s1 = List.of(new School("S1", "One renamed", null, null, null));
        cycle.run(tenant);

        assertThat(publisher.runs).hasSize(2);
        RunRecorded created = publisher.runs.get(0);
        assertThat(created.stage()).isEqualTo(Stage.EXTRACT);
        assertThat(created.tenantId()).isEqualTo("t");
        assertThat(created.schoolId()).isNull();
        assertThat(created.reason()).isEqualTo(first.reason());
        assertThat(created.counts()).isEqualTo(new RunCounts(2, 0, 0, 0, 0));
        assertThat(created.finishedAt()).isEqualTo(first.occurredAt());
        RunRecorded updated = publisher.runs.get(1);
        assertThat(updated.counts()).isEqualTo(new RunCounts(0, 1, 0, 0, 0));
        assertThat(updated.tenantCycle().schoolIds()).containsExactly("S1");
        assertThat(updated.runId()).isNotEqualTo(created.runId());
    }

    @Test
    void aQuietCycleIsRecordedOnlyWhenItsReasonDiffersFromTheLastRecordedRun() {
        cycle.run(tenant);
        cycle.run(tenant);
        cycle.run(tenant);
        assertThat(publisher.runs).as("idle cycles do not flood the history").hasSize(1);

        sourceDown = true;
        cycle.run(tenant);
        cycle.run(tenant);
        assertThat(publisher.runs)
                .extracting(RunRecorded::reason)
                .containsExactly(OutcomeReason.CYCLE_COMPLETED, OutcomeReason.SOURCE_UNAVAILABLE);

        sourceDown = false;
        cycle.run(tenant);
        assertThat(publisher.runs)
                .extracting(RunRecorded::reason)
                .containsExactly(
                        OutcomeReason.CYCLE_COMPLETED, OutcomeReason.SOURCE_UNAVAILABLE, OutcomeReason.CYCLE_COMPLETED);
        assertThat(publisher.runs.get(2).counts()).isEqualTo(RunCounts.NONE);
    }

    @Test
    void repeatedOutcomesAreReportedOncePerIntervalWhileChangesFailuresAndRecoveriesAreReportedAtOnce() {
        cycle.run(tenant);
        cycle.run(tenant);
        cycle.run(tenant);
        assertThat(publisher.outcomes).as("the first cycle only").hasSize(1);

        clock.advance(Duration.ofSeconds(61));
        cycle.run(tenant);
        cycle.run(tenant);
        assertThat(publisher.outcomes).as("one quiet report per minute").hasSize(2);

        s1 = List.of(new School("S1", "One renamed", null, null, null));
        cycle.run(tenant);
        assertThat(publisher.outcomes).as("a change at once").hasSize(3);

        sourceDown = true;
        cycle.run(tenant);
        cycle.run(tenant);
        assertThat(publisher.outcomes).as("the failure at once, its repeat not").hasSize(4);
        clock.advance(Duration.ofSeconds(61));
        cycle.run(tenant);
        assertThat(publisher.outcomes).as("the failure again after a minute").hasSize(5);
        assertThat(publisher.outcomes.get(4).reason()).isEqualTo(OutcomeReason.SOURCE_UNAVAILABLE);

        sourceDown = false;
        cycle.run(tenant);
        cycle.run(tenant);
        assertThat(publisher.outcomes)
                .as("the recovery at once, then quiet again")
                .hasSize(6);
        assertThat(publisher.outcomes.get(5).reason()).isEqualTo(OutcomeReason.CYCLE_COMPLETED);
    }

    @Test
    void aCycleInterruptedForOverrunningStillReportsTheSourceAsUnavailable() {
        TenantCycle hanging = new TenantCycle(
                t -> tenant -> {
                    Thread.currentThread().interrupt(); // what the scheduler does to an overrunning cycle
                    throw new IllegalStateException("query interrupted");
                },
                new ChangeDetector(new ContentHasher()::hash),
                state,
                publisher,
                new SimpleMeterRegistry(),
                Clock.systemUTC(),
                Duration.ofSeconds(5),
                Duration.ZERO);
        try {
            hanging.run(tenant);

            assertThat(publisher.outcomes).singleElement().satisfies(outcome -> {
                assertThat(outcome.reason()).isEqualTo(com.rostersync.events.outcome.OutcomeReason.SOURCE_UNAVAILABLE);
                assertThat(outcome.message()).contains("overran its time limit");
            });
            assertThat(Thread.currentThread().isInterrupted())
                    .as("interrupt restored for the pool")
                    .isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void theOutcomeAndTheRunOfACycleAreSentBeforeEitherIsAwaited() {
        // A broker that acknowledges the outcome only together with the run, as one batch would: waiting for the
        // outcome before sending the run never ends (here: the ack timeout, and no run).
        publisher.outcomeAcknowledgedWithTheRun = true;
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        TenantCycle batched = new TenantCycle(
                t -> tenant -> new SourceRead(
                        Map.of("S1", s1, "S2", List.of()),
                        Set.of("S1", "S2"),
                        Set.of(),
                        Map.of(),
                        List.of(),
                        Map.of(EntityType.SCHOOL, 1L)),
                new ChangeDetector(new ContentHasher()::hash),
                state,
                publisher,
                meters,
                clock,
                Duration.ofSeconds(2),
                Duration.ofMinutes(1));

        batched.run(tenant);

        assertThat(publisher.runs).singleElement().satisfies(run -> assertThat(run.reason())
                .isEqualTo(OutcomeReason.CYCLE_COMPLETED));
        assertThat(meters.counter("rostersync.outcomes.sent", "stage", "EXTRACT", "reason", "CYCLE_COMPLETED")
                        .count())
                .as("the outcome acknowledged")
                .isEqualTo(1.0);
    }

    private static final class RecordingPublisher implements CyclePublisher {
        final List<RosterChangeEvent> events = new ArrayList<>();
        final List<Recorded> states = new ArrayList<>();
        final List<SyncOutcome> outcomes = new ArrayList<>();
        final List<RunRecorded> runs = new ArrayList<>();
        String failingSchool;
        boolean outcomeAcknowledgedWithTheRun;
        CompletableFuture<Void> unacknowledgedOutcome = CompletableFuture.completedFuture(null);

        @Override
        public CompletableFuture<Void> publishChanges(String tenantId, String schoolId, List<RosterChangeEvent> sent) {
            if (schoolId.equals(failingSchool)) {
                return CompletableFuture.failedFuture(new IllegalStateException("broker down"));
            }
            events.addAll(sent);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> recordState(String tenantId, String schoolId, List<Change> changes) {
            states.add(new Recorded(schoolId, changes));
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> publishOutcome(SyncOutcome outcome) {
            if (Thread.currentThread().isInterrupted()) {
                throw new IllegalStateException("like KafkaProducer: no send from an interrupted thread");
            }
            outcomes.add(outcome);
            unacknowledgedOutcome = outcomeAcknowledgedWithTheRun ? new CompletableFuture<>() : unacknowledgedOutcome;
            return unacknowledgedOutcome;
        }

        @Override
        public CompletableFuture<Void> publishRun(RunRecorded run) {
            runs.add(run);
            unacknowledgedOutcome.complete(null);
            return CompletableFuture.completedFuture(null);
        }
    }

    private record Recorded(String schoolId, List<Change> changes) {}
}
