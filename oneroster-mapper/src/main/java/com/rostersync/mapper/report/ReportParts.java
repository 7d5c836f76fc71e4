package com.rostersync.mapper.report;

import com.rostersync.events.run.ChangeReport;
import com.rostersync.events.run.ChangeRow;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a change report into parts that each fit in one Kafka message, by an estimate of each row's JSON size with room
 * to spare (a big school's report would exceed the broker's 1 MB default).
 */
final class ReportParts {

    /** Field names, quotes and punctuation of one row besides its strings. */
    private static final int ROW_OVERHEAD = 96;

    private ReportParts() {}

    static List<ChangeReport> split(
            String runId, String tenantId, String schoolId, List<ChangeRow> rows, int maxPartBytes) {
        List<List<ChangeRow>> chunks = new ArrayList<>();
        List<ChangeRow> chunk = new ArrayList<>();
        long size = 0;
        for (ChangeRow row : rows) {
            long rowSize = estimate(row);
            if (!chunk.isEmpty() && size + rowSize > maxPartBytes) {
                chunks.add(chunk);
                chunk = new ArrayList<>();
                size = 0;
            }
            chunk.add(row);
            size += rowSize;
        }
        chunks.add(chunk);
        List<ChangeReport> parts = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            parts.add(new ChangeReport(runId, tenantId, schoolId, chunks.get(i), i + 1, chunks.size()));
        }
        return List.copyOf(parts);
    }

    static long estimate(ChangeRow row) {
        // Escaping can at worst double a string's length (and a non-ASCII char takes up to 6 bytes escaped); ids and
        // field names are plain, so twice their length is the margin.
        long strings = length(row.sourcedId()) + length(row.rule());
        for (String field : row.fields()) {
            strings += length(field) + 3;
        }
        return ROW_OVERHEAD + 2 * strings;
    }

    private static long length(String text) {
        return text == null ? 0 : text.length();
    }
}
