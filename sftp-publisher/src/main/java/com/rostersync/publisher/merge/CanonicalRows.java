package com.rostersync.publisher.merge;

import com.rostersync.oneroster.OneRosterFile;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits one school file into its rows without decoding them, when the file is exactly what {@code CsvWriter} writes
 * for values the reader would return unchanged: the standard header and no extension columns, CRLF after every row,
 * a field quoted only when it must be and then with its quotes doubled, no value with surrounding whitespace, every
 * required value present, the header's number of fields in every row. Such a row, copied as it is, is byte for byte
 * the row the merger would write after reading it, which is what lets a district's files be merged from the rows'
 * text. Anything else (a file some other writer made, or one the reader would reject) gives null, and the merger then
 * reads the file and names what is wrong in it.
 */
final class CanonicalRows {

    /** One row: its sourcedId and its text without the line end. */
    record Row(String sourcedId, String text) {}

    private CanonicalRows() {}

    static List<Row> split(OneRosterFile file, String content) {
        List<String> columns = file.columns();
        String header = String.join(",", columns) + "\r\n";
        int idColumn = columns.indexOf("sourcedId");
        if (idColumn < 0 || !content.startsWith(header)) {
            return null;
        }
        boolean[] required = new boolean[columns.size()];
        for (int i = 0; i < required.length; i++) {
            required[i] = file.isRequired(columns.get(i));
        }
        List<Row> rows = new ArrayList<>();
        int length = content.length();
        int at = header.length();
        while (at < length) {
            int start = at;
            String id = null;
            for (int field = 0; ; field++) {
                if (field == required.length) {
                    return null;
                }
                int end = fieldEnd(content, at);
                if (end < 0) {
                    return null;
                }
                boolean quoted = end > at && content.charAt(at) == '"';
                int first = quoted ? at + 1 : at;
                int last = quoted ? end - 2 : end - 1;
                if (last >= first
                        && (Character.isWhitespace(content.charAt(first))
                                || Character.isWhitespace(content.charAt(last)))) {
                    return null;
                }
                if (last < first && required[field]) {
                    return null;
                }
                if (field == idColumn) {
                    String raw = content.substring(first, last + 1);
                    id = quoted ? raw.replace("\"\"", "\"") : raw;
                }
                if (end == length) {
                    return null;
                }
                char next = content.charAt(end);
                if (next == ',') {
                    at = end + 1;
                } else if (next == '\r' && end + 1 < length && content.charAt(end + 1) == '\n') {
                    if (field != required.length - 1) {
                        return null;
                    }
                    rows.add(new Row(id, content.substring(start, end)));
                    at = end + 2;
                    break;
                } else {
                    return null;
                }
            }
        }
        return rows;
    }

    /**
     * Where the field starting at {@code at} ends (the index of the comma or CR after it, or the content's length), or
     * -1 when it is not written as the writer writes it: a quoted field must need its quotes, and an unquoted one may
     * hold no quote, LF or NUL.
     */
    private static int fieldEnd(String content, int at) {
        int length = content.length();
        if (at < length && content.charAt(at) == '"') {
            boolean needsQuotes = false;
            for (int i = at + 1; i < length; i++) {
                char c = content.charAt(i);
                if (c == '"') {
                    if (i + 1 < length && content.charAt(i + 1) == '"') {
                        needsQuotes = true;
                        i++;
                    } else {
                        return needsQuotes ? i + 1 : -1;
                    }
                } else if (c == ',' || c == '\r' || c == '\n') {
                    needsQuotes = true;
                } else if (c == '\0') {
                    return -1;
                }
            }
            return -1;
        }
        for (int i = at; i < length; i++) {
            char c = content.charAt(i);
            if (c == ',' || c == '\r') {
                return i;
            }
            if (c == '"' || c == '\n' || c == '\0') {
                return -1;
            }
        }
        return length;
    }
}
