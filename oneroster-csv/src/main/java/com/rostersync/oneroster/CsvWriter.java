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
        return write(file, List.of(), rows);
    }

    /**
     * With extension columns: {@code metadata.<name>} for each of {@code extensionNames} after the standard columns;
     * each row then has the standard cells followed by one cell per extension, in that order.
     */
    public static String write(OneRosterFile file, List<String> extensionNames, List<List<String>> rows) {
        List<String> header = new java.util.ArrayList<>(file.columns());
        extensionNames.forEach(name -> header.add(OneRosterFile.EXTENSION_PREFIX + name));
        StringBuilder out = new StringBuilder(64 * (rows.size() + 1));
        appendRow(out, header);
        for (List<String> row : rows) {
            if (row.size() != header.size()) {
                throw new IllegalArgumentException(
                        file.fileName() + ": row has " + row.size() + " fields, header has " + header.size());
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
