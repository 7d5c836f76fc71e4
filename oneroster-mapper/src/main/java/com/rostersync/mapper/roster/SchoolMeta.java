package com.rostersync.mapper.roster;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.rostersync.events.EntityType;
import com.rostersync.events.command.DiscardHold;
import com.rostersync.events.cycle.TenantCycleRef;
import java.util.Map;
import java.util.Set;

/**
 * What the mapper remembers about a school besides its records: the last emitted snapshot's version and content hash,
 * whether an operator approved the held deletions (and how many: {@code approvedDeletions}, null for no bound), how
 * many deletions are held per type, and whether a completed cycle still waits to be processed (so a restart between
 * the marker and the snapshot loses nothing), and which tenant cycle that was ({@code tenantCycle}, passed on to the
 * snapshot and outcome so the publisher can upload each destination once per tenant cycle). {@code heldUpdates} and
 * {@code heldCreates} count the updates and creates the update and create thresholds hold. {@code discardRequested} is an
 * operator's discard the next cycle applies; {@code discarded} names the records whose held changes were discarded:
 * they stay as last published until the next full read of the source shows whether the change is still there.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SchoolMeta(
        long version,
        String contentHash,
        boolean holdApproved,
        Map<EntityType, Long> heldDeletions,
        boolean pendingCycle,
        Long approvedDeletions,
        TenantCycleRef tenantCycle,
        // Left out of the stored form while unused, so a school without holds or discards is stored as before.
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) Long heldUpdates,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) Long heldCreates,
        @JsonInclude(JsonInclude.Include.NON_NULL) DiscardHold discardRequested,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Set<String> discarded) {

    public SchoolMeta {
        heldDeletions = heldDeletions == null ? Map.of() : Map.copyOf(heldDeletions);
        heldUpdates = heldUpdates == null ? 0L : heldUpdates;
        heldCreates = heldCreates == null ? 0L : heldCreates;
        discarded = discarded == null ? Set.of() : Set.copyOf(discarded);
    }

    /** Metadata of a school with no discarded changes. */
    public SchoolMeta(
            long version,
            String contentHash,
            boolean holdApproved,
            Map<EntityType, Long> heldDeletions,
            boolean pendingCycle,
            Long approvedDeletions,
            TenantCycleRef tenantCycle,
            long heldUpdates,
            long heldCreates) {
        this(
                version,
                contentHash,
                holdApproved,
                heldDeletions,
                pendingCycle,
                approvedDeletions,
                tenantCycle,
                heldUpdates,
                heldCreates,
                null,
                Set.of());
    }

    /** Metadata of a school that holds no updates or creates. */
    public SchoolMeta(
            long version,
            String contentHash,
            boolean holdApproved,
            Map<EntityType, Long> heldDeletions,
            boolean pendingCycle,
            Long approvedDeletions,
            TenantCycleRef tenantCycle) {
        this(version, contentHash, holdApproved, heldDeletions, pendingCycle, approvedDeletions, tenantCycle, 0, 0);
    }

    /** Metadata outside any pending tenant cycle. */
    public SchoolMeta(
            long version,
            String contentHash,
            boolean holdApproved,
            Map<EntityType, Long> heldDeletions,
            boolean pendingCycle,
            Long approvedDeletions) {
        this(version, contentHash, holdApproved, heldDeletions, pendingCycle, approvedDeletions, null);
    }

    public static SchoolMeta initial() {
        return new SchoolMeta(0, null, false, Map.of(), false, null);
    }

    public long heldTotal() {
        return heldDeletions.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Whether any change (archive, update or create) waits for an operator. */
    public boolean holdsChanges() {
        return heldTotal() > 0 || heldUpdates > 0 || heldCreates > 0;
    }

    /** The same metadata, holding {@code updates} updates and {@code creates} creates. */
    public SchoolMeta withHeldChanges(long updates, long creates) {
        return new SchoolMeta(
                version,
                contentHash,
                holdApproved,
                heldDeletions,
                pendingCycle,
                approvedDeletions,
                tenantCycle,
                updates,
                creates,
                discardRequested,
                discarded);
    }

    public SchoolMeta withPendingCycle(boolean pending) {
        return new SchoolMeta(
                version,
                contentHash,
                holdApproved,
                heldDeletions,
                pending,
                approvedDeletions,
                tenantCycle,
                heldUpdates,
                heldCreates,
                discardRequested,
                discarded);
    }

    /** The completed cycle waiting to be processed belongs to {@code cycle} (null: not known). */
    public SchoolMeta withTenantCycle(TenantCycleRef cycle) {
        return new SchoolMeta(
                version,
                contentHash,
                holdApproved,
                heldDeletions,
                pendingCycle,
                approvedDeletions,
                cycle,
                heldUpdates,
                heldCreates,
                discardRequested,
                discarded);
    }

    /** An operator asked to discard what the school holds; the next cycle drops it (see SchoolCyclePlanner). */
    public SchoolMeta withDiscardRequested(DiscardHold command) {
        return new SchoolMeta(
                version,
                contentHash,
                holdApproved,
                heldDeletions,
                pendingCycle,
                approvedDeletions,
                tenantCycle,
                heldUpdates,
                heldCreates,
                command,
                discarded);
    }

    /** The records ({@link RecordKey#text()}) whose changes were discarded: kept as last published, and no request. */
    public SchoolMeta withDiscarded(Set<String> keys) {
        return new SchoolMeta(
                version,
                contentHash,
                holdApproved,
                heldDeletions,
                pendingCycle,
                approvedDeletions,
                tenantCycle,
                heldUpdates,
                heldCreates,
                null,
                keys);
    }

    /** A full read of the source happened: discarded changes still there are proposed again; a request stays. */
    public SchoolMeta afterFullRead() {
        return new SchoolMeta(
                version,
                contentHash,
                holdApproved,
                heldDeletions,
                pendingCycle,
                approvedDeletions,
                tenantCycle,
                heldUpdates,
                heldCreates,
                discardRequested,
                Set.of());
    }

    /** An operator approved up to {@code deletions} held deletions (null: however many are held); see HoldApproval. */
    public SchoolMeta withHoldApproved(Long deletions) {
        return new SchoolMeta(
                version,
                contentHash,
                true,
                heldDeletions,
                pendingCycle,
                deletions,
                tenantCycle,
                heldUpdates,
                heldCreates,
                discardRequested,
                discarded);
    }
}
