package com.rostersync.events.cycle;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.rostersync.events.EntityType;
import com.rostersync.events.SchemaVersion;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Closes one school's cycle: every change of {@code cycleId} for this school was published before it.
 * {@code carriedForward} lists entity types whose source part failed this cycle (a bad file); their records were
 * left exactly as last published, never deleted. {@code tenantCycle} names every school of the tenant's cycle (null
 * from an extractor that predates it). {@code fullRead} (since revision 1.2) says whether the cycle read the whole
 * source, so a record missing from the school is truly gone from it; false after an incremental read (change
 * tracking), null from an older extractor, which consumers treat as a full read.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CycleCompleted(
        int schemaVersion,
        String tenantId,
        String schoolId,
        String cycleId,
        Instant startedAt,
        Instant completedAt,
        Map<EntityType, ChangeCounts> counts,
        Set<EntityType> carriedForward,
        TenantCycleRef tenantCycle,
        Boolean fullRead,
        Integer schemaMinor)
        implements RosterChangeEvent {

    /** Written before revisions were on the wire: revision 0 of its major version. */
    public CycleCompleted {
        schemaMinor = schemaMinor == null ? 0 : schemaMinor;
    }

    /** As written at {@link SchemaVersion#MINOR}, the revision this build writes. */
    public CycleCompleted(
            int schemaVersion,
            String tenantId,
            String schoolId,
            String cycleId,
            Instant startedAt,
            Instant completedAt,
            Map<EntityType, ChangeCounts> counts,
            Set<EntityType> carriedForward,
            TenantCycleRef tenantCycle) {
        this(
                schemaVersion,
                tenantId,
                schoolId,
                cycleId,
                startedAt,
                completedAt,
                counts,
                carriedForward,
                tenantCycle,
                null,
                SchemaVersion.MINOR);
    }

    /** As written at {@link SchemaVersion#MINOR}, saying whether the cycle was a full read of the source. */
    public CycleCompleted(
            int schemaVersion,
            String tenantId,
            String schoolId,
            String cycleId,
            Instant startedAt,
            Instant completedAt,
            Map<EntityType, ChangeCounts> counts,
            Set<EntityType> carriedForward,
            TenantCycleRef tenantCycle,
            boolean fullRead) {
        this(
                schemaVersion,
                tenantId,
                schoolId,
                cycleId,
                startedAt,
                completedAt,
                counts,
                carriedForward,
                tenantCycle,
                fullRead,
                SchemaVersion.MINOR);
    }

    /** Whether the cycle read the whole source; an older extractor's marker (null) counts as one. */
    @JsonIgnore
    public boolean wasFullRead() {
        return fullRead == null || fullRead;
    }

    /** A marker without the tenant cycle's school list, as an older extractor sends it. */
    public CycleCompleted(
            int schemaVersion,
            String tenantId,
            String schoolId,
            String cycleId,
            Instant startedAt,
            Instant completedAt,
            Map<EntityType, ChangeCounts> counts,
            Set<EntityType> carriedForward) {
        this(
                schemaVersion,
                tenantId,
                schoolId,
                cycleId,
                startedAt,
                completedAt,
                counts,
                carriedForward,
                (TenantCycleRef) null);
    }
}
