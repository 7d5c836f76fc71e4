package com.rostersync.mapper.pipeline;

import com.rostersync.events.EntityType;
import com.rostersync.mapper.cycle.PartialRebuild;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * For the schools of one stream task, the record types updated since the school's last cycle published it exactly as
 * its source holds it ({@link PartialRebuild}). Kept in memory on purpose: a school this processor has not yet seen
 * through such a cycle (after a start, a restore or a move) is not followed, so its next cycle reads every record.
 * Anything but an update of a record that went out (a create, a delete, a school record, a command) stops following
 * the school until its next clean cycle.
 */
final class ChangedTypes {

    private final Map<String, Set<EntityType>> bySchool = new HashMap<>();

    /** The school's cycle published it as its source holds it: follow its changes from here. */
    void publishedAsCurrent(String school) {
        bySchool.put(school, EnumSet.noneOf(EntityType.class));
    }

    boolean follows(String school) {
        return bySchool.containsKey(school);
    }

    /** A record of {@code type} that went out in the last snapshot was replaced by a new version. */
    void updated(String school, EntityType type) {
        Set<EntityType> types = bySchool.get(school);
        if (types != null && PartialRebuild.isLocal(type)) {
            types.add(type);
        } else {
            bySchool.remove(school);
        }
    }

    /** Something happened to the school that only a cycle over all its records judges. */
    void forget(String school) {
        bySchool.remove(school);
    }

    /** The types updated since the school's last clean cycle, if it is followed; it is not followed afterwards. */
    Optional<Set<EntityType>> take(String school) {
        return Optional.ofNullable(bySchool.remove(school));
    }
}
