package com.rostersync.monitor.incident;

import com.rostersync.events.outcome.Stage;
import com.rostersync.events.outcome.SyncOutcome;

/**
 * The thing an outcome reports the complete status of (SyncOutcome javadoc): (EXTRACT, tenant), (MAP, tenant, school)
 * or (PUBLISH, tenant, destination). The monitor's own STALE check is the unit (MONITOR, tenant).
 *
 * @param scope the school id for MAP, the destination id for PUBLISH, null otherwise
 */
public record UnitOfWork(Stage stage, String tenantId, String scope) {

    public static UnitOfWork of(SyncOutcome outcome) {
        String scope =
                switch (outcome.stage()) {
                    case MAP ->
                        outcome.schoolIds().isEmpty()
                                ? null
                                : outcome.schoolIds().get(0);
                    case PUBLISH -> outcome.destinationId();
                    case EXTRACT, MONITOR, UNKNOWN -> null;
                };
        return new UnitOfWork(outcome.stage(), outcome.tenantId(), scope);
    }

    public static UnitOfWork district(String tenantId) {
        return new UnitOfWork(Stage.MONITOR, tenantId, null);
    }

    /** Stable text form, part of the incident id and so of the state topic's key. */
    public String id() {
        return stage + "/" + tenantId + (scope == null ? "" : "/" + scope);
    }
}
