package com.rostersync.monitor.history;

import com.rostersync.events.run.RunRecorded;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The monitor's in-memory index of the sync history: the newest {@code maxRunsPerTenant} runs of each tenant, and for
 * each indexed run where its change report's parts lie. Its size is bounded by the tenants and that limit, never by the
 * platform's whole history: an older run falls out of the index (it stays on the topic until its retention ends). A
 * report part that arrives before its run waits in a bounded queue of its own.
 */
final class RunIndex {

    private static final Comparator<RunRecorded> NEWEST_FIRST = Comparator.comparing(
                    (RunRecorded run) -> run.finishedAt() == null ? Instant.EPOCH : run.finishedAt())
            .thenComparing(RunRecorded::runId)
            .reversed();

    private final int maxRunsPerTenant;
    private final int maxPendingReports;
    private final Map<String, TreeSet<RunRecorded>> byTenant = new HashMap<>();
    private final Map<String, RunRecorded> byId = new HashMap<>();
    private final Map<String, List<ReportPosition>> reports = new HashMap<>();
    private final LinkedHashMap<String, List<ReportPosition>> pendingReports = new LinkedHashMap<>();

    RunIndex(int maxRunsPerTenant, int maxPendingReports) {
        this.maxRunsPerTenant = maxRunsPerTenant;
        this.maxPendingReports = maxPendingReports;
    }

    /** Indexes a run; the same run id recorded again replaces the earlier record. */
    synchronized void add(RunRecorded run) {
        if (run.runId() == null || run.tenantId() == null) {
            return;
        }
        RunRecorded earlier = byId.remove(run.runId());
        if (earlier != null) {
            byTenant.get(earlier.tenantId()).remove(earlier);
        }
        TreeSet<RunRecorded> runs = byTenant.computeIfAbsent(run.tenantId(), tenant -> new TreeSet<>(NEWEST_FIRST));
        runs.add(run);
        byId.put(run.runId(), run);
        List<ReportPosition> waiting = pendingReports.remove(run.runId());
        if (waiting != null) {
            reports.computeIfAbsent(run.runId(), id -> new ArrayList<>()).addAll(waiting);
        }
        while (runs.size() > maxRunsPerTenant) {
            RunRecorded oldest = runs.pollLast();
            byId.remove(oldest.runId());
            reports.remove(oldest.runId());
        }
    }

    /** Notes where a part of a run's change report lies. */
    synchronized void addReportPart(String runId, ReportPosition position) {
        if (runId == null) {
            return;
        }
        if (byId.containsKey(runId)) {
            reports.computeIfAbsent(runId, id -> new ArrayList<>()).add(position);
            return;
        }
        pendingReports.computeIfAbsent(runId, id -> new ArrayList<>()).add(position);
        while (pendingReports.size() > maxPendingReports) {
            pendingReports.remove(pendingReports.keySet().iterator().next());
        }
    }

    synchronized List<RunRecorded> runs(RunQuery query) {
        List<RunRecorded> matching = new ArrayList<>();
        if (query.tenantId() != null) {
            TreeSet<RunRecorded> runs = byTenant.get(query.tenantId());
            if (runs != null) {
                collect(runs, query, matching);
            }
            return List.copyOf(matching);
        }
        byTenant.values().forEach(runs -> collect(runs, query, matching));
        matching.sort(NEWEST_FIRST);
        return List.copyOf(matching.subList(0, Math.min(query.limit(), matching.size())));
    }

    synchronized Optional<RunRecorded> run(String runId) {
        return Optional.ofNullable(byId.get(runId));
    }

    /** Where the parts of the run's change report lie, in the order they arrived; empty when it has none. */
    synchronized List<ReportPosition> reportParts(String runId) {
        return List.copyOf(reports.getOrDefault(runId, List.of()));
    }

    synchronized int size() {
        return byId.size();
    }

    private static void collect(TreeSet<RunRecorded> runs, RunQuery query, List<RunRecorded> into) {
        int found = 0;
        for (RunRecorded run : runs) {
            if (query.since() != null
                    && run.finishedAt() != null
                    && run.finishedAt().isBefore(query.since())) {
                break;
            }
            if (matches(run, query)) {
                into.add(run);
                if (++found == query.limit()) {
                    break;
                }
            }
        }
    }

    private static boolean matches(RunRecorded run, RunQuery query) {
        return (query.schoolId() == null || Objects.equals(query.schoolId(), run.schoolId()))
                && (query.destinationId() == null || Objects.equals(query.destinationId(), run.destinationId()))
                && (query.since() == null
                        || run.finishedAt() == null
                        || !run.finishedAt().isBefore(query.since()));
    }
}
