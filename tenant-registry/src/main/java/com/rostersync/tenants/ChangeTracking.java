package com.rostersync.tenants;

import java.time.Duration;

/**
 * Reading only what changed: every entity query of the tenant returns {@code column}, a timestamp the SIS
 * sets on insert and update. A cycle then reads the rows changed since the last one (minus {@code overlap}, for
 * transactions that commit after later ones and for clock skew), scans ids to find deletions, and still reads
 * everything at least every {@code fullReadEvery}, to catch an update that did not move the timestamp.
 * {@code clockQuery} reads the database's own time, in the type of {@code column}. The default,
 * {@code select localtimestamp}, is tested on PostgreSQL and H2; other databases need their own (SQL Server's
 * {@code select sysdatetime()}, Oracle's {@code select localtimestamp from dual}; not tested here).
 */
public record ChangeTracking(String column, Duration overlap, Duration fullReadEvery, String clockQuery) {

    public static final String DEFAULT_COLUMN = "updated_at";
    public static final String DEFAULT_CLOCK_QUERY = "select localtimestamp";
    public static final Duration DEFAULT_OVERLAP = Duration.ofMinutes(10);
    public static final Duration DEFAULT_FULL_READ_EVERY = Duration.ofHours(24);

    /** Change tracking on {@code column} with the default overlap, full-read period and clock query. */
    public static ChangeTracking on(String column) {
        return new ChangeTracking(column, DEFAULT_OVERLAP, DEFAULT_FULL_READ_EVERY, DEFAULT_CLOCK_QUERY);
    }

    public ChangeTracking withOverlap(Duration newOverlap) {
        return new ChangeTracking(column, newOverlap, fullReadEvery, clockQuery);
    }

    public ChangeTracking withFullReadEvery(Duration every) {
        return new ChangeTracking(column, overlap, every, clockQuery);
    }
}
