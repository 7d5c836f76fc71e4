package com.rostersync.extractor.change;

import com.rostersync.events.EntityType;
import com.rostersync.events.cycle.ChangeKind;
import com.rostersync.events.roster.RosterRecord;

/** One record to publish: an upsert with its new record and hash, or a delete (record and hash null). */
public record Change(ChangeKind kind, EntityType type, String sourcedId, String hash, RosterRecord record) {}
