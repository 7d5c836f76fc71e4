package com.rostersync.mapper.cycle;

import com.rostersync.events.EntityType;
import com.rostersync.mapper.roster.SchoolMeta;
import java.util.Map;

/**
 * Everything the mapper decides about an operator's approval of a school's held deletions (seed: Clever's "Approve
 * Changes" on a sync hold), in one place: what an approval records, whether it releases what a cycle holds now, what
 * the outcome says when it does not, and that the cycle which judged it uses it up.
 */
public final class HoldApproval {

    private HoldApproval() {}

    /** What a cycle makes of the school's approval: whether the hold is released, and a note for the outcome. */
    public record Verdict(boolean released, String note) {}

    /** Records an operator's approval of up to {@code deletions} held deletions (null: however many are held). */
    public static SchoolMeta approve(SchoolMeta meta, Long deletions) {
        return meta.withHoldApproved(deletions);
    }

    /**
     * Judges the approval in a cycle that would hold {@code held} archives ({@code hold}: the threshold or an id
     * change holds them). An approval for fewer archives than are now held releases nothing: nobody saw the others.
     */
    public static Verdict judge(SchoolMeta meta, boolean hold, long held) {
        boolean covers = meta.holdApproved() && (meta.approvedDeletions() == null || held <= meta.approvedDeletions());
        boolean released = hold && covers;
        String note = meta.holdApproved() && hold && !released
                ? "; an approval for " + meta.approvedDeletions() + " deletions did not cover the " + held
                        + " now held, so they stay held until approved again"
                : "";
        return new Verdict(released, note);
    }

    /**
     * The school's meta after a cycle that judged the approval and left the snapshot at {@code version}: the approval
     * is used up, whatever the verdict, so a later hold needs a new one.
     */
    public static SchoolMeta afterCycle(long version, String contentHash, Map<EntityType, Long> held) {
        return new SchoolMeta(version, contentHash, false, held, false, null);
    }
}
