package com.rostersync.events.command;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.rostersync.events.SchemaVersion;
import java.time.Instant;
import java.time.LocalDate;

/**
 * An operator's override of a tenant's registry controls, the current one per tenant on
 * {@link com.rostersync.events.Topics#TENANT_OVERRIDES} (compacted, keyed by tenant id; a tombstone clears it, and the
 * registry file decides again).
 *
 * <p>{@code mode} is {@code live} or {@code dry-run} as the registry writes it, or null for "as the registry says".
 * {@code pausedThrough} is the last day (inclusive) of a pause that starts the day the override is applied, a date in
 * the tenant's own time zone, or null for no pause beyond the registry's windows.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TenantControlOverride(
        int schemaVersion,
        String tenantId,
        String mode,
        LocalDate pausedThrough,
        String setBy,
        Instant setAt,
        String reason,
        Integer schemaMinor) {

    public static final String LIVE = "live";
    public static final String DRY_RUN = "dry-run";

    public TenantControlOverride {
        schemaMinor = schemaMinor == null ? 0 : schemaMinor;
    }

    /** As written at {@link SchemaVersion#MINOR}, the revision this build writes. */
    public TenantControlOverride(
            String tenantId, String mode, LocalDate pausedThrough, String setBy, Instant setAt, String reason) {
        this(SchemaVersion.CURRENT, tenantId, mode, pausedThrough, setBy, setAt, reason, SchemaVersion.MINOR);
    }
}
