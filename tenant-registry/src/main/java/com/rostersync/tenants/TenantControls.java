package com.rostersync.tenants;

import java.util.Map;

/**
 * What an operator sets to control a tenant's sync beyond its data: the change thresholds (per tenant, overridable per
 * school), the pause windows and whether files are uploaded at all ({@link Mode}).
 */
public record TenantControls(
        Thresholds thresholds, Map<String, Thresholds> schoolThresholds, Pauses pauses, Mode mode) {

    /** Live, never paused, default thresholds: what a tenant built in code (not read from a registry file) gets. */
    public static final TenantControls LIVE_DEFAULTS =
            new TenantControls(Thresholds.DEFAULTS, Map.of(), Pauses.NONE, Mode.LIVE);

    public TenantControls {
        thresholds = thresholds == null ? Thresholds.DEFAULTS : thresholds;
        schoolThresholds = schoolThresholds == null ? Map.of() : Map.copyOf(schoolThresholds);
        pauses = pauses == null ? Pauses.NONE : pauses;
        mode = mode == null ? Mode.LIVE : mode;
    }

    /** Live with the default thresholds except the archive one. */
    public static TenantControls liveArchiving(double archivePercent) {
        return new TenantControls(Thresholds.archiving(archivePercent), Map.of(), Pauses.NONE, Mode.LIVE);
    }

    /** The thresholds that apply to one school: its own override, else the tenant's. */
    public Thresholds thresholdsFor(String schoolId) {
        return schoolThresholds.getOrDefault(schoolId, thresholds);
    }

    public TenantControls withMode(Mode newMode) {
        return new TenantControls(thresholds, schoolThresholds, pauses, newMode);
    }

    public TenantControls withPauses(Pauses newPauses) {
        return new TenantControls(thresholds, schoolThresholds, newPauses, mode);
    }

    public TenantControls withThresholds(Thresholds newThresholds) {
        return new TenantControls(newThresholds, schoolThresholds, pauses, mode);
    }
}
