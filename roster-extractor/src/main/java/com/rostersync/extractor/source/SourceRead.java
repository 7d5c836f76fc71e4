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
 *
 * <p>{@code absentIds} is null when {@code recordsBySchool} holds every record (a full read): then a published record
 * missing from it is a deletion. An incremental read holds only the records that may have changed, and
 * {@code absentIds} names, per school and type, the published records it found gone from that school: only those are
 * deletions. {@code commit} is run once the cycle's changes were published: only then may the source read on from
 * this read's position next time.
 */
public record SourceRead(
        Map<String, List<RosterRecord>> recordsBySchool,
        Set<String> foundSchoolIds,
        Set<EntityType> carriedForward,
        Map<EntityType, Set<String>> carriedForwardIds,
        List<FileFailure> fileFailures,
        Map<EntityType, Long> recordsRead,
        Map<String, Map<EntityType, Set<String>>> absentIds,
        Runnable commit) {

    public SourceRead {
        recordsBySchool = Map.copyOf(recordsBySchool);
        carriedForward = Set.copyOf(carriedForward);
        carriedForwardIds = Map.copyOf(carriedForwardIds);
        fileFailures = List.copyOf(fileFailures);
        recordsRead = Map.copyOf(recordsRead);
        commit = commit == null ? () -> {} : commit;
    }

    /** A full read: every record of the source is in {@code recordsBySchool}. */
    public SourceRead(
            Map<String, List<RosterRecord>> recordsBySchool,
            Set<String> foundSchoolIds,
            Set<EntityType> carriedForward,
            Map<EntityType, Set<String>> carriedForwardIds,
            List<FileFailure> fileFailures,
            Map<EntityType, Long> recordsRead) {
        this(recordsBySchool, foundSchoolIds, carriedForward, carriedForwardIds, fileFailures, recordsRead, null, null);
    }

    /** This read, to be followed by {@code commit} once its changes are published. */
    public SourceRead withCommit(Runnable then) {
        return new SourceRead(
                recordsBySchool,
                foundSchoolIds,
                carriedForward,
                carriedForwardIds,
                fileFailures,
                recordsRead,
                absentIds,
                then);
    }

    public List<RosterRecord> recordsOf(String schoolId) {
        return recordsBySchool.getOrDefault(schoolId, List.of());
    }

    public boolean complete() {
        return absentIds == null;
    }

    /** The published ids found gone from one school, by type; null after a full read (then the records say it). */
    public Map<EntityType, Set<String>> absentIdsOf(String schoolId) {
        return absentIds == null ? null : absentIds.getOrDefault(schoolId, Map.of());
    }
}
