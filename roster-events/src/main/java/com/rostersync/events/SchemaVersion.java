package com.rostersync.events;

/**
 * The schema version every event and every state record carries: {@code schemaVersion} is the major version,
 * {@code schemaMinor} the additive revision within it (absent, hence 0, in what was written before it existed).
 *
 * <p>A minor revision only adds fields or enum constants, so a consumer reads any minor of a major it knows: unknown
 * fields are ignored and unknown enum constants read as {@code UNKNOWN}. Removing, renaming or retyping a field is a
 * new major version, which an older consumer refuses ({@link #check}) instead of misreading, and which gets a new
 * topic line (".v2") so that both can run side by side.
 *
 * <p>Revisions: 1.0 is everything written before {@code schemaMinor} existed; 1.1 adds {@code schemaMinor} itself, the
 * {@code UNKNOWN} constant of every enum on the wire, and the tenant cycle ({@code tenantCycle}) on cycle markers,
 * snapshots and outcomes; 1.2 adds the update, create and destination-guard reasons, paused and dry-run outcomes,
 * discarding a hold and audit notes; 1.3 adds {@link com.rostersync.events.snapshot.SchoolFile}: a snapshot names
 * the files its cycle did not change by hash instead of carrying them.
 */
public final class SchemaVersion {

    /** The major version this build writes and reads. */
    public static final int CURRENT = 1;

    /** The revision within {@link #CURRENT} this build writes. */
    public static final int MINOR = 3;

    private SchemaVersion() {}

    /**
     * Refuses what this build cannot read: a newer major version. {@code where} names the record (topic, partition
     * and offset) so the refusal can be found. A missing version (0, from before versions were written) reads as 1.
     */
    public static void check(int major, int minor, String where) {
        if (major > CURRENT) {
            throw new UnreadableSchemaVersionException(where, major, minor);
        }
    }

    /** Whether a record of that version is from a newer revision of this major version (read, extra fields ignored). */
    public static boolean isNewerRevision(int major, int minor) {
        return major == CURRENT && minor > MINOR;
    }

    /** "topic-partition@offset": how every refusal names the record it refused. */
    public static String where(String topic, int partition, long offset) {
        return topic + "-" + partition + "@" + offset;
    }

    static String text(int major, int minor) {
        return major + "." + minor;
    }
}
