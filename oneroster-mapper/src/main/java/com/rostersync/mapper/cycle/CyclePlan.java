package com.rostersync.mapper.cycle;

import com.rostersync.events.outcome.SyncOutcome;
import com.rostersync.events.roster.RosterRecord;
import com.rostersync.events.snapshot.SchoolSnapshot;
import com.rostersync.events.snapshot.SnapshotFile;
import com.rostersync.mapper.roster.RecordKey;
import com.rostersync.mapper.roster.SchoolMeta;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The result of processing one school cycle: the snapshot to emit (empty when nothing changed or the school itself is
 * not valid), the outcome to report, the school's new published records and metadata to store, and the files the
 * published records make (whether emitted or unchanged; none when the school itself is not valid).
 */
public record CyclePlan(
        Optional<SchoolSnapshot> snapshot,
        SyncOutcome outcome,
        Map<RecordKey, RosterRecord> published,
        SchoolMeta meta,
        List<SnapshotFile> files) {}
