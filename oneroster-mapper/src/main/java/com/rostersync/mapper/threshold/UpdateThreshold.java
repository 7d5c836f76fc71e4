package com.rostersync.mapper.threshold;

import com.rostersync.events.roster.RosterRecord;
import com.rostersync.events.run.ChangeAction;
import com.rostersync.mapper.roster.RecordKey;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * Clever's app-side update hold: one cycle may update at most floor(total * percent / 100) of each kind of a school's
 * published records (default 75%). Past it, every update of the school is held (the records stay in the files as last
 * published) until an operator approves or discards them; archives and creates still flow.
 */
public final class UpdateThreshold {

    private UpdateThreshold() {}

    /**
     * @param updates   published records whose next version differs, by key, with their next version
     * @param exempt    updates another hold already explains (records following a re-keyed record to its new id)
     * @param published the last published snapshot's records
     * @param percent   the school's update threshold
     */
    public static DeletionThreshold.Decision judge(
            Map<RecordKey, RosterRecord> updates,
            Set<RecordKey> exempt,
            Collection<RosterRecord> published,
            double percent) {
        return ShareOfPublished.judge(updates, exempt, published, percent, ChangeAction.UPDATED, false);
    }
}
