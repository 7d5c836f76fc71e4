package com.rostersync.mapper.pipeline;

import com.rostersync.events.Keys;
import com.rostersync.events.snapshot.SchoolFile;
import com.rostersync.events.snapshot.SchoolSnapshot;
import com.rostersync.events.snapshot.SnapshotFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How a school's files go out on the snapshot topic: each file that differs from what the topic already holds for the
 * school as its own record, then a snapshot that names every file by hash (revision 1.3). A 1% change of users then
 * sends a school's {@code users.csv}, not its seven times larger enrollments: in run P2 the snapshot's JSON and
 * compression were a third of the mapper's work and its reading and compression 40% of the publisher's.
 *
 * @param changed the file records to send, before the snapshot
 * @param dropped keys of files the topic holds but the snapshot no longer names (tombstones)
 * @param snapshot the snapshot, every file by reference
 */
record SnapshotParts(List<SchoolFile> changed, List<String> dropped, SchoolSnapshot snapshot) {

    /**
     * @param snapshot the snapshot of the cycle, every file with its content hash; the files that differ from
     *     {@code onTopic} with their content
     * @param onTopic the files the topic holds for the school (each with its hash), null when not known: then every
     *     file is sent
     */
    static SnapshotParts of(SchoolSnapshot snapshot, LastFiles onTopic) {
        Map<String, SnapshotFile> before = byName(onTopic);
        List<SnapshotFile> files = snapshot.files();
        List<SchoolFile> changed = new ArrayList<>();
        List<SnapshotFile> references = new ArrayList<>(files.size());
        for (SnapshotFile file : files) {
            String hash = Objects.requireNonNull(file.contentHash(), () -> "the hash of " + file.name());
            SnapshotFile previous = before.get(file.name());
            if (previous == null || !previous.contentHash().equals(hash)) {
                if (file.isReference()) {
                    // Only files the topic holds are kept by reference (PartialRebuild), so this is a defect.
                    throw new IllegalStateException("school " + snapshot.schoolId() + ": " + file.name()
                            + " differs from what the snapshot topic holds and carries no content");
                }
                changed.add(new SchoolFile(snapshot.tenantId(), snapshot.schoolId(), file, hash));
            }
            references.add(SnapshotFile.reference(file.name(), file.rows(), hash));
        }
        Set<String> names = files.stream().map(SnapshotFile::name).collect(Collectors.toSet());
        List<String> dropped = before.keySet().stream()
                .filter(name -> !names.contains(name))
                .sorted()
                .map(name -> Keys.schoolFile(snapshot.tenantId(), snapshot.schoolId(), name))
                .toList();
        return new SnapshotParts(changed, dropped, snapshot.withFiles(references));
    }

    private static Map<String, SnapshotFile> byName(LastFiles files) {
        Map<String, SnapshotFile> byName = new HashMap<>();
        if (files != null) {
            files.files().forEach(file -> byName.put(file.name(), file));
        }
        return byName;
    }
}
