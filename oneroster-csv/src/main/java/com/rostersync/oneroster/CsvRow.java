package com.rostersync.oneroster;

import java.util.Map;

/** One data row, by column name, with the physical line it starts on. Absent optional columns read as "". */
public record CsvRow(long line, Map<String, String> values) {

    public String get(String column) {
        return values.getOrDefault(column, "");
    }
}
