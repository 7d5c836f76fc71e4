package com.rostersync.mapper.pipeline;

import com.rostersync.events.Topics;
import com.rostersync.events.snapshot.SchoolFile;
import com.rostersync.events.snapshot.SchoolSnapshot;
import com.rostersync.events.snapshot.SnapshotFile;
import com.rostersync.oneroster.SchoolFileIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.test.TestRecord;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the snapshot topic as the publisher does: school file records into an index, each snapshot completed from it
 * with every file's content; a snapshot that names a file the topic did not carry fails the test.
 */
final class SnapshotTopicReader {

    private final JsonMapper json;
    private final SchoolFileIndex<String> files = new SchoolFileIndex<>();
    private final List<SchoolFile> fileRecords = new ArrayList<>();

    SnapshotTopicReader(JsonMapper json) {
        this.json = json;
    }

    /** The complete snapshot a record gives, or empty for a school file record or a tombstone. */
    Optional<SchoolSnapshot> read(String key, byte[] value, Headers headers) {
        boolean schoolFile = headers.lastHeader(Topics.TYPE_HEADER) != null;
        if (value == null) {
            if (schoolFile) {
                files.remove(key);
            }
            return Optional.empty();
        }
        if (schoolFile) {
            SchoolFile file = json.readValue(value, SchoolFile.class);
            files.put(file, file.content());
            fileRecords.add(file);
            return Optional.empty();
        }
        SchoolSnapshot snapshot = json.readValue(value, SchoolSnapshot.class);
        List<String> contents = files.contents(snapshot, SnapshotFile::content);
        List<SnapshotFile> complete = new ArrayList<>();
        for (int i = 0; i < contents.size(); i++) {
            SnapshotFile file = snapshot.files().get(i);
            complete.add(new SnapshotFile(file.name(), contents.get(i), file.rows()));
        }
        return Optional.of(snapshot.withFiles(complete));
    }

    /** The complete snapshots among these records, in order. */
    List<SchoolSnapshot> snapshots(List<TestRecord<String, byte[]>> records) {
        List<SchoolSnapshot> snapshots = new ArrayList<>();
        records.forEach(r -> read(r.key(), r.value(), r.headers()).ifPresent(snapshots::add));
        return snapshots;
    }

    /** Every school file record read so far, in order. */
    List<SchoolFile> fileRecords() {
        return List.copyOf(fileRecords);
    }
}
