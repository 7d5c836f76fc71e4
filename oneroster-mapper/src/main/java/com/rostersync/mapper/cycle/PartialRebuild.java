package com.rostersync.mapper.cycle;

import com.rostersync.events.EntityType;
import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.events.snapshot.SnapshotFile;
import com.rostersync.mapper.roster.SchoolMeta;
import com.rostersync.mapper.roster.SchoolRoster;
import com.rostersync.mapper.validation.RosterValidator;
import com.rostersync.oneroster.OneRosterFile;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * When a school's cycle may be planned from part of its records, and which part. After a cycle that published exactly
 * what the source holds (nothing held, discarded or left out), a cycle whose changes only update records of some
 * types needs only those types and the ones they refer to: every other record is as it was, stays valid (its
 * references are checked by sourcedId, and updates change no sourcedId), and so its file is the one last built. The
 * plan of that part is used only when it is as clean as the last one ({@link #acceptable}); anything else, a hold, an
 * issue, a create or an archive, is planned again from every record. A roster of 500 students holds seven times as
 * many enrollments as users: a change of users no longer reads, checks and writes them (docs/benchmarks.md).
 */
public final class PartialRebuild {

    private PartialRebuild() {}

    /**
     * The types a cycle loads when only records of {@code changed} were updated: those, every type they refer to
     * (and what those refer to), and the school itself, which the snapshot must hold.
     */
    public static Set<EntityType> typesToLoad(Set<EntityType> changed) {
        Set<EntityType> load = EnumSet.of(EntityType.SCHOOL);
        Deque<EntityType> next = new ArrayDeque<>(changed);
        while (!next.isEmpty()) {
            EntityType type = next.pop();
            if (load.add(type)) {
                next.addAll(RosterValidator.referencedTypes(type));
            }
        }
        return load;
    }

    /** Whether a change of {@code type} can leave the other types' files as they are. */
    public static boolean isLocal(EntityType type) {
        // A school's record makes the org ids (its district's too) that users and courses refer to.
        return type != EntityType.SCHOOL && type != EntityType.UNKNOWN;
    }

    /** Whether the school's metadata leaves a cycle nothing to decide but the changes: no hold, discard or approval. */
    public static boolean allowedBy(SchoolMeta meta) {
        return !meta.holdsChanges()
                && !meta.holdApproved()
                && meta.discardRequested() == null
                && meta.discarded().isEmpty();
    }

    /** The last cycle's files of the types not loaded: those with rows (a file without rows is decided again). */
    public static Map<OneRosterFile, SnapshotFile> keptFiles(List<SnapshotFile> lastFiles, Set<EntityType> loaded) {
        Map<OneRosterFile, SnapshotFile> kept = new EnumMap<>(OneRosterFile.class);
        for (EntityType type : EnumSet.complementOf(EnumSet.copyOf(loaded))) {
            if (type == EntityType.UNKNOWN) {
                continue;
            }
            OneRosterFile file =
                    OneRosterFile.byFileName(RosterValidator.fileOf(type)).orElseThrow();
            lastFiles.stream()
                    .filter(last -> last.name().equals(file.fileName()) && last.rows() > 0)
                    .findFirst()
                    .ifPresent(last -> kept.put(file, last));
        }
        return kept;
    }

    /**
     * Whether the cycle leaves the school published exactly as its source holds it, with nothing held, discarded or
     * left out: the next cycle may then be planned from part of its records.
     */
    public static boolean publishesAsCurrent(CyclePlan plan, SchoolRoster roster) {
        return plan.outcome().reason() == OutcomeReason.SNAPSHOT_READY
                && plan.outcome().validationIssues().isEmpty()
                && !plan.files().isEmpty()
                && allowedBy(plan.meta())
                && plan.published().equals(roster.current());
    }

    /**
     * Whether the plan of part of a school's records ({@code part}) is the plan of all of them: the part's records
     * were only updated (the same keys as published) and all go out as they are now, with nothing held.
     */
    public static boolean acceptable(CyclePlan plan, SchoolRoster part) {
        return publishesAsCurrent(plan, part)
                && part.published().keySet().equals(part.current().keySet());
    }
}
