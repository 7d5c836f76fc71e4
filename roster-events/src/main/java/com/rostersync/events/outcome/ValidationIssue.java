package com.rostersync.events.outcome;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A record left out of a snapshot: file, sourcedId, field and the rule it broke. Never the field's value. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ValidationIssue(String file, String sourcedId, String field, String problem) {}
