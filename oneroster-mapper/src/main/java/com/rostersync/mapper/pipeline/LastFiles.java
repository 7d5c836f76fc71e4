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
 * The files of a school's last clean cycle, each with its own content hash, and the hash of the set, in the files
 * store: a cycle that rebuilds only some types takes the others' files from here, and while the set's hash is the one
 * last sent it is also what the snapshot topic holds for the school, so only files that differ from it are sent
 * ({@link SnapshotParts}). Per school one header (the hash and the file names, key
 * {@code tenant/school}) and one entry per file ({@code tenant/school#users.csv}), so a cycle that changed one file
 * rewrites only that one. The store is a local cache without a changelog: after a restart or a move the next cycle
 * reads every record anyway, so a plain length-prefixed form is enough.
 */
record LastFiles(String contentHash, List<SnapshotFile> files) {

    /** 2 adds each file's hash; a store of format 1 reads as none, which a full cycle replaces. */
    private static final int FORMAT = 2;

    LastFiles {
        files = List.copyOf(files);
        files.forEach(file -> Objects.requireNonNull(file.contentHash(), "the hash of " + file.name()));
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
                DataInputStream file = open(store.get(fileKey(school, name)));
                if (file == null) {
                    return null;
                }
                int rows = file.readInt();
                String content = readText(file);
                files.add(new SnapshotFile(name, content, rows, readText(file)));
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
            if (!Objects.equals(before.get(file.name()), file)) {
                store.put(fileKey(school, file.name()), encode(out -> {
                    out.writeInt(file.rows());
                    writeText(out, file.content());
                    writeText(out, file.contentHash());
                }));
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

    /** A reader past the format byte; null for nothing stored or another format. */
    private static DataInputStream open(byte[] stored) {
        if (stored == null || stored.length == 0 || stored[0] != FORMAT) {
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
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new IOException("a text longer than what is left");
        }
        byte[] utf8 = new byte[length];
        in.readFully(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
