package com.rostersync.events.cycle;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.rostersync.events.EntityType;
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
        Instant observedAt)
        implements RosterChangeEvent {}
