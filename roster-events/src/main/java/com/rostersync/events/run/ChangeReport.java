package com.rostersync.events.run;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.rostersync.events.SchemaVersion;
import java.util.List;

/**
 * The per-record detail of one map run ({@link RunRecorded#runId()}): one row per record created, updated, archived,
 * held or left out. Sent on {@link com.rostersync.events.Topics#CHANGE_REPORTS}, keyed by run id. Ids and field names
 * only, never values, so it can be downloaded by anyone who may see the run.
 *
 * <p>A large school's report would not fit in one Kafka message, so it is sent in {@code parts} messages under the
 * same key, numbered by {@code part} from 1; the rows of the report are the rows of its parts in part order. A report
 * written without parts is one part.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChangeReport(
        int schemaVersion,
        String runId,
        String tenantId,
        String schoolId,
        List<ChangeRow> rows,
        Integer schemaMinor,
        Integer part,
        Integer parts) {

    public ChangeReport {
        rows = rows == null ? List.of() : List.copyOf(rows);
        schemaMinor = schemaMinor == null ? 0 : schemaMinor;
        part = part == null ? 1 : part;
        parts = parts == null ? 1 : parts;
    }

    /** A report in one part. */
    public ChangeReport(
            int schemaVersion,
            String runId,
            String tenantId,
            String schoolId,
            List<ChangeRow> rows,
            Integer schemaMinor) {
        this(schemaVersion, runId, tenantId, schoolId, rows, schemaMinor, 1, 1);
    }

    /** A report in one part, as written at {@link SchemaVersion#MINOR}. */
    public ChangeReport(String runId, String tenantId, String schoolId, List<ChangeRow> rows) {
        this(SchemaVersion.CURRENT, runId, tenantId, schoolId, rows, SchemaVersion.MINOR, 1, 1);
    }

    /** Part {@code part} of {@code parts} of a report, as written at {@link SchemaVersion#MINOR}. */
    public ChangeReport(String runId, String tenantId, String schoolId, List<ChangeRow> rows, int part, int parts) {
        this(SchemaVersion.CURRENT, runId, tenantId, schoolId, rows, SchemaVersion.MINOR, part, parts);
    }
}
