package com.rostersync.extractor.source;

import com.rostersync.events.EntityType;
import com.rostersync.events.outcome.FileFailure;
import com.rostersync.events.roster.RosterRecord;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

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
 *
 * <p>{@code unread} lists the types a read left alone because nothing they are made from changed since the last
 * published read (a drop where only {@code users.csv} changed): their published records stand, none is updated or
 * deleted, and the types it did read are complete, so a published record of one of them that the read lacks is gone.
 */
public record SourceRead(
        Map<String, List<RosterRecord>> recordsBySchool,
        Set<String> foundSchoolIds,
        Set<EntityType> carriedForward,
        Map<EntityType, Set<String>> carriedForwardIds,
        List<FileFailure> fileFailures,
        Map<EntityType, Long> recordsRead,
        Map<String, Map<EntityType, Set<String>>> absentIds,
        Set<EntityType> unread,
        Runnable commit) {

    public SourceRead {
        recordsBySchool = Map.copyOf(recordsBySchool);
        carriedForward = Set.copyOf(carriedForward);
        carriedForwardIds = Map.copyOf(carriedForwardIds);
        fileFailures = List.copyOf(fileFailures);
        recordsRead = Map.copyOf(recordsRead);
        unread = unread == null ? Set.of() : Set.copyOf(unread);
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
        this(
                recordsBySchool,
                foundSchoolIds,
                carriedForward,
                carriedForwardIds,
                fileFailures,
                recordsRead,
                null,
                Set.of(),
                null);
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
                unread,
                then);
    }

    public List<RosterRecord> recordsOf(String schoolId) {
        return recordsBySchool.getOrDefault(schoolId, List.of());
    }

    /** Every type was read in full: a published record missing from the read is a deletion. */
    public boolean complete() {
        return absentIds == null && unread.isEmpty();
    }

    /**
     * The published ids found gone from one school, by type; null after a full read (then the records say it). After
     * a read that left types unread, the published ids of the types it read that it did not find.
     */
    public Map<EntityType, Set<String>> absentIdsOf(String schoolId, PublishedIdsOfSchool published) {
        if (absentIds != null) {
            return absentIds.getOrDefault(schoolId, Map.of());
        }
        if (unread.isEmpty()) {
            return null;
        }
        Map<EntityType, Set<String>> found = new EnumMap<>(EntityType.class);
        recordsOf(schoolId).forEach(record -> found.computeIfAbsent(record.entityType(), t -> new HashSet<>())
                .add(record.sourcedId()));
        Map<EntityType, Set<String>> gone = new EnumMap<>(EntityType.class);
        for (EntityType type : EntityType.values()) {
            if (!unread.contains(type)) {
                Set<String> now = found.getOrDefault(type, Set.of());
                published.forEachId(type, id -> {
                    if (!now.contains(id)) {
                        gone.computeIfAbsent(type, t -> new HashSet<>()).add(id);
                    }
                });
            }
        }
        return gone;
    }

    /** The ids last published for one school, by type. */
    @FunctionalInterface
    public interface PublishedIdsOfSchool {

        void forEachId(EntityType type, Consumer<String> action);
    }
}
