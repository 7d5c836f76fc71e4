package com.rostersync.mapper.threshold;

import com.rostersync.events.outcome.ThresholdBreach;
import com.rostersync.events.roster.RosterRecord;
import com.rostersync.events.run.ChangeAction;
import com.rostersync.mapper.roster.RecordKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The arithmetic the change thresholds share: per kind of record (students apart from staff), how many of the last
 * published records one cycle changes, against floor(total * percent / 100). Which changes count and what a breach
 * holds is each threshold's own rule.
 */
final class ShareOfPublished {

    private ShareOfPublished() {}

    /**
     * @param changes   the changed records by key, in key order (so each kind's sample is its first held ids)
     * @param exempt    keys among {@code changes} that another hold already explains: listed, not counted
     * @param published the base the limit is a share of
     * @param judgeEmpty whether a kind with nothing published is judged (every change then is 100% of nothing)
     */
    static DeletionThreshold.Decision judge(
            Map<RecordKey, RosterRecord> changes,
            Set<RecordKey> exempt,
            Collection<RosterRecord> published,
            double percent,
            ChangeAction action,
            boolean judgeEmpty) {
        Map<DeletionThreshold.Kind, Tally> tally = new TreeMap<>();
        published.forEach(record -> tally.computeIfAbsent(DeletionThreshold.Kind.of(record), k -> new Tally()).total++);
        changes.forEach((key, record) -> {
            Tally counts = tally.computeIfAbsent(DeletionThreshold.Kind.of(record), k -> new Tally());
            counts.changed++;
            if (!exempt.contains(key)) {
                counts.counted++;
            }
            if (counts.sample.size() < ThresholdBreach.SAMPLE_SIZE) {
                counts.sample.add(key.sourcedId());
            }
        });
        List<ThresholdBreach> entries = new ArrayList<>();
        boolean overLimit = false;
        for (Map.Entry<DeletionThreshold.Kind, Tally> entry : tally.entrySet()) {
            Tally counts = entry.getValue();
            if (counts.changed == 0) {
                continue;
            }
            long allowed = DeletionThreshold.allowed(counts.total, percent);
            boolean over = (judgeEmpty || counts.total > 0) && counts.counted > allowed;
            overLimit |= over;
            double share = counts.total == 0 ? 100.0 : counts.changed * 100.0 / counts.total;
            entries.add(new ThresholdBreach(
                    entry.getKey().type(),
                    counts.changed,
                    counts.total,
                    allowed,
                    share,
                    percent,
                    entry.getKey().label(),
                    over,
                    action,
                    counts.sample));
        }
        return new DeletionThreshold.Decision(overLimit, List.copyOf(entries));
    }

    private static final class Tally {
        private long total;
        private long changed;
        private long counted;
        private final List<String> sample = new ArrayList<>();
    }
}
