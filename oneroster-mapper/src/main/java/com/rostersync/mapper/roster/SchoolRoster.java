package com.rostersync.mapper.roster;

import com.rostersync.events.EntityType;
import com.rostersync.events.roster.RosterRecord;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * One school's roster as the mapper keeps it: {@code current} is what the source holds now (after every applied
 * change), {@code published} is exactly what the last snapshot contained. The difference between the two is what the
 * deletion threshold judges, and {@code published} supplies the last valid version of a record that turned invalid.
 */
public final class SchoolRoster {

    private final String tenantId;
    private final String schoolId;
    private final Map<RecordKey, RosterRecord> current = new HashMap<>();
    private final Map<RecordKey, RosterRecord> published = new HashMap<>();
    private SchoolMeta meta = SchoolMeta.initial();

    public SchoolRoster(String tenantId, String schoolId) {
        this.tenantId = tenantId;
        this.schoolId = schoolId;
    }

    public String tenantId() {
        return tenantId;
    }

    public String schoolId() {
        return schoolId;
    }

    public Map<RecordKey, RosterRecord> current() {
        return current;
    }

    public Map<RecordKey, RosterRecord> published() {
        return published;
    }

    public SchoolMeta meta() {
        return meta;
    }

    public void meta(SchoolMeta newMeta) {
        this.meta = newMeta;
    }

    /** Record counts per type in the last published snapshot: the base the deletion threshold is a share of. */
    public Map<EntityType, Long> publishedCounts() {
        Map<EntityType, Long> counts = new EnumMap<>(EntityType.class);
        published.keySet().forEach(key -> counts.merge(key.type(), 1L, Long::sum));
        return counts;
    }
}
