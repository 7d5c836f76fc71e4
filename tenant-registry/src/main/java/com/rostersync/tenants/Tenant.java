package com.rostersync.tenants;

import java.time.Duration;
import java.util.List;

/**
 * A district, or a single school that is its own account. {@code deletionThresholdPercent} is the share of a school's
 * records of one type that one cycle may archive (seed: SchoolStatus deletion threshold, default 10).
 */
public record Tenant(
        String id,
        String name,
        Source source,
        List<String> schoolIds,
        double deletionThresholdPercent,
        Duration syncInterval,
        List<DestinationAccount> destinations,
        List<String> leaders) {

    public static final double DEFAULT_DELETION_THRESHOLD_PERCENT = 10.0;
    public static final Duration DEFAULT_SYNC_INTERVAL = Duration.ofMinutes(1);
}
