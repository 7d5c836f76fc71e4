package com.rostersync.events.outcome;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A file that failed: its name, the line and field when known (0 and null otherwise), and a reason without PII. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FileFailure(String file, long line, String field, String reason) {}
