package com.rostersync.extractor.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.rostersync.events.EntityType;
import com.rostersync.events.cycle.CycleCompleted;
import com.rostersync.events.cycle.RecordChanged;
import com.rostersync.events.cycle.RosterChangeEvent;
import com.rostersync.events.outcome.SyncOutcome;
import com.rostersync.events.roster.RosterRecord;
import com.rostersync.events.roster.School;
import com.rostersync.extractor.change.Change;
import com.rostersync.extractor.change.ChangeDetector;
import com.rostersync.extractor.change.ContentHasher;
import com.rostersync.extractor.change.HashState;
import com.rostersync.extractor.source.SourceRead;
import com.rostersync.extractor.support.Tenants;
import com.rostersync.tenants.Tenant;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
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
    final TenantCycle cycle = new TenantCycle(
            t -> tenant -> new SourceRead(
                    Map.of("S1", s1, "S2", List.of(new School("S2", "Two", null, null, null))),
                    Set.of("S1", "S2"),
                    Set.of(),
                    Map.of(),
                    List.of(),
                    Map.of(EntityType.SCHOOL, 2L)),
            new ChangeDetector(new ContentHasher()::hash),
            state,
            publisher,
            new SimpleMeterRegistry(),
            Clock.systemUTC(),
            Duration.ofSeconds(5));

    @Test
    void unacknowledgedChangesDoNotMoveTheHashesAndAreSentAgainNextCycle() {
        publisher.failingSchool = "S1";
        cycle.run(tenant);
        assertThat(state.school("t", "S1")).isEmpty();
        assertThat(state.school("t", "S2").get(EntityType.SCHOOL)).containsKey("S2");
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
        cycle.run(tenant);
        publisher.events.clear();

        SyncOutcome quiet = cycle.run(tenant);
        assertThat(publisher.events).isEmpty();
        assertThat(quiet.counts()).containsEntry("total.SCHOOL", 2L);

        s1 = List.of(new School("S1", "One renamed", null, null, null));
        cycle.run(tenant);
        assertThat(publisher.events).extracting(RosterChangeEvent::schoolId).containsExactly("S1", "S1");
        assertThat(publisher.events.get(1)).isInstanceOf(CycleCompleted.class);
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
                Duration.ofSeconds(5));
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

    private static final class RecordingPublisher implements CyclePublisher {
        final List<RosterChangeEvent> events = new ArrayList<>();
        final List<Recorded> states = new ArrayList<>();
        final List<SyncOutcome> outcomes = new ArrayList<>();
        String failingSchool;

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
        public void publishOutcome(SyncOutcome outcome) {
            if (Thread.currentThread().isInterrupted()) {
                throw new IllegalStateException("like KafkaProducer: no send from an interrupted thread");
            }
            outcomes.add(outcome);
        }
    }

    private record Recorded(String schoolId, List<Change> changes) {}
}
