package com.rostersync.events.snapshot;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** One OneRoster 1.1 CSV file: its name (e.g. {@code users.csv}), full UTF-8 content and data row count. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SnapshotFile(String name, String content, int rows) {}
