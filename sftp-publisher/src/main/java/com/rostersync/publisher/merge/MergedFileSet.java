package com.rostersync.publisher.merge;

import com.rostersync.events.snapshot.SnapshotFile;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The one file set a destination receives: the merged files of every school it covers, and a hash over all of them
 * that tells whether the destination already holds exactly this content.
 */
public record MergedFileSet(List<SnapshotFile> files, String contentHash) {

    public MergedFileSet {
        files = List.copyOf(files);
    }

    public long totalBytes() {
        return files.stream()
                .mapToLong(f -> f.content().getBytes(StandardCharsets.UTF_8).length)
                .sum();
    }
}
