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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A drop in a local (or mounted) folder: every regular file directly in it, taken only when it is still
 * ({@link WriteGuard}).
 */
public final class FolderDropFetcher implements DropFetcher {

    private final WriteGuard guard;

    /** Takes a drop as it is, without waiting for files just written (for tests of what is read, and benchmarks). */
    public FolderDropFetcher() {
        this(Duration.ZERO, Clock.systemUTC());
    }

    /** Takes a changed drop once its newest file is {@code settle} old and nothing moved while it was read. */
    public FolderDropFetcher(Duration settle, Clock clock) {
        this.guard = new WriteGuard(settle, clock);
    }

    @Override
    public Map<String, byte[]> fetch(Tenant tenant) throws SourceFailure, DropBeingWritten {
        return fetchIfChanged(tenant, null).orElseThrow().files();
    }

    @Override
    public Optional<Drop> fetchIfChanged(Tenant tenant, String knownListing) throws SourceFailure, DropBeingWritten {
        Path folder = Path.of(tenant.source().csvDrop().folder());
        if (!Files.isDirectory(folder)) {
            throw new SourceFailure(
                    OutcomeReason.SOURCE_UNAVAILABLE,
                    "tenant " + tenant.id() + ": drop folder " + folder + " does not exist");
        }
        try {
            Listing listed = Listing.of(folder);
            if (listed.text().equals(knownListing)) {
                return Optional.empty();
            }
            // A file removed or renamed moves the folder's time, not a file's: a drop replaced file by file waits too.
            List<Instant> modified = listed.modified();
            modified.add(Files.getLastModifiedTime(folder).toInstant());
            Map<String, Long> sizes = listed.sizes();
            Duration wait = guard.waitBeforeReading(modified, sizes.containsValue(0L));
            if (!wait.isZero()) {
                WriteGuard.pause(wait);
                WriteGuard.requireUnmoved(
                        tenant.id(),
                        folder.toString(),
                        listed.text(),
                        Listing.of(folder).text());
            }
            Map<String, byte[]> files = new TreeMap<>();
            for (Path file : listed.files()) {
                files.put(file.getFileName().toString(), Files.readAllBytes(file));
            }
            WriteGuard.requireWhole(tenant.id(), folder.toString(), files, sizes);
            WriteGuard.requireUnmoved(
                    tenant.id(),
                    folder.toString(),
                    listed.text(),
                    Listing.of(folder).text());
            return Optional.of(new Drop(listed.text(), files));
        } catch (NoSuchFileException gone) {
            if (gone.getFile() == null || !folder.equals(Path.of(gone.getFile()).getParent())) {
                throw unreadable(tenant, folder, gone);
            }
            // A listed file removed before it was read: the drop is being replaced.
            throw new DropBeingWritten(
                    tenant.id(),
                    folder.toString(),
                    String.valueOf(Path.of(gone.getFile()).getFileName()));
        } catch (IOException failed) {
            throw unreadable(tenant, folder, failed);
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
            throw new SourceFailure(
                    OutcomeReason.SOURCE_UNAVAILABLE,
                    "tenant " + tenant.id() + ": reading drop folder " + folder + " was stopped");
        }
    }

    private static SourceFailure unreadable(Tenant tenant, Path folder, IOException failed) {
        return new SourceFailure(
                OutcomeReason.SOURCE_UNAVAILABLE,
                "tenant " + tenant.id() + ": drop folder " + folder + " is unreadable: "
                        + failed.getClass().getSimpleName(),
                failed);
    }

    /** One look at the folder: each regular file's attributes, and the listing line per file. */
    private record Listing(Map<Path, BasicFileAttributes> attributes, String text) {

        static Listing of(Path folder) throws IOException {
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
            return new Listing(visible, listing.toString());
        }

        Iterable<Path> files() {
            return attributes.keySet();
        }

        List<Instant> modified() {
            List<Instant> times = new ArrayList<>();
            attributes.values().forEach(a -> times.add(a.lastModifiedTime().toInstant()));
            return times;
        }

        Map<String, Long> sizes() {
            Map<String, Long> sizes = new TreeMap<>();
            attributes.forEach((file, a) -> sizes.put(file.getFileName().toString(), a.size()));
            return sizes;
        }
    }
}
