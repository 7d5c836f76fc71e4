package com.rostersync.publisher.merge;

import com.rostersync.events.snapshot.SnapshotFile;
import com.rostersync.oneroster.FileSetHash;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one file set a destination receives: the merged files of every school it covers, each encoded to UTF-8 once,
 * and a hash over all of them that tells whether the destination already holds exactly this content. The hash, the
 * run record's digest of each file, the size and the upload all use these bytes: a {@code users.csv} with one name
 * outside Latin-1 is a UTF-16 string, and encoding it four times was a fifth of the publisher's samples in a 1%
 * change (docs/benchmarks.md, run B1).
 */
public final class MergedFileSet {

    private final List<SnapshotFile> files;
    private final Map<String, byte[]> encoded;
    private final String contentHash;
    private final Map<String, String> sha256 = new ConcurrentHashMap<>();

    private MergedFileSet(List<SnapshotFile> files, Map<String, byte[]> encoded) {
        this.files = files;
        this.encoded = encoded;
        this.contentHash = FileSetHash.ofEncoded(encoded);
    }

    /** The set of these files, each encoded once; their names are unique. */
    static MergedFileSet of(List<SnapshotFile> files) {
        Map<String, byte[]> encoded = new HashMap<>();
        for (SnapshotFile file : files) {
            if (encoded.put(file.name(), file.content().getBytes(StandardCharsets.UTF_8)) != null) {
                throw new IllegalArgumentException("two files named " + file.name());
            }
        }
        return new MergedFileSet(List.copyOf(files), encoded);
    }

    public List<SnapshotFile> files() {
        return files;
    }

    /** {@link FileSetHash#of} of the files. */
    public String contentHash() {
        return contentHash;
    }

    /** The UTF-8 bytes of the file of that name, as uploaded; not to be changed. */
    public byte[] bytes(String fileName) {
        return Objects.requireNonNull(encoded.get(fileName), () -> "no file " + fileName + " in the set");
    }

    /** The hex SHA-256 of that file's bytes, computed once. */
    public String sha256(String fileName) {
        return sha256.computeIfAbsent(fileName, name -> FileSetHash.ofBytes(bytes(name)));
    }

    public long totalBytes() {
        return encoded.values().stream().mapToLong(bytes -> bytes.length).sum();
    }
}
