package com.rostersync.events.command;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.rostersync.events.SchemaVersion;
import java.time.Instant;

/**
 * Command to the mapper: drop the changes held for this school from its pending change. The records stay in the files
 * as they are; a held archive is proposed again only if the source still lacks the record after the next full read.
 * Sent by the monitor on {@link com.rostersync.events.Topics#COMMANDS}, keyed by school, with the operator's reason.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DiscardHold(
        int schemaVersion,
        String commandId,
        String tenantId,
        String schoolId,
        String discardedBy,
        Instant discardedAt,
        String reason,
        Integer schemaMinor) {

    public DiscardHold {
        schemaMinor = schemaMinor == null ? 0 : schemaMinor;
    }

    /** As written at {@link SchemaVersion#MINOR}, the revision this build writes. */
    public DiscardHold(
            String commandId,
            String tenantId,
            String schoolId,
            String discardedBy,
            Instant discardedAt,
            String reason) {
        this(
                SchemaVersion.CURRENT,
                commandId,
                tenantId,
                schoolId,
                discardedBy,
                discardedAt,
                reason,
                SchemaVersion.MINOR);
    }
}
