package com.rostersync.events.outcome;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.rostersync.events.EntityType;

/**
 * Archives held for one kind of record of a school: {@code toArchive} of {@code total} records of the last published
 * snapshot ({@code percent} of them), where {@code allowed} may go at {@code thresholdPercent}.
 *
 * <p>A hold is decided once per school and cycle: when any kind goes over its limit, every archive of the school is
 * held, so the outcome lists one entry per kind with held archives. {@code overLimit} tells the kinds that tripped the
 * hold from those held with them; an entry from a producer that did not send it counts as over the limit.
 * {@code counted} names what was counted ("students", "staff", "enrollments", ...).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ThresholdBreach(
        EntityType entityType,
        long toArchive,
        long total,
        long allowed,
        double percent,
        double thresholdPercent,
        String counted,
        Boolean overLimit) {

    /** An entry of the first schema version: every breach listed was over its limit. */
    public ThresholdBreach(
            EntityType entityType, long toArchive, long total, long allowed, double percent, double thresholdPercent) {
        this(entityType, toArchive, total, allowed, percent, thresholdPercent, null, null);
    }

    /** Whether this kind's archives went over its limit (rather than being held because another kind did). */
    @JsonIgnore
    public boolean exceeds() {
        return overLimit == null || overLimit;
    }
}
