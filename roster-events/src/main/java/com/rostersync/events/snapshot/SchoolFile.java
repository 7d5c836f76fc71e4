package com.rostersync.events.snapshot;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.rostersync.events.Keys;
import com.rostersync.events.SchemaVersion;
import com.rostersync.events.Topics;

/**
 * One file of a school's snapshot, sent on its own (revision 1.3) so that a snapshot carries only the files its cycle
 * changed and names the others by {@code contentHash} (SHA-256 of the UTF-8 content). It goes to the snapshot topic
 * keyed by {@link Keys#schoolFile}, on the partition of the school's key and before the snapshot that names it, with
 * the header {@link Topics#TYPE_HEADER} = {@link #TYPE}: the topic is compacted per key, so each file's latest version
 * stays next to the school's latest snapshot however long ago it changed.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SchoolFile(
        int schemaVersion,
        String tenantId,
        String schoolId,
        String name,
        String content,
        int rows,
        String contentHash,
        Integer schemaMinor) {

    /** The value of {@link Topics#TYPE_HEADER} on a school file record. */
    public static final String TYPE = "school-file";

    public SchoolFile {
        schemaMinor = schemaMinor == null ? 0 : schemaMinor;
    }

    /** As written at {@link SchemaVersion#MINOR}, the revision this build writes. */
    public SchoolFile(String tenantId, String schoolId, SnapshotFile file, String contentHash) {
        this(
                SchemaVersion.CURRENT,
                tenantId,
                schoolId,
                file.name(),
                file.content(),
                file.rows(),
                contentHash,
                SchemaVersion.MINOR);
    }

    public String key() {
        return Keys.schoolFile(tenantId, schoolId, name);
    }
}
