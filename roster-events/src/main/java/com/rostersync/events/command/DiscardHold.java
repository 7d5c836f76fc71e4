package com.rostersync.events.command;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.rostersync.events.SchemaVersion;
import java.time.Instant;

/**
 * Command to the mapper: drop the changes held for this school from its pending change. The records stay in the files
 * as they are; a held archive is proposed again only if the source still lacks the record after the next full read.
 * Sent by the monitor on {@link com.rostersync.events.Topics#COMMANDS}, keyed by school, with the operator's reason.
 *
 * <p>{@code deletions} is always 0. Commands share one topic without a type header, so a mapper from before discards
 * existed reads this as an {@link ApproveHold}; as an approval of zero deletions it releases nothing while anything is
 * held, so a discard can never become an approval during a rolling upgrade.
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
        Long deletions,
        Integer schemaMinor) {

    public DiscardHold {
        deletions = 0L;
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
                0L,
                SchemaVersion.MINOR);
    }
}
