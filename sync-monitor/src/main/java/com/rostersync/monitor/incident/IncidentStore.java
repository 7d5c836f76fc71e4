package com.rostersync.monitor.incident;

import java.time.Instant;

/** Where incident state and each district's last success are kept durably (a compacted topic in production). */
public interface IncidentStore {

    /** Returns only once the state is durable. */
    void save(Incident incident);

    /** Tombstones a forgotten incident. */
    void delete(String incidentId);

    void saveLastSuccess(String tenantId, Instant at);
}
