package com.rostersync.events.outcome;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.rostersync.events.EntityType;
import com.rostersync.events.run.ChangeAction;
import java.util.List;

/**
 * Archives held for one kind of record of a school: {@code toArchive} of {@code total} records of the last published
 * snapshot ({@code percent} of them), where {@code allowed} may go at {@code thresholdPercent}.
 *
 * <p>A hold is decided once per school and cycle: when any kind goes over its limit, every archive of the school is
 * held, so the outcome lists one entry per kind with held archives. {@code overLimit} tells the kinds that tripped the
 * hold from those held with them; an entry from a producer that did not send it counts as over the limit.
 * {@code counted} names what was counted ("students", "staff", "enrollments", ...).
 *
 * <p>Since revision 1.2 a breach also names the change it holds: {@code action} is {@code ARCHIVED} (the deletion
 * threshold; null from older producers means the same), {@code UPDATED} or {@code CREATED}, and {@code toArchive} then
 * counts the held changes of that action. {@code heldSample} lists the first held sourcedIds (at most
 * {@link #SAMPLE_SIZE}) so an operator can check them before approving; ids only, never names.
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
        Boolean overLimit,
        ChangeAction action,
        List<String> heldSample) {

    /** How many held sourcedIds a breach lists. */
    public static final int SAMPLE_SIZE = 20;

    public ThresholdBreach {
        heldSample = heldSample == null ? List.of() : List.copyOf(heldSample);
    }

    /** An entry of revision 1.1: the deletion threshold, without a sample of the held ids. */
    public ThresholdBreach(
            EntityType entityType,
            long toArchive,
            long total,
            long allowed,
            double percent,
            double thresholdPercent,
            String counted,
            Boolean overLimit) {
        this(entityType, toArchive, total, allowed, percent, thresholdPercent, counted, overLimit, null, null);
    }

    /** An entry of the first schema version: every breach listed was over its limit. */
    public ThresholdBreach(
            EntityType entityType, long toArchive, long total, long allowed, double percent, double thresholdPercent) {
        this(entityType, toArchive, total, allowed, percent, thresholdPercent, null, null, null, null);
    }

    /** Whether this kind's archives went over its limit (rather than being held because another kind did). */
    @JsonIgnore
    public boolean exceeds() {
        return overLimit == null || overLimit;
    }

    /** The change this breach holds; archives when the producer did not say. */
    @JsonIgnore
    public ChangeAction heldAction() {
        return action == null ? ChangeAction.ARCHIVED : action;
    }
}
