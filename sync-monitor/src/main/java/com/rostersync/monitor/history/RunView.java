package com.rostersync.monitor.history;

import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.events.outcome.Stage;
import com.rostersync.events.run.RunCounts;
import com.rostersync.events.run.RunRecorded;
import com.rostersync.events.run.UploadedFile;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One run as the API shows it. {@code unit} names the unit of work ("MAP/maple/MMS"); {@code changes} is the link to
 * its change report, null when the run has none.
 */
record RunView(
        String runId,
        Stage stage,
        String unit,
        String tenantId,
        String schoolId,
        String destinationId,
        String tenantCycleId,
        Instant startedAt,
        Instant finishedAt,
        Long durationMillis,
        OutcomeReason reason,
        boolean failure,
        RunCounts counts,
        List<UploadedFile> files,
        String message,
        String changes) {

    static RunView of(RunRecorded run, boolean hasChanges) {
        String scope = run.schoolId() != null ? run.schoolId() : run.destinationId();
        Long duration = run.startedAt() == null || run.finishedAt() == null
                ? null
                : Duration.between(run.startedAt(), run.finishedAt()).toMillis();
        return new RunView(
                run.runId(),
                run.stage(),
                run.stage() + "/" + run.tenantId() + (scope == null ? "" : "/" + scope),
                run.tenantId(),
                run.schoolId(),
                run.destinationId(),
                run.tenantCycle() == null ? null : run.tenantCycle().cycleId(),
                run.startedAt(),
                run.finishedAt(),
                duration,
                run.reason(),
                run.reason() != null && run.reason().isFailure(),
                run.counts(),
                run.files(),
                run.message(),
                hasChanges ? "/api/runs/" + run.runId() + "/changes.csv" : null);
    }
}
