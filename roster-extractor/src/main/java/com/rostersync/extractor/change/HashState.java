package com.rostersync.extractor.change;

import com.rostersync.events.EntityType;
import com.rostersync.events.cycle.ChangeKind;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last published content hash of every record, per tenant and school: what the next cycle compares with. It is
 * rebuilt from the compacted state topic at start-up and changed only after the change events were acknowledged.
 * One tenant's part is touched by one cycle at a time; tenants are independent.
 */
public final class HashState {

    private final Map<String, Map<String, Map<EntityType, Map<String, String>>>> byTenant = new ConcurrentHashMap<>();

    /** The hashes of one school, by type then sourcedId (a live view: do not change it directly). */
    public Map<EntityType, Map<String, String>> school(String tenantId, String schoolId) {
        return byTenant.getOrDefault(tenantId, Map.of()).getOrDefault(schoolId, Map.of());
    }

    public void put(String tenantId, String schoolId, EntityType type, String sourcedId, String hash) {
        schoolMap(tenantId, schoolId)
                .computeIfAbsent(type, t -> new HashMap<>())
                .put(sourcedId, hash);
    }

    public void remove(String tenantId, String schoolId, EntityType type, String sourcedId) {
        Map<String, String> hashes = schoolMap(tenantId, schoolId).get(type);
        if (hashes != null) {
            hashes.remove(sourcedId);
        }
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

    public long size() {
        return byTenant.values().stream()
                .flatMap(s -> s.values().stream())
                .flatMap(t -> t.values().stream())
                .mapToLong(Map::size)
                .sum();
    }

    private Map<EntityType, Map<String, String>> schoolMap(String tenantId, String schoolId) {
        return byTenant.computeIfAbsent(tenantId, t -> new ConcurrentHashMap<>())
                .computeIfAbsent(schoolId, s -> new EnumMap<>(EntityType.class));
    }
}
