package com.rostersync.monitor.history;

import java.time.Instant;

/** Which runs to list; a null field matches every run. {@code limit} is at least 1. */
public record RunQuery(String tenantId, String schoolId, String destinationId, Instant since, int limit) {

    public static final int DEFAULT_LIMIT = 100;

    public RunQuery {
        limit = limit < 1 ? DEFAULT_LIMIT : limit;
    }

    public static RunQuery ofTenant(String tenantId) {
        return new RunQuery(tenantId, null, null, null, DEFAULT_LIMIT);
    }
}
