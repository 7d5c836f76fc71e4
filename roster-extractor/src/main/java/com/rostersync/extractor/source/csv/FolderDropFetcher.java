package com.rostersync.extractor.source.csv;

import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.extractor.source.SourceFailure;
import com.rostersync.tenants.Tenant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/** A drop in a local (or mounted) folder: every regular file directly in it. */
public final class FolderDropFetcher implements DropFetcher {

    @Override
    public Map<String, byte[]> fetch(Tenant tenant) throws SourceFailure {
        return fetchIfChanged(tenant, null).orElseThrow().files();
    }

    @Override
    public Optional<Drop> fetchIfChanged(Tenant tenant, String knownListing) throws SourceFailure {
        Path folder = Path.of(tenant.source().csvDrop().folder());
        if (!Files.isDirectory(folder)) {
            throw new SourceFailure(
                    OutcomeReason.SOURCE_UNAVAILABLE,
                    "tenant " + tenant.id() + ": drop folder " + folder + " does not exist");
        }
        try {
            List<Path> visible;
            try (Stream<Path> entries = Files.list(folder)) {
                visible = entries.filter(Files::isRegularFile).sorted().toList();
            }
            StringBuilder listing = new StringBuilder();
            for (Path file : visible) {
                listing.append(file.getFileName())
                        .append(' ')
                        .append(Files.size(file))
                        .append(' ')
                        .append(Files.getLastModifiedTime(file).toMillis())
                        .append('\n');
            }
            if (listing.toString().equals(knownListing)) {
                return Optional.empty();
            }
            Map<String, byte[]> files = new TreeMap<>();
            for (Path file : visible) {
                files.put(file.getFileName().toString(), Files.readAllBytes(file));
            }
            return Optional.of(new Drop(listing.toString(), files));
        } catch (IOException unreadable) {
            throw new SourceFailure(
                    OutcomeReason.SOURCE_UNAVAILABLE,
                    "tenant " + tenant.id() + ": drop folder " + folder + " is unreadable: "
                            + unreadable.getClass().getSimpleName(),
                    unreadable);
        }
    }
}
