package com.rostersync.events.run;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.rostersync.events.SchemaVersion;
import java.util.List;

/**
 * The per-record detail of one map run ({@link RunRecorded#runId()}): one row per record created, updated, archived,
 * held or left out. Sent on {@link com.rostersync.events.Topics#CHANGE_REPORTS}, keyed by run id. Ids and field names
 * only, never values, so it can be downloaded by anyone who may see the run.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChangeReport(
        int schemaVersion, String runId, String tenantId, String schoolId, List<ChangeRow> rows, Integer schemaMinor) {

    public ChangeReport {
        rows = rows == null ? List.of() : List.copyOf(rows);
        schemaMinor = schemaMinor == null ? 0 : schemaMinor;
    }

    public ChangeReport(String runId, String tenantId, String schoolId, List<ChangeRow> rows) {
        this(SchemaVersion.CURRENT, runId, tenantId, schoolId, rows, SchemaVersion.MINOR);
    }
}
