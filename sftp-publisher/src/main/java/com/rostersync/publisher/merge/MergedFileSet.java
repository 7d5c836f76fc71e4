package com.rostersync.publisher.merge;

import com.rostersync.events.snapshot.SnapshotFile;
import com.rostersync.oneroster.FileSetHash;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The one file set a destination receives: the merged files of every school it covers, each with its UTF-8 size and
 * SHA-256, and a hash over those ({@link FileSetHash#ofFileHashes}) that tells whether the destination already holds
 * exactly this content. A file is encoded once, and the size, the hashes, the run record and the upload all use
 * those bytes (encoding a {@code users.csv} with one name outside Latin-1 four times was a fifth of the publisher's
 * samples in a 1% change, run B1). A file the merger has put together before from the same school files is known by
 * the size and SHA-256 it had then ({@link Part#known}); its bytes are made only if the upload must send it, so a 1%
 * change of users neither inflates nor hashes a district's unchanged enrollments (docs/benchmarks.md).
 */
public final class MergedFileSet {

    private final Map<String, Entry> files;
    private final String contentHash;

    private MergedFileSet(Map<String, Entry> files) {
        this.files = files;
        this.contentHash = FileSetHash.ofFileHashes(files());
    }

    /** The set of these files, each encoded and hashed once; their names are unique. */
    static MergedFileSet of(List<SnapshotFile> files) {
        return ofParts(files.stream().map(Part::made).toList());
    }

    static MergedFileSet ofParts(List<Part> parts) {
        Map<String, Entry> files = new LinkedHashMap<>();
        for (Part part : parts) {
            if (files.put(part.name(), new Entry(part)) != null) {
                throw new IllegalArgumentException("two files named " + part.name());
            }
        }
        return new MergedFileSet(files);
    }

    /**
     * One file of a merged set as the merger hands it over: made (its text at hand), or known by the size and SHA-256
     * its text had when it was last made from the same inputs, with the means to make it again.
     */
    record Part(String name, int rows, Supplier<String> text, String sha256, long size) {

        static Part made(SnapshotFile file) {
            String text = Objects.requireNonNull(file.content(), () -> file.name() + " has no text to merge");
            return new Part(file.name(), file.rows(), () -> text, null, -1);
        }

        static Part known(String name, int rows, String sha256, long size, Supplier<String> text) {
            return new Part(name, rows, text, Objects.requireNonNull(sha256), size);
        }
    }

    private static final class Entry {

        private final String name;
        private final int rows;
        private final String sha256;
        private final long size;
        /** How to make the bytes of a known file; null once made. */
        private Supplier<String> text;

        private byte[] bytes;

        Entry(Part part) {
            this.name = part.name();
            this.rows = part.rows();
            if (part.sha256() == null) {
                this.bytes = part.text().get().getBytes(StandardCharsets.UTF_8);
                this.sha256 = FileSetHash.ofBytes(bytes);
                this.size = bytes.length;
            } else {
                this.text = part.text();
                this.sha256 = part.sha256();
                this.size = part.size();
            }
        }

        synchronized byte[] bytes() {
            if (bytes == null) {
                byte[] made = text.get().getBytes(StandardCharsets.UTF_8);
                // Made from the very school files it was known by: other bytes would be a defect, never uploaded.
                if (made.length != size || !FileSetHash.ofBytes(made).equals(sha256)) {
                    throw new IllegalStateException(
                            name + " made again differs from the size and SHA-256 it was known by");
                }
                bytes = made;
                text = null;
            }
            return bytes;
        }
    }

    /** Every file by reference: name, rows and SHA-256 (as {@code contentHash}), in the set's order. */
    public List<SnapshotFile> files() {
        List<SnapshotFile> references = new ArrayList<>(files.size());
        files.values().forEach(entry -> references.add(SnapshotFile.reference(entry.name, entry.rows, entry.sha256)));
        return references;
    }

    /** Every file with its text (each made now if only known): what the destination receives, for checks that read it. */
    public List<SnapshotFile> filesWithText() {
        List<SnapshotFile> texts = new ArrayList<>(files.size());
        files.values()
                .forEach(entry -> texts.add(
                        new SnapshotFile(entry.name, new String(entry.bytes(), StandardCharsets.UTF_8), entry.rows)));
        return texts;
    }

    /** {@link FileSetHash#ofFileHashes} of the files. */
    public String contentHash() {
        return contentHash;
    }

    /** The UTF-8 bytes of the file of that name, as uploaded (made now if only known); not to be changed. */
    public byte[] bytes(String fileName) {
        return entry(fileName).bytes();
    }

    /** The hex SHA-256 of that file's bytes. */
    public String sha256(String fileName) {
        return entry(fileName).sha256;
    }

    /** The length of that file's bytes. */
    public long size(String fileName) {
        return entry(fileName).size;
    }

    public long totalBytes() {
        return files.values().stream().mapToLong(entry -> entry.size).sum();
    }

    private Entry entry(String fileName) {
        return Objects.requireNonNull(files.get(fileName), () -> "no file " + fileName + " in the set");
    }
}
