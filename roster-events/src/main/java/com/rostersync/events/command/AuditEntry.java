package com.rostersync.events.command;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.rostersync.events.SchemaVersion;
import java.time.Instant;

/**
 * Who did what through an operator API, and when. {@code action} is a fixed verb such as {@code APPROVE_HOLD} or
 * {@code DISCARD_HOLD}; {@code note} is the operator's own reason, required for a discard (since revision 1.2).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AuditEntry(
        int schemaVersion,
        String auditId,
        Instant at,
        String actor,
        String action,
        String tenantId,
        String schoolId,
        String commandId,
        String note,
        Integer schemaMinor) {

    /** Written before revisions were on the wire: revision 0 of its major version. */
    public AuditEntry {
        schemaMinor = schemaMinor == null ? 0 : schemaMinor;
    }
    /** As written at {@link SchemaVersion#MINOR}, the revision this build writes. */
    public AuditEntry(
            int schemaVersion,
            String auditId,
            Instant at,
            String actor,
            String action,
            String tenantId,
            String schoolId,
            String commandId) {
        this(schemaVersion, auditId, at, actor, action, tenantId, schoolId, commandId, null, SchemaVersion.MINOR);
    }
}
