package com.rostersync.publisher.publish;

import com.rostersync.events.snapshot.SchoolFile;
import com.rostersync.events.snapshot.SchoolSnapshot;
import com.rostersync.events.snapshot.SnapshotFile;
import com.rostersync.oneroster.SchoolFileIndex;
import com.rostersync.publisher.merge.SchoolFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * The latest snapshot of every school, held with each file's content deflated. The publisher needs every school's
 * files at hand to merge a destination at any moment, so this is the one part of its memory that grows with the
 * platform: as strings, 1,000 schools of 500 students filled a 1 GB heap (474 MB of CSV) and a fifth to a half of the
 * publisher's CPU went to garbage collection. Deflated (fastest level; CSV shrinks about sixfold) the same fit in a
 * tenth; a destination's files are inflated only for its merge. A file sent on its own (a {@link SchoolFile}) is
 * deflated once, when it arrives, and shared by every snapshot of the school that names it.
 */
final class HeldSnapshots {

    private final Map<String, Held> bySchool = new ConcurrentHashMap<>();
    /** The latest record of every school file, deflated; a held snapshot shares the arrays of the files it names. */
    private final SchoolFileIndex<byte[]> files = new SchoolFileIndex<>();

    /**
     * Holds the school's snapshot, with the files it names by reference taken from their records.
     *
     * @throws SchoolFileIndex.MissingSchoolFile when a file it names has no matching record; the school's last
     *     snapshot stays held
     */
    void put(String key, SchoolSnapshot snapshot) {
        List<byte[]> contents = files.contents(snapshot, file -> deflate(file.content()));
        List<SnapshotFile> shells = new ArrayList<>(snapshot.files().size());
        for (SnapshotFile file : snapshot.files()) {
            // The hash a file is named by stays: the merger knows by it which files it united before.
            shells.add(new SnapshotFile(file.name(), "", file.rows(), file.contentHash()));
        }
        bySchool.put(key, new Held(snapshot.withFiles(shells), List.copyOf(contents)));
    }

    void putFile(SchoolFile file) {
        files.put(file, deflate(file.content()));
    }

    void dropFile(String key) {
        files.remove(key);
    }

    /** The school's snapshot as held, or null when none was received. */
    Held held(String key) {
        return bySchool.get(key);
    }

    private static byte[] deflate(String content) {
        byte[] raw = content.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, raw.length / 4));
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try (DeflaterOutputStream deflating = new DeflaterOutputStream(out, deflater)) {
            deflating.write(raw);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        } finally {
            deflater.end();
        }
        return out.toByteArray();
    }

    private static String inflate(byte[] deflated) {
        try (InflaterInputStream inflating = new InflaterInputStream(new java.io.ByteArrayInputStream(deflated))) {
            return new String(inflating.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException corrupt) {
            throw new UncheckedIOException("a held snapshot file could not be inflated", corrupt);
        }
    }

    /**
     * One held snapshot: {@code shell} has every field and file name but empty contents (what deciding whether to
     * upload needs), {@link #files()} each file's text on demand.
     */
    record Held(SchoolSnapshot shell, List<byte[]> contents) {

        /** The school's files for a merge: each inflated only when the merge reads it. */
        SchoolFiles files() {
            return new SchoolFiles(shell, index -> inflate(contents.get(index)));
        }
    }
}
