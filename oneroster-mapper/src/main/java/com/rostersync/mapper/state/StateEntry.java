package com.rostersync.mapper.state;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.rostersync.events.EntityType;
import com.rostersync.events.Keys;
import com.rostersync.events.SchemaVersion;
import com.rostersync.events.roster.RosterRecord;
import com.rostersync.mapper.roster.SchoolMeta;

/**
 * One value of the mapper's state stores (and so of their changelog topics): a record the source holds now
 * (CURRENT), a record of the last published snapshot (PUBLISHED), or the school's metadata (META). Each carries its
 * school, so the state is rebuilt from the values alone; a null value (tombstone) removes the key.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StateEntry(
        int schemaVersion,
        String tenantId,
        String schoolId,
        Slot slot,
        EntityType entityType,
        String sourcedId,
        RosterRecord record,
        SchoolMeta meta) {

    public enum Slot {
        CURRENT,
        PUBLISHED,
        META
    }

    public static StateEntry record(
            String tenantId, String schoolId, Slot slot, EntityType type, String sourcedId, RosterRecord record) {
        return new StateEntry(SchemaVersion.CURRENT, tenantId, schoolId, slot, type, sourcedId, record, null);
    }

    public static StateEntry meta(String tenantId, String schoolId, SchoolMeta meta) {
        return new StateEntry(SchemaVersion.CURRENT, tenantId, schoolId, Slot.META, null, null, null, meta);
    }

    /** What a published record's key adds to the key of the current one. */
    public static final String PUBLISHED_SUFFIX = "#published";

    /** Changelog key: per record ({@link Keys#record}, published versions suffixed) or per school for metadata. */
    public static String key(String tenantId, String schoolId, Slot slot, EntityType type, String sourcedId) {
        return switch (slot) {
            case CURRENT -> Keys.record(tenantId, schoolId, type, sourcedId);
            case PUBLISHED -> Keys.record(tenantId, schoolId, type, sourcedId) + PUBLISHED_SUFFIX;
            case META -> Keys.school(tenantId, schoolId) + "#meta";
        };
    }

    public String key() {
        return key(tenantId, schoolId, slot, entityType, sourcedId);
    }
}
