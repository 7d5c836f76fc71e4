package com.rostersync.tenants;

/**
 * How much of a school's published records of one kind a single cycle may change before the change is held for an
 * operator: {@code archivePercent} of them archived (the deletion threshold, default 10), {@code updatePercent}
 * updated (default 75, as Clever's app-side holds) and {@code createPercent} created (null: no limit, the default).
 */
public record Thresholds(double archivePercent, double updatePercent, Double createPercent) {

    public static final double DEFAULT_UPDATE_PERCENT = 75.0;

    /** The defaults: archives at 10%, updates at 75%, creates unlimited. */
    public static final Thresholds DEFAULTS =
            new Thresholds(Tenant.DEFAULT_DELETION_THRESHOLD_PERCENT, DEFAULT_UPDATE_PERCENT, null);

    /** The defaults with another archive threshold (a tenant that sets only {@code deletionThresholdPercent}). */
    public static Thresholds archiving(double archivePercent) {
        return new Thresholds(archivePercent, DEFAULT_UPDATE_PERCENT, null);
    }

    public boolean limitsCreates() {
        return createPercent != null;
    }
}
