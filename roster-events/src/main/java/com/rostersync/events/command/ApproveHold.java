package com.rostersync.events.command;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * Command to the mapper: let the deletions currently held for this school go through in the next snapshot.
 * Sent by the monitor's approval API on {@link com.rostersync.events.Topics#COMMANDS}, keyed by school.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ApproveHold(
        int schemaVersion, String commandId, String tenantId, String schoolId, String approvedBy, Instant approvedAt) {}
