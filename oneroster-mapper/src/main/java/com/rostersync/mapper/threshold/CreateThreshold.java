package com.rostersync.mapper.threshold;

import com.rostersync.events.roster.RosterRecord;
import com.rostersync.events.run.ChangeAction;
import com.rostersync.mapper.roster.RecordKey;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * The create hold (ClassLink's and Edlink's insert thresholds; off unless the tenant sets {@code createPercent}): one
 * cycle may create at most floor(total * percent / 100) records of each kind the school has published. Past it, every
 * create of the school stays out of the files until an operator approves or discards them. A kind with nothing
 * published yet is not judged: a new school's first records are a first sync, which dry-run mode reviews.
 */
public final class CreateThreshold {

    private CreateThreshold() {}

    /**
     * @param creates   records the next snapshot would add, by key
     * @param exempt    creates that re-key a record (the id-change hold already explains them)
     * @param published the last published snapshot's records
     * @param percent   the school's create threshold
     */
    public static DeletionThreshold.Decision judge(
            Map<RecordKey, RosterRecord> creates,
            Set<RecordKey> exempt,
            Collection<RosterRecord> published,
            double percent) {
        return ShareOfPublished.judge(creates, exempt, published, percent, ChangeAction.CREATED, false);
    }
}
