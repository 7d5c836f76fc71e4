package com.rostersync.mapper.threshold;

import com.rostersync.events.EntityType;
import com.rostersync.events.outcome.ThresholdBreach;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Seed rule "deletion threshold" (SchoolStatus; Clever's sync holds): per entity type, one cycle may archive at most
 * floor(total * percent / 100) of the records in the last published snapshot (501 students at 10% allows 50). When a
 * type's deletions exceed that, none of that type's deletions go through; creates and updates are not affected. An
 * operator's approval lets the held deletions through once.
 */
public final class DeletionThreshold {

    private DeletionThreshold() {}

    /**
     * @param deletions      per type, the sourcedIds published last time that the source no longer has
     * @param publishedTotal per type, the record count of the last published snapshot
     * @param percent        the tenant's deletionThresholdPercent
     * @param approved       an operator approved the held deletions
     */
    public static Decision decide(
            Map<EntityType, Set<String>> deletions,
            Map<EntityType, Long> publishedTotal,
            double percent,
            boolean approved) {
        Map<EntityType, Set<String>> held = new EnumMap<>(EntityType.class);
        List<ThresholdBreach> breaches = new ArrayList<>();
        if (approved) {
            return new Decision(held, breaches);
        }
        for (Map.Entry<EntityType, Set<String>> entry : new EnumMap<>(deletions).entrySet()) {
            long toArchive = entry.getValue().size();
            long total = publishedTotal.getOrDefault(entry.getKey(), 0L);
            long allowed = allowed(total, percent);
            if (toArchive > allowed) {
                held.put(entry.getKey(), new TreeSet<>(entry.getValue()));
                double share = total == 0 ? 100.0 : toArchive * 100.0 / total;
                breaches.add(new ThresholdBreach(entry.getKey(), toArchive, total, allowed, share, percent));
            }
        }
        return new Decision(held, breaches);
    }

    /** floor(total * percent / 100), in decimal so 10% of 501 is exactly 50 and never 50.099 rounded oddly. */
    public static long allowed(long total, double percent) {
        return BigDecimal.valueOf(total)
                .multiply(BigDecimal.valueOf(percent))
                .divide(BigDecimal.valueOf(100), 0, RoundingMode.FLOOR)
                .longValueExact();
    }

    /** The deletions held per type (empty when everything may go through) and one breach per held type. */
    public record Decision(Map<EntityType, Set<String>> held, List<ThresholdBreach> breaches) {

        public Map<EntityType, Long> heldCounts() {
            Map<EntityType, Long> counts = new EnumMap<>(EntityType.class);
            held.forEach((type, ids) -> counts.put(type, (long) ids.size()));
            return counts;
        }
    }
}
