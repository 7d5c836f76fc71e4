package com.rostersync.mapper.state;

import com.rostersync.events.Keys;
import com.rostersync.mapper.roster.RecordKey;
import com.rostersync.mapper.roster.SchoolRoster;
import java.util.LinkedHashMap;
import java.util.Map;

/** Rebuilds schools' rosters from stored entries: each entry names its school, slot and record, so values suffice. */
public final class SchoolStateFold {

    private SchoolStateFold() {}

    public static Map<String, SchoolRoster> fold(Iterable<StateEntry> entries) {
        Map<String, SchoolRoster> rosters = new LinkedHashMap<>();
        SchoolRoster last = null;
        for (StateEntry entry : entries) {
            // A school's entries come one after another: a key built for each was 2% of run W's samples
            // (benchmarks.md).
            SchoolRoster roster = last != null
                            && last.schoolId().equals(entry.schoolId())
                            && last.tenantId().equals(entry.tenantId())
                    ? last
                    : rosters.computeIfAbsent(
                            Keys.school(entry.tenantId(), entry.schoolId()),
                            k -> new SchoolRoster(entry.tenantId(), entry.schoolId()));
            last = roster;
            switch (entry.slot()) {
                case CURRENT ->
                    roster.current().put(new RecordKey(entry.entityType(), entry.sourcedId()), entry.record());
                case PUBLISHED ->
                    roster.published().put(new RecordKey(entry.entityType(), entry.sourcedId()), entry.record());
                case META -> roster.meta(entry.meta());
            }
        }
        return rosters;
    }
}
