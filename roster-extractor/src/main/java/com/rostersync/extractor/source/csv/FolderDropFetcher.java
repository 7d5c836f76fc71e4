package com.rostersync.extractor.source.csv;

import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.extractor.source.SourceFailure;
import com.rostersync.tenants.Tenant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** A drop in a local (or mounted) folder: every regular file directly in it. */
public final class FolderDropFetcher implements DropFetcher {

    @Override
    public Map<String, byte[]> fetch(Tenant tenant) throws SourceFailure {
        Path folder = Path.of(tenant.source().csvDrop().folder());
        if (!Files.isDirectory(folder)) {
            throw new SourceFailure(
                    OutcomeReason.SOURCE_UNAVAILABLE,
                    "tenant " + tenant.id() + ": drop folder " + folder + " does not exist");
        }
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path file : entries.filter(Files::isRegularFile).toList()) {
                files.put(file.getFileName().toString(), Files.readAllBytes(file));
            }
        } catch (IOException unreadable) {
            throw new SourceFailure(
                    OutcomeReason.SOURCE_UNAVAILABLE,
                    "tenant " + tenant.id() + ": drop folder " + folder + " is unreadable: "
                            + unreadable.getClass().getSimpleName(),
                    unreadable);
        }
        return files;
    }
}
