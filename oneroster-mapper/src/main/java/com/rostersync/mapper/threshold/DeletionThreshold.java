package com.rostersync.mapper.threshold;

import com.rostersync.events.EntityType;
import com.rostersync.events.outcome.ThresholdBreach;
import com.rostersync.events.roster.Person;
import com.rostersync.events.roster.Role;
import com.rostersync.events.roster.RosterRecord;
import com.rostersync.events.run.ChangeAction;
import com.rostersync.mapper.roster.RecordKey;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Seed rule "deletion threshold" (SchoolStatus; Clever's sync holds): one cycle may archive at most
 * floor(total * percent / 100) of each kind of record in the school's last published snapshot (501 students at 10%
 * allows 50). Students are counted apart from every other user, so a school's staff never dilutes its students' limit.
 *
 * <p>The decision is one per school and cycle: when any kind goes over its limit, every archive of the school is held
 * (users, enrollments, demographics, classes ...), because archiving a student's enrollments without the student, or
 * the student without the enrollments, is exactly the partial archive a hold exists to prevent. Archives explained by
 * a re-keyed record ({@code exempt}) are listed with the hold but do not count against the limit. Each entry names
 * its action (archived) and the first held sourcedIds of its kind.
 */
public final class DeletionThreshold {

    private DeletionThreshold() {}

    /**
     * @param archives  the published records the next snapshot would no longer contain (direct and dependent)
     * @param exempt    keys among {@code archives} that another hold already explains (re-keyed records)
     * @param published the last published snapshot's records: the base the limit is a share of
     * @param percent   the tenant's deletionThresholdPercent
     */
    public static Decision judge(
            Map<RecordKey, RosterRecord> archives,
            Set<RecordKey> exempt,
            Collection<RosterRecord> published,
            double percent) {
        return ShareOfPublished.judge(archives, exempt, published, percent, ChangeAction.ARCHIVED, true);
    }

    /** floor(total * percent / 100), in decimal so 10% of 501 is exactly 50 and never 50.099 rounded oddly. */
    public static long allowed(long total, double percent) {
        return BigDecimal.valueOf(total)
                .multiply(BigDecimal.valueOf(percent))
                .divide(BigDecimal.valueOf(100), 0, RoundingMode.FLOOR)
                .longValueExact();
    }

    /**
     * Whether any kind went over its limit, and one entry per kind with archives: what a hold would hold, with
     * {@code overLimit} set on the kinds that tripped it.
     */
    public record Decision(boolean overLimit, List<ThresholdBreach> entries) {}

    /** What the threshold counts as one kind: an entity type, with users split into students and everyone else. */
    record Kind(EntityType type, String label) implements Comparable<Kind> {

        static Kind of(RosterRecord record) {
            return switch (record.entityType()) {
                case SCHOOL -> new Kind(EntityType.SCHOOL, "schools");
                case TERM -> new Kind(EntityType.TERM, "academic sessions");
                case COURSE -> new Kind(EntityType.COURSE, "courses");
                case SECTION -> new Kind(EntityType.SECTION, "classes");
                case PERSON ->
                    ((Person) record).role() == Role.STUDENT
                            ? new Kind(EntityType.PERSON, "students")
                            : new Kind(EntityType.PERSON, "staff");
                case ENROLLMENT -> new Kind(EntityType.ENROLLMENT, "enrollments");
                case DEMOGRAPHICS -> new Kind(EntityType.DEMOGRAPHICS, "demographics");
                case UNKNOWN -> new Kind(EntityType.UNKNOWN, "records");
            };
        }

        @Override
        public int compareTo(Kind other) {
            int byType = type.compareTo(other.type);
            // Students before staff within users: the seed's example is about students.
            return byType != 0 ? byType : other.label.compareTo(label);
        }
    }
}
