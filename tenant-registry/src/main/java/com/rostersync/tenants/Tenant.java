package com.rostersync.tenants;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * A district, or a single school that is its own account. {@code deletionThresholdPercent} is the share of a school's
 * records of one type that one cycle may archive (seed: SchoolStatus deletion threshold, default 10).
 * {@code allowEmpty} names the OneRoster files (manifest names: {@code courses}, {@code users}, ...) that this tenant's
 * source may genuinely leave empty; any other type read with no rows is a source failure and keeps its records.
 * {@code controls} holds the change thresholds (the archive one equals {@code deletionThresholdPercent}), the pause
 * windows and the mode; a tenant built without them is live with the default thresholds (the registry file's own
 * default mode, dry-run, is applied when the file is read).
 */
public record Tenant(
        String id,
        String name,
        Source source,
        List<String> schoolIds,
        double deletionThresholdPercent,
        Duration syncInterval,
        List<DestinationAccount> destinations,
        List<String> leaders,
        Set<String> allowEmpty,
        TenantControls controls) {

    public static final double DEFAULT_DELETION_THRESHOLD_PERCENT = 10.0;
    public static final Duration DEFAULT_SYNC_INTERVAL = Duration.ofMinutes(1);

    /** The file names {@code allowEmpty} accepts; orgs is not one: a tenant's schools must be in its source. */
    public static final Set<String> ALLOW_EMPTY_NAMES =
            Set.of("academicSessions", "courses", "classes", "users", "enrollments", "demographics");

    public Tenant {
        allowEmpty = allowEmpty == null ? Set.of() : Set.copyOf(allowEmpty);
        controls = controls == null ? TenantControls.liveArchiving(deletionThresholdPercent) : controls;
    }

    /** A live tenant with the default update and create thresholds. */
    public Tenant(
            String id,
            String name,
            Source source,
            List<String> schoolIds,
            double deletionThresholdPercent,
            Duration syncInterval,
            List<DestinationAccount> destinations,
            List<String> leaders,
            Set<String> allowEmpty) {
        this(
                id,
                name,
                source,
                schoolIds,
                deletionThresholdPercent,
                syncInterval,
                destinations,
                leaders,
                allowEmpty,
                null);
    }

    /** A tenant whose source may leave no type empty. */
    public Tenant(
            String id,
            String name,
            Source source,
            List<String> schoolIds,
            double deletionThresholdPercent,
            Duration syncInterval,
            List<DestinationAccount> destinations,
            List<String> leaders) {
        this(id, name, source, schoolIds, deletionThresholdPercent, syncInterval, destinations, leaders, Set.of());
    }

    /** The same tenant with other controls (thresholds, pauses, mode). */
    public Tenant withControls(TenantControls newControls) {
        return new Tenant(
                id,
                name,
                source,
                schoolIds,
                newControls.thresholds().archivePercent(),
                syncInterval,
                destinations,
                leaders,
                allowEmpty,
                newControls);
    }

    public Mode mode() {
        return controls.mode();
    }

    /** Whether the source may leave this OneRoster file (manifest name, e.g. {@code users}) without rows. */
    public boolean allowsEmpty(String manifestName) {
        return allowEmpty.contains(manifestName);
    }
}
