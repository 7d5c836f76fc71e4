package com.rostersync.mapper.pipeline;

import com.rostersync.events.Topics;
import com.rostersync.events.cycle.TenantCycleRef;
import com.rostersync.events.outcome.Stage;
import com.rostersync.events.outcome.SyncOutcome;
import com.rostersync.events.run.ChangeReport;
import com.rostersync.events.run.RunRecorded;
import com.rostersync.mapper.cycle.CyclePlan;
import com.rostersync.mapper.report.MapRunReport;
import com.rostersync.mapper.roster.SchoolRoster;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.streams.processor.api.Record;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sync history of one school cycle: its change report (in parts when large, keyed by run id; none when no record
 * changed) and its run (keyed by tenant, with the outcome's reason). Built once per cycle from what the planner already
 * compared, so the history costs no per-record send.
 */
final class MapRunRecords {

    private final JsonMapper json;

    MapRunRecords(JsonMapper json) {
        this.json = json;
    }

    List<Record<String, Outbound>> of(
            SchoolRoster roster, CyclePlan plan, TenantCycleRef cycle, Instant startedAt, Instant finishedAt) {
        SyncOutcome outcome = plan.outcome();
        MapRunReport report = MapRunReport.of(
                roster.published(), plan.published(), roster.current(), outcome.validationIssues(), outcome.reason());
        String runId = "map-" + UUID.randomUUID();
        long at = finishedAt.toEpochMilli();
        List<Record<String, Outbound>> records = new ArrayList<>();
        if (!report.isEmpty()) {
            for (ChangeReport part :
                    report.parts(runId, roster.tenantId(), roster.schoolId(), MapRunReport.MAX_PART_BYTES)) {
                records.add(new Record<>(runId, new Outbound(Topics.CHANGE_REPORTS, json.writeValueAsBytes(part)), at));
            }
        }
        RunRecorded run = new RunRecorded(
                runId,
                Stage.MAP,
                roster.tenantId(),
                roster.schoolId(),
                null,
                cycle,
                startedAt,
                finishedAt,
                outcome.reason(),
                report.counts(),
                List.of(),
                outcome.message());
        records.add(new Record<>(roster.tenantId(), new Outbound(Topics.RUNS, json.writeValueAsBytes(run)), at));
        return records;
    }
}
