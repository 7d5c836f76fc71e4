package com.rostersync.extractor.source.csv;

import com.rostersync.events.EntityType;
import com.rostersync.events.outcome.FileFailure;
import com.rostersync.extractor.source.RosterSource;
import com.rostersync.extractor.source.SourceFailure;
import com.rostersync.extractor.source.SourceRead;
import com.rostersync.tenants.Tenant;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A OneRoster 1.1 CSV drop (folder or SFTP site): fetch the files, then read each one on its own. A drop whose
 * listing (names, sizes, modification times) has not changed since the last published read is not downloaded again:
 * the cycle changes nothing and reports what that read found (its missing schools and file problems still stand).
 * It is read again at least every {@code rereadEvery}, in case a file changed without its size or time changing.
 */
public final class CsvDropRosterSource implements RosterSource {

    public static final Duration DEFAULT_REREAD_EVERY = Duration.ofHours(1);

    private final DropFetcher folder;
    private final DropFetcher sftp;
    private final Clock clock;
    private final Duration rereadEvery;
    private final Map<String, LastDrop> lastDrops = new ConcurrentHashMap<>();

    public CsvDropRosterSource(DropFetcher folder, DropFetcher sftp) {
        this(folder, sftp, Clock.systemUTC(), DEFAULT_REREAD_EVERY);
    }

    public CsvDropRosterSource(DropFetcher folder, DropFetcher sftp, Clock clock, Duration rereadEvery) {
        this.folder = folder;
        this.sftp = sftp;
        this.clock = clock;
        this.rereadEvery = rereadEvery;
    }

    @Override
    public SourceRead read(Tenant tenant) throws SourceFailure {
        DropFetcher fetcher = tenant.source().csvDrop().isSftp() ? sftp : folder;
        String settings = tenant.schoolIds() + " " + new java.util.TreeSet<>(tenant.allowEmpty()) + " "
                + tenant.source().csvDrop();
        Instant now = clock.instant();
        LastDrop last = lastDrops.get(tenant.id());
        boolean current = last != null
                && last.settings().equals(settings)
                && now.isBefore(last.readAt().plus(rereadEvery));
        Optional<DropFetcher.Drop> drop = fetcher.fetchIfChanged(tenant, current ? last.listing() : null);
        if (drop.isEmpty()) {
            return last.unchanged();
        }
        SourceRead read = new OneRosterDropReader(tenant.schoolIds(), tenant.allowEmpty())
                .read(DropUnpacker.unpack(drop.get().files()));
        if (drop.get().listing() == null) {
            return read;
        }
        LastDrop next = new LastDrop(
                settings,
                drop.get().listing(),
                now,
                read.foundSchoolIds(),
                read.carriedForward(),
                read.carriedForwardIds(),
                read.fileFailures());
        return read.withCommit(() -> lastDrops.put(tenant.id(), next));
    }

    /** What the last published read of a tenant's drop found, under which listing. */
    private record LastDrop(
            String settings,
            String listing,
            Instant readAt,
            Set<String> foundSchoolIds,
            Set<EntityType> carriedForward,
            Map<EntityType, Set<String>> carriedForwardIds,
            List<FileFailure> fileFailures) {

        /** Nothing read, nothing gone; the last read's findings still stand. */
        SourceRead unchanged() {
            return new SourceRead(
                    Map.of(),
                    foundSchoolIds,
                    carriedForward,
                    carriedForwardIds,
                    fileFailures,
                    Map.of(),
                    Map.of(),
                    null);
        }
    }
}
