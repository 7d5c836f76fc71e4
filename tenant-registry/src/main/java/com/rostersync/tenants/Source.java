package com.rostersync.tenants;

/** A tenant's source: exactly one of {@code jdbc} or {@code csvDrop} is set, matching {@code type}. */
public record Source(SourceType type, JdbcSource jdbc, CsvDropSource csvDrop) {}
