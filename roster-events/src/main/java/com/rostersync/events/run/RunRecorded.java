package com.rostersync.events.run;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.rostersync.events.SchemaVersion;
import com.rostersync.events.cycle.TenantCycleRef;
import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.events.outcome.Stage;
import java.time.Instant;
import java.util.List;

/**
 * What one unit of work did, for the sync history: an extract of a tenant ({@code schoolId} and {@code destinationId}
 * null), a map of a school ({@code schoolId} set) or a publish to a destination ({@code destinationId} set). Sent on
 * {@link com.rostersync.events.Topics#RUNS}, keyed by tenant id, and kept for the history's retention.
 *
 * <p>Counts and file names, sizes and hashes only: a run never carries a record's values. A map run's per-record
 * detail is its {@link ChangeReport}, under the same {@code runId}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunRecorded(
        int schemaVersion,
        String runId,
        Stage stage,
        String tenantId,
        String schoolId,
        String destinationId,
        TenantCycleRef tenantCycle,
        Instant startedAt,
        Instant finishedAt,
        OutcomeReason reason,
        RunCounts counts,
        List<UploadedFile> files,
        String message,
        Integer schemaMinor) {

    public RunRecorded {
        files = files == null ? List.of() : List.copyOf(files);
        counts = counts == null ? RunCounts.NONE : counts;
        schemaMinor = schemaMinor == null ? 0 : schemaMinor;
    }

    /** As written at {@link SchemaVersion#MINOR}, the revision this build writes. */
    public RunRecorded(
            String runId,
            Stage stage,
            String tenantId,
            String schoolId,
            String destinationId,
            TenantCycleRef tenantCycle,
            Instant startedAt,
            Instant finishedAt,
            OutcomeReason reason,
            RunCounts counts,
            List<UploadedFile> files,
            String message) {
        this(
                SchemaVersion.CURRENT,
                runId,
                stage,
                tenantId,
                schoolId,
                destinationId,
                tenantCycle,
                startedAt,
                finishedAt,
                reason,
                counts,
                files,
                message,
                SchemaVersion.MINOR);
    }
}
