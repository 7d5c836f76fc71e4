package com.rostersync.extractor.change;

import com.rostersync.events.EntityType;
import com.rostersync.events.cycle.ChangeKind;
import com.rostersync.extractor.source.PublishedIds;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The last published content hash of every record, per tenant and school: what the next cycle compares with. It is
 * rebuilt from the compacted state topic at start-up and changed only after the change events were acknowledged.
 * One tenant's part is touched by one cycle at a time; tenants are independent.
 */
public final class HashState implements PublishedIds {

    private final Map<String, Map<String, Map<EntityType, Map<String, String>>>> byTenant = new ConcurrentHashMap<>();
    /** Tenant, type, id to the school (a String) or schools (a Set) holding it: the reverse of byTenant. */
    private final Map<String, Map<EntityType, Map<String, Object>>> placement = new ConcurrentHashMap<>();

    /** The hashes of one school, by type then sourcedId (a live view: do not change it directly). */
    public Map<EntityType, Map<String, String>> school(String tenantId, String schoolId) {
        return byTenant.getOrDefault(tenantId, Map.of()).getOrDefault(schoolId, Map.of());
    }

    @Override
    public Set<String> schoolsOf(String tenantId, EntityType type, String sourcedId) {
        Object schools = placement
                .getOrDefault(tenantId, Map.of())
                .getOrDefault(type, Map.of())
                .get(sourcedId);
        if (schools == null) {
            return Set.of();
        }
        return schools instanceof String one ? Set.of(one) : Set.copyOf(asSet(schools));
    }

    public void put(String tenantId, String schoolId, EntityType type, String sourcedId, String hash) {
        schoolMap(tenantId, schoolId)
                .computeIfAbsent(type, t -> new HashMap<>())
                .put(sourcedId, hash);
        // One school is by far the common case: a plain String, not a Set, keeps this index small.
        placementOf(tenantId, type).merge(sourcedId, schoolId, (had, school) -> {
            if (had.equals(school)) {
                return had;
            }
            Set<String> schools = had instanceof String one ? new TreeSet<>(Set.of(one)) : asSet(had);
            schools.add(schoolId);
            return schools;
        });
    }

    public void remove(String tenantId, String schoolId, EntityType type, String sourcedId) {
        Map<String, String> hashes = schoolMap(tenantId, schoolId).get(type);
        if (hashes != null) {
            hashes.remove(sourcedId);
        }
        placementOf(tenantId, type).computeIfPresent(sourcedId, (id, had) -> {
            if (had instanceof String one) {
                return one.equals(schoolId) ? null : one;
            }
            Set<String> schools = asSet(had);
            schools.remove(schoolId);
            return schools.isEmpty()
                    ? null
                    : schools.size() == 1 ? schools.iterator().next() : schools;
        });
    }

    public void apply(String tenantId, String schoolId, List<Change> changes) {
        for (Change change : changes) {
            if (change.kind() == ChangeKind.UPSERT) {
                put(tenantId, schoolId, change.type(), change.sourcedId(), change.hash());
            } else {
                remove(tenantId, schoolId, change.type(), change.sourcedId());
            }
        }
    }

    /** Drops the hashes of the matching tenants, e.g. before reading them again as another instance left them. */
    public void forgetTenants(Predicate<String> tenants) {
        byTenant.keySet().removeIf(tenants);
        placement.keySet().removeIf(tenants);
    }

    public long size() {
        return byTenant.values().stream()
                .flatMap(s -> s.values().stream())
                .flatMap(t -> t.values().stream())
                .mapToLong(Map::size)
                .sum();
    }

    private Map<String, Object> placementOf(String tenantId, EntityType type) {
        return placement
                .computeIfAbsent(tenantId, t -> new ConcurrentHashMap<>())
                .computeIfAbsent(type, t -> new HashMap<>());
    }

    @SuppressWarnings("unchecked")
    private static Set<String> asSet(Object schools) {
        return (Set<String>) schools;
    }

    private Map<EntityType, Map<String, String>> schoolMap(String tenantId, String schoolId) {
        return byTenant.computeIfAbsent(tenantId, t -> new ConcurrentHashMap<>())
                .computeIfAbsent(schoolId, s -> new EnumMap<>(EntityType.class));
    }
}
