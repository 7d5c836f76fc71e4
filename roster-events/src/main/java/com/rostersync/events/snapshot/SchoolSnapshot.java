package com.rostersync.events.snapshot;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.rostersync.events.SchemaVersion;
import com.rostersync.events.cycle.TenantCycleRef;
import java.time.Instant;
import java.util.List;

/**
 * A complete, validated OneRoster 1.1 bulk file set for one school. {@code version} grows by one per emitted
 * snapshot of the school; {@code contentHash} covers every file, so an unchanged set can be recognised downstream.
 * {@code heldDeletions} counts records kept in the files only because a deletion threshold holds them.
 * {@code emptyOnPurpose} names (manifest names) the files sent without rows because the tenant's source may genuinely
 * leave them empty: only those may reach a receiver as a header-only bulk file, which archives the whole type.
 * {@code tenantCycle} is the tenant cycle the snapshot was built for (null when unknown).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SchoolSnapshot(
        int schemaVersion,
        String tenantId,
        String schoolId,
        long version,
        String contentHash,
        Instant createdAt,
        List<SnapshotFile> files,
        int heldDeletions,
        List<String> emptyOnPurpose,
        TenantCycleRef tenantCycle,
        Integer schemaMinor) {

    public SchoolSnapshot {
        schemaMinor = schemaMinor == null ? 0 : schemaMinor;
        emptyOnPurpose = emptyOnPurpose == null ? List.of() : List.copyOf(emptyOnPurpose);
    }

    /** As written at {@link SchemaVersion#MINOR}, the revision this build writes. */
    public SchoolSnapshot(
            int schemaVersion,
            String tenantId,
            String schoolId,
            long version,
            String contentHash,
            Instant createdAt,
            List<SnapshotFile> files,
            int heldDeletions,
            List<String> emptyOnPurpose,
            TenantCycleRef tenantCycle) {
        this(
                schemaVersion,
                tenantId,
                schoolId,
                version,
                contentHash,
                createdAt,
                files,
                heldDeletions,
                emptyOnPurpose,
                tenantCycle,
                SchemaVersion.MINOR);
    }

    /** A snapshot not tied to a tenant cycle. */
    public SchoolSnapshot(
            int schemaVersion,
            String tenantId,
            String schoolId,
            long version,
            String contentHash,
            Instant createdAt,
            List<SnapshotFile> files,
            int heldDeletions,
            List<String> emptyOnPurpose) {
        this(
                schemaVersion,
                tenantId,
                schoolId,
                version,
                contentHash,
                createdAt,
                files,
                heldDeletions,
                emptyOnPurpose,
                (TenantCycleRef) null);
    }

    /** A snapshot without files emptied on purpose: every file it sends has rows. */
    public SchoolSnapshot(
            int schemaVersion,
            String tenantId,
            String schoolId,
            long version,
            String contentHash,
            Instant createdAt,
            List<SnapshotFile> files,
            int heldDeletions) {
        this(schemaVersion, tenantId, schoolId, version, contentHash, createdAt, files, heldDeletions, List.of());
    }

    /** This snapshot, built for {@code cycle}. */
    public SchoolSnapshot forCycle(TenantCycleRef cycle) {
        return new SchoolSnapshot(
                schemaVersion,
                tenantId,
                schoolId,
                version,
                contentHash,
                createdAt,
                files,
                heldDeletions,
                emptyOnPurpose,
                cycle,
                schemaMinor);
    }

    /** The same snapshot with other files (e.g. their contents held elsewhere and restored). */
    public SchoolSnapshot withFiles(List<SnapshotFile> replacement) {
        return new SchoolSnapshot(
                schemaVersion,
                tenantId,
                schoolId,
                version,
                contentHash,
                createdAt,
                List.copyOf(replacement),
                heldDeletions,
                emptyOnPurpose,
                tenantCycle,
                schemaMinor);
    }
}
