package com.rostersync.oneroster;

/**
 * Why a file or a row could not be read. {@code line} is 1-based (the header is line 1; 0 when the whole file is
 * at fault) and {@code field} is the column name or null. The reason never quotes a field's value, which may be
 * personal data.
 */
public record CsvProblem(String file, long line, String field, String reason) {

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(file);
        if (line > 0) {
            text.append(" line ").append(line);
        }
        if (field != null) {
            text.append(" field ").append(field);
        }
        return text.append(": ").append(reason).toString();
    }
}
