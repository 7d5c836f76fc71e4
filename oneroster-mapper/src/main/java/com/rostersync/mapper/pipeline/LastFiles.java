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

/**
 * The files of a school's last cycle and their content hash, as the files store holds them: a cycle that rebuilds only
 * some types takes the others' files from here. The store is a local cache without a changelog: after a restart or a
 * move the next cycle reads every record anyway, so a plain length-prefixed form is enough, and cheaper than JSON for
 * half a megabyte of CSV.
 */
record LastFiles(String contentHash, List<SnapshotFile> files) {

    private static final int FORMAT = 1;

    LastFiles {
        files = List.copyOf(files);
    }

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(
                files.stream().mapToInt(file -> file.content().length()).sum() + 256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            writeText(out, contentHash);
            out.writeInt(files.size());
            for (SnapshotFile file : files) {
                writeText(out, file.name());
                out.writeInt(file.rows());
                writeText(out, file.content());
            }
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return bytes.toByteArray();
    }

    /** The stored files; null for bytes of another format, which the next full cycle replaces. */
    static LastFiles decode(byte[] stored) {
        if (stored == null || stored.length == 0 || stored[0] != FORMAT) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(stored, 1, stored.length - 1))) {
            String hash = readText(in);
            int count = in.readInt();
            List<SnapshotFile> files = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String name = readText(in);
                int rows = in.readInt();
                files.add(new SnapshotFile(name, readText(in), rows));
            }
            return new LastFiles(hash, files);
        } catch (IOException truncated) {
            return null;
        }
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
