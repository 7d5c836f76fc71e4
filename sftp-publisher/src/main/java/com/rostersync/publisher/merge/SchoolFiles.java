package com.rostersync.publisher.merge;

import com.rostersync.events.snapshot.SchoolSnapshot;
import com.rostersync.events.snapshot.SnapshotFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * A school's snapshot as the merger reads it: every field, file name, row count and content hash at hand in
 * {@code shell}, and each file's text read only when a merge needs it ({@code text} of the file's index), so files
 * held deflated are inflated only when they must be put together again.
 */
public record SchoolFiles(SchoolSnapshot shell, IntFunction<String> text) {

    /** A snapshot that carries its files' text. */
    public static SchoolFiles of(SchoolSnapshot snapshot) {
        return new SchoolFiles(snapshot, index -> snapshot.files().get(index).content());
    }

    public String schoolId() {
        return shell.schoolId();
    }

    /** The file of that name as the shell names it, without its text. */
    Optional<SnapshotFile> named(String name) {
        return shell.files().stream().filter(file -> file.name().equals(name)).findFirst();
    }

    /** The file of that name with its text. */
    Optional<SnapshotFile> file(String name) {
        List<SnapshotFile> files = shell.files();
        for (int i = 0; i < files.size(); i++) {
            if (files.get(i).name().equals(name)) {
                return Optional.of(withText(files.get(i), i));
            }
        }
        return Optional.empty();
    }

    /** The whole snapshot, every file with its text. */
    public SchoolSnapshot snapshot() {
        List<SnapshotFile> files = new ArrayList<>(shell.files().size());
        for (int i = 0; i < shell.files().size(); i++) {
            files.add(withText(shell.files().get(i), i));
        }
        return shell.withFiles(files);
    }

    private SnapshotFile withText(SnapshotFile file, int index) {
        return new SnapshotFile(file.name(), text.apply(index), file.rows(), file.contentHash());
    }
}
