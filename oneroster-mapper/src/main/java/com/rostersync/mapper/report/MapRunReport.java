package com.rostersync.mapper.report;

import com.rostersync.events.EntityType;
import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.events.outcome.ValidationIssue;
import com.rostersync.events.roster.RosterRecord;
import com.rostersync.events.run.ChangeAction;
import com.rostersync.events.run.ChangeReport;
import com.rostersync.events.run.ChangeRow;
import com.rostersync.events.run.RunCounts;
import com.rostersync.mapper.roster.RecordKey;
import com.rostersync.mapper.validation.RosterValidator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What one map run did with each record, for its change report and its counts: created, updated (with the names of the
 * fields that changed), archived, held (while a hold is in place: an archive, update or create the receiver does not
 * see yet) and left out (with the rule it broke). It compares the records last published, the records published now
 * and what the source holds; ids and field names only, never values.
 */
public final class MapRunReport {

    /** Each report part's budget, well under the broker's default 1 MB message limit. */
    public static final int MAX_PART_BYTES = 256 * 1024;

    private static final Map<String, EntityType> TYPES_BY_FILE = typesByFile();

    private final List<ChangeRow> rows;

    private MapRunReport(List<ChangeRow> rows) {
        this.rows = List.copyOf(rows);
    }

    /**
     * @param before  the records of the last snapshot
     * @param after   the records of this run's snapshot (the same as {@code before} when nothing went out)
     * @param current what the source holds now
     * @param issues  the records left out, each with the rule it broke
     * @param reason  the run's outcome; a hold reason makes the differences still held back HELD rows
     */
    public static MapRunReport of(
            Map<RecordKey, RosterRecord> before,
            Map<RecordKey, RosterRecord> after,
            Map<RecordKey, RosterRecord> current,
            List<ValidationIssue> issues,
            OutcomeReason reason) {
        Map<RecordKey, ChangeRow> changed = new TreeMap<>();
        after.forEach((key, record) -> {
            RosterRecord last = before.get(key);
            if (last == null) {
                changed.put(key, row(ChangeAction.CREATED, key, List.of(), null));
            } else if (!last.equals(record)) {
                changed.put(key, row(ChangeAction.UPDATED, key, FieldChanges.between(last, record), null));
            }
        });
        before.keySet().stream()
                .filter(key -> !after.containsKey(key))
                .forEach(key -> changed.put(key, row(ChangeAction.ARCHIVED, key, List.of(), null)));
        Map<RecordKey, ChangeRow> leftOut = new TreeMap<>();
        Set<RecordKey> leftOutKeys = new HashSet<>();
        for (ValidationIssue issue : issues) {
            EntityType type = TYPES_BY_FILE.getOrDefault(issue.file(), EntityType.UNKNOWN);
            RecordKey key = new RecordKey(type, String.valueOf(issue.sourcedId()));
            leftOutKeys.add(key);
            leftOut.putIfAbsent(
                    key,
                    row(
                            ChangeAction.LEFT_OUT,
                            key,
                            issue.field() == null ? List.of() : List.of(issue.field()),
                            issue.problem()));
        }
        Map<RecordKey, ChangeRow> held = new TreeMap<>();
        if (reason != null && reason.isHold()) {
            String rule = reason.name();
            current.forEach((key, record) -> {
                if (leftOutKeys.contains(key) || changed.containsKey(key)) {
                    return;
                }
                RosterRecord sent = after.get(key);
                if (sent == null) {
                    held.put(key, row(ChangeAction.HELD, key, List.of(), rule));
                } else if (!sent.equals(record)) {
                    held.put(key, row(ChangeAction.HELD, key, FieldChanges.between(sent, record), rule));
                }
            });
            after.keySet().stream()
                    .filter(key -> !current.containsKey(key) && !leftOutKeys.contains(key) && !changed.containsKey(key))
                    .forEach(key -> held.put(key, row(ChangeAction.HELD, key, List.of(), rule)));
        }
        List<ChangeRow> rows = new ArrayList<>(changed.size() + held.size() + leftOut.size());
        rows.addAll(changed.values());
        rows.addAll(held.values());
        rows.addAll(leftOut.values());
        return new MapRunReport(rows);
    }

    public List<ChangeRow> rows() {
        return rows;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public RunCounts counts() {
        Map<ChangeAction, Long> counts = new EnumMap<>(ChangeAction.class);
        rows.forEach(row -> counts.merge(row.action(), 1L, Long::sum));
        return new RunCounts(
                counts.getOrDefault(ChangeAction.CREATED, 0L),
                counts.getOrDefault(ChangeAction.UPDATED, 0L),
                counts.getOrDefault(ChangeAction.ARCHIVED, 0L),
                counts.getOrDefault(ChangeAction.HELD, 0L),
                counts.getOrDefault(ChangeAction.LEFT_OUT, 0L));
    }

    /** The report as the messages that carry it: one part unless it would not fit in one. */
    public List<ChangeReport> parts(String runId, String tenantId, String schoolId, int maxPartBytes) {
        return ReportParts.split(runId, tenantId, schoolId, rows, maxPartBytes);
    }

    private static ChangeRow row(ChangeAction action, RecordKey key, List<String> fields, String rule) {
        return new ChangeRow(action, key.type(), key.sourcedId(), fields, rule);
    }

    private static Map<String, EntityType> typesByFile() {
        Map<String, EntityType> types = new HashMap<>();
        Arrays.stream(EntityType.values())
                .filter(type -> type != EntityType.UNKNOWN)
                .forEach(type -> types.put(RosterValidator.fileOf(type), type));
        return Map.copyOf(types);
    }
}
