package com.rostersync.extractor.change;

import com.rostersync.events.EntityType;
import com.rostersync.events.cycle.ChangeKind;
import com.rostersync.extractor.source.PublishedIds;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The last published content hash of every record, per tenant and school: what the next cycle compares with. It is
 * rebuilt from the compacted state topic at start-up and changed only after the change events were acknowledged.
 * One tenant's part is touched by one cycle at a time; tenants are independent. Each school's records are packed
 * ({@link SchoolHashes}): this state holds every record of every tenant the instance owns, so its size per record
 * is what bounds an extractor's heap (docs/extractor.md, "Memory").
 */
public final class HashState implements PublishedIds {

    private static final SchoolHashes NONE = new SchoolHashes();

    private final Map<String, Map<String, SchoolHashes>> byTenant = new ConcurrentHashMap<>();

    /** The hashes of one school (a live view: change it through this state, not directly). */
    public SchoolHashes school(String tenantId, String schoolId) {
        return byTenant.getOrDefault(tenantId, Map.of()).getOrDefault(schoolId, NONE);
    }

    /**
     * Asks each school of the tenant: a record is in few schools, and a tenant has tens of them, so a scan costs less
     * than a second index of every record would take in memory.
     */
    @Override
    public Set<String> schoolsOf(String tenantId, EntityType type, String sourcedId) {
        byte[] key = PublishedTable.bytes(sourcedId);
        int hash = PublishedTable.hashOf(key);
        Set<String> schools = new TreeSet<>();
        byTenant.getOrDefault(tenantId, Map.of()).forEach((schoolId, hashes) -> {
            if (hashes.contains(type, key, hash)) {
                schools.add(schoolId);
            }
        });
        return schools;
    }

    public void put(String tenantId, String schoolId, EntityType type, String sourcedId, String hash) {
        byTenant.computeIfAbsent(tenantId, t -> new ConcurrentHashMap<>())
                .computeIfAbsent(schoolId, s -> new SchoolHashes())
                .put(type, sourcedId, hash);
    }

    public void remove(String tenantId, String schoolId, EntityType type, String sourcedId) {
        SchoolHashes hashes = byTenant.getOrDefault(tenantId, Map.of()).get(schoolId);
        if (hashes != null) {
            hashes.remove(type, sourcedId);
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

    /** Drops the hashes of the matching tenants, e.g. before reading them again as another instance left them. */
    public void forgetTenants(Predicate<String> tenants) {
        byTenant.keySet().removeIf(tenants);
    }

    public long size() {
        return byTenant.values().stream()
                .flatMap(schools -> schools.values().stream())
                .mapToLong(SchoolHashes::size)
                .sum();
    }
}
