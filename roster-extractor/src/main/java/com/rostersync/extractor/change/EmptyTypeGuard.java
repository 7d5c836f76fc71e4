package com.rostersync.extractor.change;

import com.rostersync.events.EntityType;
import com.rostersync.events.outcome.FileFailure;
import com.rostersync.events.roster.RosterRecord;
import com.rostersync.tenants.SourceType;
import com.rostersync.tenants.Tenant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A type that had published records in a school and now has none is a source failure, not an archive (seed: no student
 * is ever archived by mistake): a query that returns nothing, an export cut to its header or for another school. The
 * type is carried forward with a failure naming tenant, school and type, unless the tenant lists it in
 * {@code allowEmpty}. Judged on full reads; after an incremental read only when every published record of the type is
 * reported gone and none arrived. A type held this way stays held on the next reads until records of it appear (an
 * unchanged or incremental read cannot tell that the source is still empty, and the failure must not flap).
 */
public final class EmptyTypeGuard {

    private static final Map<EntityType, String> FILE_NAMES = new EnumMap<>(Map.of(
            EntityType.TERM, "academicSessions",
            EntityType.COURSE, "courses",
            EntityType.SECTION, "classes",
            EntityType.PERSON, "users",
            EntityType.ENROLLMENT, "enrollments",
            EntityType.DEMOGRAPHICS, "demographics"));

    private static final Map<EntityType, String> QUERY_NAMES = new EnumMap<>(Map.of(
            EntityType.TERM, "term",
            EntityType.COURSE, "course",
            EntityType.SECTION, "section",
            EntityType.PERSON, "person",
            EntityType.ENROLLMENT, "enrollment",
            EntityType.DEMOGRAPHICS, "demographics"));

    /** Per tenant/school: the types held because they came back empty, with the failure that says so. */
    private final Map<String, Map<EntityType, FileFailure>> standing = new ConcurrentHashMap<>();

    /** What one school's read adds to the carried-forward types, and the failures that explain it. */
    public record Verdict(Set<EntityType> carriedForward, List<FileFailure> failures) {

        public Verdict {
            carriedForward = Set.copyOf(carriedForward);
            failures = List.copyOf(failures);
        }
    }

    /**
     * @param records the school's records of this read
     * @param absent null after a full read, else the published ids the read found gone, by type
     * @param previous the school's last published hashes, by type
     * @param carried the types the source already carries forward (their failures are already reported)
     */
    public Verdict judge(
            Tenant tenant,
            String schoolId,
            List<RosterRecord> records,
            Map<EntityType, Set<String>> absent,
            SchoolHashes previous,
            Set<EntityType> carried) {
        Set<EntityType> present = EnumSet.noneOf(EntityType.class);
        records.forEach(record -> present.add(record.entityType()));
        Map<EntityType, FileFailure> held =
                standing.computeIfAbsent(tenant.id() + "/" + schoolId, k -> new ConcurrentHashMap<>());
        Set<EntityType> add = EnumSet.noneOf(EntityType.class);
        List<FileFailure> failures = new ArrayList<>();
        for (EntityType type : FILE_NAMES.keySet()) {
            int published = previous.count(type);
            boolean stillHeld = held.containsKey(type) && absent != null;
            if (carried.contains(type)
                    || present.contains(type)
                    || published == 0
                    || tenant.allowsEmpty(FILE_NAMES.get(type))
                    || !(stillHeld || emptied(previous, absent, type))) {
                held.remove(type);
                continue;
            }
            FileFailure failure = held.computeIfAbsent(type, t -> failure(tenant, schoolId, t, published));
            add.add(type);
            failures.add(failure);
        }
        if (add.contains(EntityType.PERSON)) {
            // Demographics belong to the people: with the people kept, theirs stay too, under the people's failure.
            add.add(EntityType.DEMOGRAPHICS);
            failures.removeIf(f -> held.get(EntityType.DEMOGRAPHICS) == f);
        }
        return new Verdict(add, failures);
    }

    /** After a full read, nothing of the type is left; after an incremental one, every published id is gone. */
    private static boolean emptied(SchoolHashes previous, Map<EntityType, Set<String>> absent, EntityType type) {
        if (absent == null) {
            return true;
        }
        Set<String> gone = absent.getOrDefault(type, Set.of());
        return gone.size() >= previous.count(type) && gone.containsAll(previous.ids(type));
    }

    private static FileFailure failure(Tenant tenant, String schoolId, EntityType type, int published) {
        String name = FILE_NAMES.get(type);
        boolean drop = tenant.source() != null && tenant.source().type() == SourceType.CSV_DROP;
        String what = drop ? name + ".csv" : QUERY_NAMES.get(type) + " query";
        return new FileFailure(
                what,
                0,
                null,
                what + " has no rows for school " + schoolId + " of tenant " + tenant.id() + ", which had " + published
                        + " " + name + " published; they are carried forward, not archived (allowEmpty: [" + name
                        + "] if it may be empty)");
    }
}
