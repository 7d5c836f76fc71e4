package com.rostersync.mapper.validation;

import com.rostersync.events.outcome.ValidationIssue;
import com.rostersync.events.roster.RosterRecord;
import com.rostersync.mapper.roster.RecordKey;
import java.util.List;
import java.util.Map;

/** The records a snapshot may contain (every reference resolves among them) and the issues of those left out. */
public record ValidatedRoster(Map<RecordKey, RosterRecord> records, List<ValidationIssue> issues) {}
