package com.rostersync.extractor.cycle;

import com.rostersync.events.cycle.RosterChangeEvent;
import com.rostersync.events.outcome.SyncOutcome;
import com.rostersync.extractor.change.Change;
import java.util.List;

/** Where a cycle's results go. Each call returns only once the broker acknowledged everything, or throws. */
public interface CyclePublisher {

    /** One school's record events then its CycleCompleted, all with the school's key, in this order. */
    void publishChanges(String tenantId, String schoolId, List<RosterChangeEvent> events);

    /** The new hashes (tombstones for deletes) of changes already published. */
    void recordState(String tenantId, String schoolId, List<Change> changes);

    void publishOutcome(SyncOutcome outcome);
}
