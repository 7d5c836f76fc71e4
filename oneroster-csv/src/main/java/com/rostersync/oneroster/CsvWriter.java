package com.rostersync.oneroster;

import java.util.List;

/**
 * Writes one OneRoster file: the exact header, then rows, RFC 4180 (CRLF line ends; a field with a comma, quote, CR
 * or LF is quoted and its quotes doubled). Hand-written because it is a few lines and the output must be byte-exact.
 */
public final class CsvWriter {

    private static final String CRLF = "\r\n";

    private CsvWriter() {}

    public static String write(OneRosterFile file, List<List<String>> rows) {
        StringBuilder out = new StringBuilder(64 * (rows.size() + 1));
        appendRow(out, file.columns());
        for (List<String> row : rows) {
            if (row.size() != file.columns().size()) {
                throw new IllegalArgumentException(file.fileName() + ": row has " + row.size() + " fields, header has "
                        + file.columns().size());
            }
            appendRow(out, row);
        }
        return out.toString();
    }

    private static void appendRow(StringBuilder out, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            appendField(out, fields.get(i));
        }
        out.append(CRLF);
    }

    static void appendField(StringBuilder out, String value) {
        if (value == null || value.isEmpty()) {
            return;
        }
        if (needsQuotes(value)) {
            out.append('"').append(value.replace("\"", "\"\"")).append('"');
        } else {
            out.append(value);
        }
    }

    private static boolean needsQuotes(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',' || c == '"' || c == '\r' || c == '\n') {
                return true;
            }
        }
        return false;
    }
}
