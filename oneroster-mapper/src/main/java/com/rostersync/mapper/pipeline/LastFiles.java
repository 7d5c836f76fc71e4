package com.rostersync.mapper.pipeline;

import com.rostersync.events.snapshot.SnapshotFile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The files of a school's last clean cycle by reference (name, rows and content hash), and the hash of the set, in the
 * files store: a cycle that rebuilds only some types takes the others' files from here, and while the set's hash is
 * the one last sent it is also what the snapshot topic holds for the school, so only files that differ from it are
 * sent ({@link SnapshotParts}). Their text is not kept: a file kept by a cycle is named by its hash, and one that must
 * be sent again is built again. Per school one header (the hash and the file names, key {@code tenant/school}) and one
 * entry per file ({@code tenant/school#users.csv}), so a cycle that changed one file rewrites only that one. The store
 * is a local cache without a changelog: after a restart or a move the next cycle reads every record anyway, so a plain
 * length-prefixed form is enough.
 */
record LastFiles(String contentHash, List<SnapshotFile> files) {

    /**
     * 3 leaves the text out; 2 also held each file's text, skipped when read and the entry then rewritten without it; a
     * store of format 1 reads as none.
     */
    private static final int FORMAT = 3;

    private static final int WITH_TEXT = 2;

    LastFiles {
        files = files.stream()
                .map(file -> SnapshotFile.reference(
                        file.name(),
                        file.rows(),
                        Objects.requireNonNull(file.contentHash(), () -> "the hash of " + file.name())))
                .toList();
    }

    /** The school's stored files; null when there are none or they cannot be read, which a full cycle replaces. */
    static LastFiles read(KeyValueStore<String, byte[]> store, String school) {
        try {
            DataInputStream header = open(store.get(school));
            if (header == null) {
                return null;
            }
            String hash = readText(header);
            int count = header.readInt();
            List<SnapshotFile> files = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String name = readText(header);
                byte[] stored = store.get(fileKey(school, name));
                DataInputStream file = open(stored);
                if (file == null) {
                    return null;
                }
                int rows = file.readInt();
                boolean withText = stored[0] == WITH_TEXT;
                if (withText) {
                    skipText(file);
                }
                SnapshotFile read = SnapshotFile.reference(name, rows, readText(file));
                if (withText) {
                    // Once read, kept without its text: a file no cycle changes would otherwise stay 0.5 MB to fetch.
                    store.put(fileKey(school, name), entry(read));
                }
                files.add(read);
            }
            return new LastFiles(hash, files);
        } catch (IOException unreadable) {
            return null;
        }
    }

    /** Stores these files for the school, writing only those that differ from {@code previous} (null: none stored). */
    void write(KeyValueStore<String, byte[]> store, String school, LastFiles previous) {
        Map<String, SnapshotFile> before = previous == null
                ? Map.of()
                : previous.files().stream().collect(Collectors.toMap(SnapshotFile::name, Function.identity()));
        for (SnapshotFile file : files) {
            if (!file.equals(before.get(file.name()))) {
                store.put(fileKey(school, file.name()), entry(file));
            }
        }
        before.keySet().stream()
                .filter(name -> files.stream().noneMatch(file -> file.name().equals(name)))
                .forEach(name -> store.delete(fileKey(school, name)));
        store.put(school, encode(out -> {
            writeText(out, contentHash);
            out.writeInt(files.size());
            for (SnapshotFile file : files) {
                writeText(out, file.name());
            }
        }));
    }

    private static byte[] entry(SnapshotFile file) {
        return encode(out -> {
            out.writeInt(file.rows());
            writeText(out, file.contentHash());
        });
    }

    private static String fileKey(String school, String name) {
        return school + "#" + name;
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private static byte[] encode(Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            writer.write(out);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return bytes.toByteArray();
    }

    /** A reader past the format byte; null for nothing stored or a format this version does not read. */
    private static DataInputStream open(byte[] stored) {
        if (stored == null || stored.length == 0 || (stored[0] != FORMAT && stored[0] != WITH_TEXT)) {
            return null;
        }
        return new DataInputStream(new ByteArrayInputStream(stored, 1, stored.length - 1));
    }

    private static void writeText(DataOutputStream out, String text) throws IOException {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readText(DataInputStream in) throws IOException {
        byte[] utf8 = new byte[textLength(in)];
        in.readFully(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    private static void skipText(DataInputStream in) throws IOException {
        in.skipNBytes(textLength(in));
    }

    private static int textLength(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new IOException("a text longer than what is left");
        }
        return length;
    }
}
