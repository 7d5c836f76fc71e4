package com.rostersync.events.command;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.rostersync.events.SchemaVersion;
import java.time.Instant;

/**
 * Command to the mapper: let the deletions currently held for this school go through in the next snapshot.
 * Sent by the monitor's approval API on {@link com.rostersync.events.Topics#COMMANDS}, keyed by school.
 *
 * <p>{@code deletions} is how many held deletions the operator saw and approved. If more are held when the mapper
 * applies the approval, it releases none of them and keeps holding, so an approval never lets through deletions that
 * nobody saw. Null (commands from before the field existed) approves whatever is held.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ApproveHold(
        int schemaVersion,
        String commandId,
        String tenantId,
        String schoolId,
        String approvedBy,
        Instant approvedAt,
        Long deletions,
        Integer schemaMinor) {

    /** Written before revisions were on the wire: revision 0 of its major version. */
    public ApproveHold {
        schemaMinor = schemaMinor == null ? 0 : schemaMinor;
    }
    /** As written at {@link SchemaVersion#MINOR}, the revision this build writes. */
    public ApproveHold(
            int schemaVersion,
            String commandId,
            String tenantId,
            String schoolId,
            String approvedBy,
            Instant approvedAt,
            Long deletions) {
        this(schemaVersion, commandId, tenantId, schoolId, approvedBy, approvedAt, deletions, SchemaVersion.MINOR);
    }
}
