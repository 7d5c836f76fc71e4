package com.rostersync.events.command;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/** Who did what through an operator API, and when. {@code action} is a fixed verb such as {@code APPROVE_HOLD}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AuditEntry(
        int schemaVersion,
        String auditId,
        Instant at,
        String actor,
        String action,
        String tenantId,
        String schoolId,
        String commandId) {}
