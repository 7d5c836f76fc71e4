package com.rostersync.tenants;

import java.time.Duration;

/**
 * Reading only what changed (issue 3): every entity query of the tenant returns {@code column}, a timestamp the SIS
 * sets on insert and update. A cycle then reads the rows changed since the last one (minus {@code overlap}, for
 * transactions that commit after later ones and for clock skew), scans ids to find deletions, and still reads
 * everything at least every {@code fullReadEvery}, to catch an update that did not move the timestamp.
 */
public record ChangeTracking(String column, Duration overlap, Duration fullReadEvery) {

    public static final String DEFAULT_COLUMN = "updated_at";
    public static final Duration DEFAULT_OVERLAP = Duration.ofMinutes(10);
    public static final Duration DEFAULT_FULL_READ_EVERY = Duration.ofHours(24);
}
