package com.rostersync.extractor.cycle;

import com.rostersync.events.cycle.RosterChangeEvent;
import com.rostersync.events.outcome.SyncOutcome;
import com.rostersync.events.run.RunRecorded;
import com.rostersync.extractor.change.Change;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where a cycle's results go. Sends are asynchronous so that many schools share the broker round trips; each future
 * completes once the broker acknowledged everything it covers, or fails.
 */
public interface CyclePublisher {

    /** One school's record events then its CycleCompleted, all with the school's key, in this order. */
    CompletableFuture<Void> publishChanges(String tenantId, String schoolId, List<RosterChangeEvent> events);

    /** The new hashes (tombstones for deletes) of changes already published. */
    CompletableFuture<Void> recordState(String tenantId, String schoolId, List<Change> changes);

    /** The cycle's outcome for the monitor. */
    CompletableFuture<Void> publishOutcome(SyncOutcome outcome);

    /** The cycle's run for the sync history. */
    CompletableFuture<Void> publishRun(RunRecorded run);
}
