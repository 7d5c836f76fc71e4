package com.rostersync.publisher.publish;

import com.rostersync.events.cycle.TenantCycleRef;
import com.rostersync.events.outcome.Stage;
import com.rostersync.events.outcome.SyncOutcome;
import com.rostersync.events.run.RunCounts;
import com.rostersync.events.run.RunRecorded;
import com.rostersync.events.run.UploadedFile;
import com.rostersync.events.snapshot.SchoolSnapshot;
import com.rostersync.publisher.merge.MergedFileSet;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sync history of each upload decision: one run per outcome a destination reports, with when its attempt began,
 * the tenant cycle of the snapshots it covered, and the file set it left in the destination (sent or kept in place)
 * with each size and SHA-256. A destination has one attempt at a time, so the attempt's details wait here, keyed by
 * destination, until its outcome.
 */
final class PublishRuns {

    private final Map<String, Attempt> attempts = new ConcurrentHashMap<>();

    /** A retry of the same upload keeps the start of its first attempt. */
    void begin(String destinationId, Instant startedAt, List<SchoolSnapshot> covered, boolean retry) {
        TenantCycleRef cycle = covered.stream()
                .map(SchoolSnapshot::tenantCycle)
                .filter(Objects::nonNull)
                .max(Comparator.comparing(TenantCycleRef::startedAt))
                .orElse(null);
        attempts.compute(
                destinationId,
                (id, earlier) ->
                        new Attempt(retry && earlier != null ? earlier.startedAt() : startedAt, cycle, List.of()));
    }

    void uploaded(String destinationId, MergedFileSet files) {
        List<UploadedFile> uploaded = files.files().stream()
                .map(file -> new UploadedFile(file.name(), files.size(file.name()), files.sha256(file.name())))
                .toList();
        attempts.compute(
                destinationId,
                (id, attempt) -> attempt == null
                        ? new Attempt(null, null, uploaded)
                        : new Attempt(attempt.startedAt(), attempt.cycle(), uploaded));
    }

    /** The run an outcome closes; the attempt's details are used once. */
    RunRecorded finish(SyncOutcome outcome) {
        Attempt attempt = attempts.remove(outcome.destinationId());
        Instant started = attempt == null || attempt.startedAt() == null ? outcome.occurredAt() : attempt.startedAt();
        return new RunRecorded(
                "publish-" + UUID.randomUUID(),
                Stage.PUBLISH,
                outcome.tenantId(),
                null,
                outcome.destinationId(),
                attempt == null ? outcome.tenantCycle() : attempt.cycle(),
                started,
                outcome.occurredAt(),
                outcome.reason(),
                RunCounts.NONE,
                attempt == null ? List.of() : attempt.files(),
                outcome.message());
    }

    private record Attempt(Instant startedAt, TenantCycleRef cycle, List<UploadedFile> files) {}
}
