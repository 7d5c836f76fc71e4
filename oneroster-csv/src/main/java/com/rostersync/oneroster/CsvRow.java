package com.rostersync.oneroster;

import java.util.Map;
import java.util.TreeMap;

/** One data row, by column name, with the physical line it starts on. Absent optional columns read as "". */
public record CsvRow(long line, Map<String, String> values) {

    public String get(String column) {
        return values.getOrDefault(column, "");
    }

    /** The row's non-blank extension columns ({@code metadata.<name>}), by name without the prefix, sorted. */
    public Map<String, String> extensions() {
        Map<String, String> extensions = new TreeMap<>();
        values.forEach((column, value) -> {
            if (OneRosterFile.isExtensionColumn(column) && !value.isBlank()) {
                extensions.put(column.substring(OneRosterFile.EXTENSION_PREFIX.length()), value);
            }
        });
        return extensions;
    }
}
