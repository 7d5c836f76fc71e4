package com.rostersync.extractor.source;

import com.rostersync.events.EntityType;
import com.rostersync.events.outcome.FileFailure;
import com.rostersync.events.roster.RosterRecord;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one read of a tenant's source found. {@code recordsBySchool} is already school-scoped (a person in two schools
 * is in both lists). {@code carriedForward} lists entity types whose source part failed, in whole or in rows we could
 * not identify: none of their records may be deleted this cycle. {@code carriedForwardIds} names single records whose
 * row was broken: they are neither updated nor deleted. {@code foundSchoolIds} are the configured schools the source
 * has; {@code null} when the source cannot tell (its schools file failed), in which case none counts as missing.
 */
public record SourceRead(
        Map<String, List<RosterRecord>> recordsBySchool,
        Set<String> foundSchoolIds,
        Set<EntityType> carriedForward,
        Map<EntityType, Set<String>> carriedForwardIds,
        List<FileFailure> fileFailures,
        Map<EntityType, Long> recordsRead) {

    public SourceRead {
        recordsBySchool = Map.copyOf(recordsBySchool);
        carriedForward = Set.copyOf(carriedForward);
        carriedForwardIds = Map.copyOf(carriedForwardIds);
        fileFailures = List.copyOf(fileFailures);
        recordsRead = Map.copyOf(recordsRead);
    }

    public List<RosterRecord> recordsOf(String schoolId) {
        return recordsBySchool.getOrDefault(schoolId, List.of());
    }
}
