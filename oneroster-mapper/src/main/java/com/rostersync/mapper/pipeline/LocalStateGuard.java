package com.rostersync.mapper.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mapper's RocksDB stores are a local copy of its changelog topics on one Kafka cluster. Kafka Streams trusts a
 * local store whose checkpoint is ahead of an empty changelog (it only logs "endOffsetSum smaller than offsetSum"),
 * so after the broker was replaced or its data lost, a kept state folder would make every school look already
 * published: "snapshot unchanged", nothing sent, destinations never filled again. Before the streams start, the
 * state folder is therefore kept only if it was written against the same cluster (its id in a marker file beside the
 * application's folder); otherwise it is deleted and Kafka Streams restores from the changelog, which is always safe.
 */
final class LocalStateGuard {

    private static final Logger log = LoggerFactory.getLogger(LocalStateGuard.class);

    private final Path applicationState;
    private final Path marker;

    LocalStateGuard(Path stateDir, String applicationId) {
        this.applicationState = stateDir.resolve(applicationId);
        this.marker = stateDir.resolve(applicationId + ".cluster-id");
    }

    /** Deletes the local state unless it is known to belong to {@code clusterId}; returns whether it deleted it. */
    boolean keepOnlyStateOf(String clusterId) {
        try {
            String recorded = Files.isRegularFile(marker)
                    ? Files.readString(marker, StandardCharsets.UTF_8).trim()
                    : null;
            boolean wipe = Files.isDirectory(applicationState) && !clusterId.equals(recorded);
            if (wipe) {
                log.warn(
                        "Local state {} was written against {}; this broker is Kafka cluster {}. Deleting it: the"
                                + " stores are restored from the changelog topics.",
                        applicationState,
                        recorded == null ? "an unknown Kafka cluster" : "Kafka cluster " + recorded,
                        clusterId);
                deleteRecursively(applicationState);
            }
            Files.createDirectories(marker.getParent());
            Files.writeString(marker, clusterId + "\n", StandardCharsets.UTF_8);
            return wipe;
        } catch (IOException failed) {
            throw new UncheckedIOException("cannot check the mapper's local state in " + applicationState, failed);
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
