package com.rostersync.mapper.roster;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.rostersync.events.EntityType;
import java.util.Map;

/**
 * What the mapper remembers about a school besides its records: the last emitted snapshot's version and content hash,
 * whether an operator approved the held deletions (and how many: {@code approvedDeletions}, null for no bound), how
 * many deletions are held per type, and whether a completed cycle still waits to be processed (so a restart between
 * the marker and the snapshot loses nothing).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SchoolMeta(
        long version,
        String contentHash,
        boolean holdApproved,
        Map<EntityType, Long> heldDeletions,
        boolean pendingCycle,
        Long approvedDeletions) {

    public SchoolMeta {
        heldDeletions = heldDeletions == null ? Map.of() : Map.copyOf(heldDeletions);
    }

    public static SchoolMeta initial() {
        return new SchoolMeta(0, null, false, Map.of(), false, null);
    }

    public long heldTotal() {
        return heldDeletions.values().stream().mapToLong(Long::longValue).sum();
    }

    public SchoolMeta withPendingCycle(boolean pending) {
        return new SchoolMeta(version, contentHash, holdApproved, heldDeletions, pending, approvedDeletions);
    }

    /** An operator approved up to {@code deletions} held deletions (null: however many are held); see HoldApproval. */
    public SchoolMeta withHoldApproved(Long deletions) {
        return new SchoolMeta(version, contentHash, true, heldDeletions, pendingCycle, deletions);
    }
}
