package com.rostersync.events.snapshot;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One OneRoster 1.1 CSV file of a snapshot: its name (e.g. {@code users.csv}), full UTF-8 content and data row count.
 * Since revision 1.3 a snapshot may name a file by reference instead: no {@code content}, and the SHA-256
 * {@code contentHash} of the content, which travels in its own {@link SchoolFile} record.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SnapshotFile(String name, String content, int rows, String contentHash) {

    /** A file whose content the snapshot carries. */
    public SnapshotFile(String name, String content, int rows) {
        this(name, content, rows, null);
    }

    /** A file named by reference: its content is the {@link SchoolFile} with this hash. */
    public static SnapshotFile reference(String name, int rows, String contentHash) {
        return new SnapshotFile(name, null, rows, contentHash);
    }

    @JsonIgnore
    public boolean isReference() {
        return content == null;
    }
}
