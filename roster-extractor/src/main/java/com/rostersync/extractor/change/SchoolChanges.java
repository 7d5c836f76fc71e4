package com.rostersync.extractor.change;

import com.rostersync.events.EntityType;
import com.rostersync.events.cycle.ChangeCounts;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One school's changes in one cycle, with the per-type counts its CycleCompleted carries. */
public record SchoolChanges(
        String schoolId, List<Change> changes, Map<EntityType, ChangeCounts> counts, Set<EntityType> carriedForward) {

    public SchoolChanges {
        changes = List.copyOf(changes);
        counts = Map.copyOf(counts);
        carriedForward = Set.copyOf(carriedForward);
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }
}
