package com.rostersync.events.cycle;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.rostersync.events.EntityType;
import com.rostersync.events.SchemaVersion;
import com.rostersync.events.roster.RosterRecord;
import java.time.Instant;

/**
 * One record that changed since the last cycle. {@code record} is null for a delete. {@code contentHash} is the
 * extractor's hash of the record, so consumers can tell a real change from a replay.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RecordChanged(
        int schemaVersion,
        String tenantId,
        String schoolId,
        String cycleId,
        ChangeKind kind,
        EntityType entityType,
        String sourcedId,
        String contentHash,
        RosterRecord record,
        Instant observedAt,
        Integer schemaMinor)
        implements RosterChangeEvent {

    /** Written before revisions were on the wire: revision 0 of its major version. */
    public RecordChanged {
        schemaMinor = schemaMinor == null ? 0 : schemaMinor;
    }
    /** As written at {@link SchemaVersion#MINOR}, the revision this build writes. */
    public RecordChanged(
            int schemaVersion,
            String tenantId,
            String schoolId,
            String cycleId,
            ChangeKind kind,
            EntityType entityType,
            String sourcedId,
            String contentHash,
            RosterRecord record,
            Instant observedAt) {
        this(
                schemaVersion,
                tenantId,
                schoolId,
                cycleId,
                kind,
                entityType,
                sourcedId,
                contentHash,
                record,
                observedAt,
                SchemaVersion.MINOR);
    }
}
