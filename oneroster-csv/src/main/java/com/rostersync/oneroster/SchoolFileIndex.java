package com.rostersync.oneroster;

import com.rostersync.events.Keys;
import com.rostersync.events.snapshot.SchoolFile;
import com.rostersync.events.snapshot.SchoolSnapshot;
import com.rostersync.events.snapshot.SnapshotFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * How a reader of the snapshot topic puts a snapshot back together: it keeps the latest {@link SchoolFile} of every
 * school file (its content held as {@code C}, e.g. compressed) and gives each file a snapshot names by reference the
 * content of that record, when its hash is the one named. A school's file records come before its snapshot on the
 * school's partition, so a snapshot finds the files it names already here, whether read live or from the beginning.
 */
public final class SchoolFileIndex<C> {

    private final Map<String, Indexed<C>> latest = new ConcurrentHashMap<>();

    public void put(SchoolFile file, C content) {
        latest.put(file.key(), new Indexed<>(file.contentHash(), content));
    }

    /** A tombstone on a school file key: no snapshot names that file any more. */
    public void remove(String key) {
        latest.remove(key);
    }

    /**
     * The content of every file of the snapshot, in its order: a carried file's through {@code carried}, a file named
     * by reference from its latest record.
     *
     * @throws MissingSchoolFile when a named file has no record, or a record of other content
     */
    public List<C> contents(SchoolSnapshot snapshot, Function<SnapshotFile, C> carried) {
        List<C> contents = new ArrayList<>(snapshot.files().size());
        for (SnapshotFile file : snapshot.files()) {
            if (!file.isReference()) {
                contents.add(carried.apply(file));
                continue;
            }
            Indexed<C> found = latest.get(Keys.schoolFile(snapshot.tenantId(), snapshot.schoolId(), file.name()));
            if (found == null || !Objects.equals(found.contentHash(), file.contentHash())) {
                throw new MissingSchoolFile(snapshot, file, found == null ? null : found.contentHash());
            }
            contents.add(found.content());
        }
        return contents;
    }

    private record Indexed<C>(String contentHash, C content) {}

    /** A snapshot names a file by a hash that no file record of the school has (yet). */
    public static final class MissingSchoolFile extends RuntimeException {

        private final String file;

        MissingSchoolFile(SchoolSnapshot snapshot, SnapshotFile named, String held) {
            super("snapshot " + snapshot.version() + " of school " + snapshot.schoolId() + " of tenant "
                    + snapshot.tenantId() + " names " + named.name() + " with content hash "
                    + named.contentHash() + ", but "
                    + (held == null
                            ? "no record of that file was received"
                            : "the latest record of that file has hash " + held));
            this.file = named.name();
        }

        /** The file name (e.g. {@code users.csv}). */
        public String file() {
            return file;
        }
    }
}
