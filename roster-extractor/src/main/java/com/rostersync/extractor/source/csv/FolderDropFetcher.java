package com.rostersync.extractor.source.csv;

import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.extractor.source.SourceFailure;
import com.rostersync.tenants.Tenant;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

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
            // One stat per entry: a quiet tenant's cycle is this listing, every sync interval.
            Map<Path, BasicFileAttributes> visible = new TreeMap<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
                for (Path entry : entries) {
                    try {
                        BasicFileAttributes attributes = Files.readAttributes(entry, BasicFileAttributes.class);
                        if (attributes.isRegularFile()) {
                            visible.put(entry, attributes);
                        }
                    } catch (NoSuchFileException gone) {
                        // Removed since the folder was listed (a drop being replaced): not part of this listing.
                    }
                }
            }
            StringBuilder listing = new StringBuilder();
            visible.forEach((file, attributes) -> listing.append(file.getFileName())
                    .append(' ')
                    .append(attributes.size())
                    .append(' ')
                    .append(attributes.lastModifiedTime().toMillis())
                    .append('\n'));
            if (listing.toString().equals(knownListing)) {
                return Optional.empty();
            }
            Map<String, byte[]> files = new TreeMap<>();
            for (Path file : visible.keySet()) {
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
