package com.rostersync.oneroster;

import java.util.Arrays;
import java.util.List;

/** OneRoster list fields (grades, orgSourcedIds, periods, ...): comma-separated inside one field. */
public final class ListField {

    private ListField() {}

    public static String join(List<String> values) {
        return values == null ? "" : String.join(",", values);
    }

    public static List<String> split(String field) {
        if (field == null || field.isBlank()) {
            return List.of();
        }
        return Arrays.stream(field.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }
}
