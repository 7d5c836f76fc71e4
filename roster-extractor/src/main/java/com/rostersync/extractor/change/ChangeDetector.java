package com.rostersync.extractor.change;

import com.rostersync.events.EntityType;
import com.rostersync.events.cycle.ChangeCounts;
import com.rostersync.events.cycle.ChangeKind;
import com.rostersync.events.roster.RosterRecord;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Compares one school's records now with the hashes last published for it and says what to publish (only
 * what changed). A record whose source part failed is never deleted: types in {@code carriedForward} lose nothing,
 * and single broken records ({@code carriedIds}) are neither updated nor deleted. After an incremental read,
 * {@code current} holds only the records that may have changed and {@code absent} the published ids found gone.
 */
public final class ChangeDetector {

    private static final List<EntityType> TYPES = List.of(EntityType.values());

    private final Function<RosterRecord, String> hasher;

    public ChangeDetector(Function<RosterRecord, String> hasher) {
        this.hasher = hasher;
    }

    /** After a full read: {@code current} is every record of the school. */
    public SchoolChanges detect(
            String schoolId,
            List<RosterRecord> current,
            SchoolHashes previous,
            Set<EntityType> carriedForward,
            Map<EntityType, Set<String>> carriedIds) {
        return detect(schoolId, current, null, previous, carriedForward, carriedIds);
    }

    /** {@code absent} is null after a full read, else the published ids the source found gone, by type. */
    public SchoolChanges detect(
            String schoolId,
            List<RosterRecord> current,
            Map<EntityType, Set<String>> absent,
            SchoolHashes previous,
            Set<EntityType> carriedForward,
            Map<EntityType, Set<String>> carriedIds) {
        Map<EntityType, Map<String, RosterRecord>> now = new EnumMap<>(EntityType.class);
        for (RosterRecord record : current) {
            now.computeIfAbsent(record.entityType(), t -> new HashMap<>()).put(record.sourcedId(), record);
        }
        List<Change> changes = new ArrayList<>();
        Map<EntityType, ChangeCounts> counts = new EnumMap<>(EntityType.class);
        for (EntityType type : TYPES) {
            Map<String, RosterRecord> records = now.getOrDefault(type, Map.of());
            Set<String> keep = carriedIds.getOrDefault(type, Set.of());
            long upserted = 0;
            long inserted = 0;
            long deleted = 0;
            // Sorted, so a school's events go out in the same order every time; most types of a cycle have none.
            for (String id : records.isEmpty() ? Set.<String>of() : new TreeSet<>(records.keySet())) {
                if (keep.contains(id)) {
                    continue;
                }
                RosterRecord record = records.get(id);
                String hash = hasher.apply(record);
                if (!previous.matches(type, id, hash)) {
                    changes.add(new Change(ChangeKind.UPSERT, type, id, hash, record));
                    upserted++;
                    inserted += previous.contains(type, id) ? 0 : 1;
                }
            }
            if (!carriedForward.contains(type)) {
                // Unsorted scan, sorted result: the state is large, the deletions few.
                List<String> gone = new ArrayList<>();
                if (absent == null) {
                    previous.forEachId(type, id -> {
                        if (!records.containsKey(id) && !keep.contains(id)) {
                            gone.add(id);
                        }
                    });
                } else {
                    for (String id : absent.getOrDefault(type, Set.of())) {
                        if (previous.contains(type, id) && !keep.contains(id)) {
                            gone.add(id);
                        }
                    }
                }
                gone.sort(null);
                gone.forEach(id -> changes.add(new Change(ChangeKind.DELETE, type, id, null, null)));
                deleted = gone.size();
            }
            long total = previous.count(type) + inserted - deleted;
            if (total > 0 || upserted > 0 || deleted > 0) {
                counts.put(type, new ChangeCounts(total, upserted, deleted));
            }
        }
        Set<EntityType> carried = new TreeSet<>(carriedForward);
        carriedIds.forEach((type, ids) -> {
            if (!ids.isEmpty()) {
                carried.add(type);
            }
        });
        return new SchoolChanges(schoolId, changes, counts, carried);
    }
}
