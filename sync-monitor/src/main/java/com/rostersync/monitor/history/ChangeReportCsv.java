package com.rostersync.monitor.history;

import com.rostersync.events.run.ChangeReport;
import com.rostersync.events.run.ChangeRow;

/**
 * Writes a change report as the CSV an operator downloads: one row per record, ids, field names and rules only (the
 * report carries no values). A cell that a spreadsheet would read as a formula is prefixed with an apostrophe.
 */
final class ChangeReportCsv {

    static final String HEADER = "action,type,sourcedId,fields,rule";

    private ChangeReportCsv() {}

    static String write(ChangeReport report) {
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        for (ChangeRow row : report.rows()) {
            csv.append(cell(row.action() == null ? "" : row.action().name()))
                    .append(',')
                    .append(cell(
                            row.entityType() == null ? "" : row.entityType().name()))
                    .append(',')
                    .append(cell(row.sourcedId()))
                    .append(',')
                    .append(cell(String.join(" ", row.fields())))
                    .append(',')
                    .append(cell(row.rule()))
                    .append("\r\n");
        }
        return csv.toString();
    }

    private static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String text = "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
