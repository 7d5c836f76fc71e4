package com.rostersync.events;

/**
 * Every topic name the services share. Names carry their schema line (".v1"), so an incompatible change gets a new
 * topic instead of breaking consumers in place. Dead-letter topics are named here too, because spring-kafka's default
 * suffix changed between versions.
 */
public final class Topics {

    /** Record upserts and deletes plus the cycle-complete marker, keyed by {@link Keys#school}. */
    public static final String ROSTER_CHANGES = "roster.changes.v1";

    /** Extractor's last published content hash per record (compacted), keyed by {@link Keys#record}. */
    public static final String EXTRACTOR_STATE = "roster.extractor-state.v1";

    /**
     * Complete OneRoster 1.1 file sets, one snapshot per school whose content changed, keyed by {@link Keys#school}.
     * Since revision 1.3 a snapshot names its files by hash and each changed file travels before it as a
     * {@link com.rostersync.events.snapshot.SchoolFile} ({@link #TYPE_HEADER}), keyed by {@link Keys#schoolFile} on the
     * school's partition; a tombstone on a file key drops a file no snapshot names any more. Compacted.
     */
    public static final String SNAPSHOTS = "roster.snapshots.v1";

    /**
     * The record header that says what a value is on a topic that carries more than one type (the snapshot topic);
     * without it, the topic's own type.
     */
    public static final String TYPE_HEADER = "rostersync-type";

    /** What every stage reports: successes and each failure reason, keyed by {@link Keys#school} or tenant. */
    public static final String OUTCOMES = "roster.outcomes.v1";

    /** Operator commands to the mapper (approve a held deletion), keyed by {@link Keys#school}. */
    public static final String COMMANDS = "roster.commands.v1";

    /** Who did what through the approval API, keyed by tenant id. */
    public static final String AUDIT = "roster.audit.v1";

    /** Publisher's last successful upload hash per destination (compacted), keyed by destination id. */
    public static final String PUBLISHER_STATE = "roster.publisher-state.v1";

    /** Monitor's open incidents (compacted), keyed by incident id. */
    public static final String MONITOR_INCIDENTS = "roster.monitor-incidents.v1";

    /** What every unit of work did ({@link com.rostersync.events.run.RunRecorded}), time-retained, keyed by tenant id. */
    public static final String RUNS = "roster.runs.v1";

    /** Per-record detail of each map run ({@link com.rostersync.events.run.ChangeReport}), keyed by run id. */
    public static final String CHANGE_REPORTS = "roster.change-reports.v1";

    /**
     * Operators' overrides of a tenant's mode and pauses ({@link com.rostersync.events.command.TenantControlOverride}),
     * compacted, keyed by tenant id; a tombstone clears the tenant's override.
     */
    public static final String TENANT_OVERRIDES = "roster.tenant-overrides.v1";

    public static final String ROSTER_CHANGES_DLT = ROSTER_CHANGES + ".dlt";
    public static final String SNAPSHOTS_DLT = SNAPSHOTS + ".dlt";
    public static final String OUTCOMES_DLT = OUTCOMES + ".dlt";
    public static final String COMMANDS_DLT = COMMANDS + ".dlt";

    private Topics() {}
}
