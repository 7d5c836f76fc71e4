package com.rostersync.extractor.cycle;

import com.rostersync.events.cycle.TenantCycleRef;
import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.events.outcome.Stage;
import com.rostersync.events.outcome.SyncOutcome;
import com.rostersync.events.run.RunCounts;
import com.rostersync.events.run.RunRecorded;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which tenant cycles go into the sync history. A quiet cycle (nothing changed, the same reason as the tenant's last
 * recorded run) is not recorded again, so an idle district does not flood the history with identical runs; its next
 * change or a new reason is. What was last recorded is kept in memory, so the first cycle after a start is recorded.
 */
final class ExtractRuns {

    private final Map<String, OutcomeReason> lastRecorded = new ConcurrentHashMap<>();

    /** The run of a finished cycle, or empty when it is a quiet repeat of the last recorded one. */
    Optional<RunRecorded> of(
            SyncOutcome outcome, String cycleId, Instant startedAt, List<String> schools, RunCounts counts) {
        boolean quiet = counts.created() == 0 && counts.updated() == 0 && counts.archived() == 0;
        OutcomeReason last = lastRecorded.get(outcome.tenantId());
        if (quiet && last == outcome.reason()) {
            return Optional.empty();
        }
        return Optional.of(new RunRecorded(
                "extract-" + cycleId,
                Stage.EXTRACT,
                outcome.tenantId(),
                null,
                null,
                new TenantCycleRef(cycleId, startedAt, schools),
                startedAt,
                outcome.occurredAt(),
                outcome.reason(),
                counts,
                List.of(),
                outcome.message()));
    }

    /** The run reached the history: a quiet cycle with its reason is not recorded again. */
    void recorded(RunRecorded run) {
        lastRecorded.put(run.tenantId(), run.reason());
    }
}
