package com.rostersync.events;

/**
 * Message keys. School ids are only unique inside a tenant, so every school key is qualified by its tenant; keying by
 * school keeps one school's events in order on one partition.
 */
public final class Keys {

    /** Between the parts of a key: a school's keys share its key and this as their prefix. */
    public static final char SEPARATOR = '/';

    private Keys() {}

    public static String school(String tenantId, String schoolId) {
        return tenantId + SEPARATOR + schoolId;
    }

    /**
     * A file of a school's snapshot ({@link com.rostersync.events.snapshot.SchoolFile}); it shares the school's
     * partition through an explicit partitioner, not through its own hash.
     */
    public static String schoolFile(String tenantId, String schoolId, String fileName) {
        return school(tenantId, schoolId) + SEPARATOR + "files" + SEPARATOR + fileName;
    }

    public static String record(String tenantId, String schoolId, EntityType type, String sourcedId) {
        return school(tenantId, schoolId) + SEPARATOR + type.name() + SEPARATOR + sourcedId;
    }
}
