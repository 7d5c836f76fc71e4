package com.rostersync.mapper.pipeline;

import com.rostersync.events.EntityType;
import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.events.outcome.Stage;
import com.rostersync.events.outcome.SyncOutcome;
import com.rostersync.events.outcome.ValidationIssue;
import com.rostersync.oneroster.OneRosterFile;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.springframework.stereotype.Component;

/** The mapper's agreed metrics: snapshots emitted, deletions held per entity, issues and outcomes. */
@Component
class MapperMetrics {

    private final MeterRegistry registry;
    private final Counter snapshotsEmitted;

    MapperMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.snapshotsEmitted = Counter.builder("rostersync.mapper.snapshots.emitted")
                .description("School snapshots emitted because their content changed")
                .register(registry);
        // Registered at zero so that dashboards and alert rules see the series before the first invalid record.
        for (OneRosterFile file : OneRosterFile.rosterFiles()) {
            validationIssues(file.fileName());
        }
        for (OutcomeReason reason : List.of(
                OutcomeReason.SNAPSHOT_READY,
                OutcomeReason.VALIDATION,
                OutcomeReason.THRESHOLD,
                OutcomeReason.ID_CHURN)) {
            registry.counter("rostersync.outcomes.sent", "stage", Stage.MAP.name(), "reason", reason.name());
        }
        cycles(true);
        cycles(false);
        snapshotFiles(true);
        snapshotFiles(false);
    }

    private Counter snapshotFiles(boolean sent) {
        return Counter.builder("rostersync.mapper.snapshot.files")
                .description("Files of emitted snapshots, sent as their own records (changed) or named by hash only")
                .tag("sent", sent ? "changed" : "unchanged")
                .register(registry);
    }

    /** A snapshot of {@code total} files went out with {@code changed} of them as records. */
    void schoolFilesSent(int changed, int total) {
        snapshotFiles(true).increment(changed);
        snapshotFiles(false).increment(total - changed);
    }

    private Counter cycles(boolean partial) {
        return Counter.builder("rostersync.mapper.cycles")
                .description("School cycles, planned from the changed types only (partial) or from every record")
                .tag("rebuild", partial ? "partial" : "full")
                .register(registry);
    }

    private Counter validationIssues(String file) {
        return Counter.builder("rostersync.mapper.validation.issues")
                .description("Records left out of snapshots because they are invalid")
                .tag("file", file)
                .register(registry);
    }

    /** One gauge per entity type, reading the held deletions summed over every school. */
    <T> void heldDeletions(T source, java.util.function.BiFunction<T, EntityType, Long> held) {
        for (EntityType type : EntityType.values()) {
            ToDoubleFunction<T> value = s -> held.apply(s, type);
            Gauge.builder("rostersync.mapper.deletions.held", source, value)
                    .tag("entity", type.name())
                    .description("Deletions currently held by the deletion threshold")
                    .register(registry);
        }
    }

    /** A school's cycle ran, planned from the types its changes touched ({@code partial}) or from every record. */
    void cycleRebuilt(boolean partial) {
        cycles(partial).increment();
    }

    void snapshotEmitted() {
        snapshotsEmitted.increment();
    }

    void outcomeSent(SyncOutcome outcome) {
        registry.counter(
                        "rostersync.outcomes.sent",
                        "stage",
                        outcome.stage().name(),
                        "reason",
                        outcome.reason().name())
                .increment();
        for (ValidationIssue issue : outcome.validationIssues()) {
            validationIssues(issue.file()).increment();
        }
    }
}
