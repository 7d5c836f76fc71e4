package com.rostersync.extractor.source.csv;

import com.rostersync.events.EntityType;
import com.rostersync.events.outcome.FileFailure;
import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.extractor.source.RosterSource;
import com.rostersync.extractor.source.SourceFailure;
import com.rostersync.extractor.source.SourceRead;
import com.rostersync.oneroster.OneRosterFile;
import com.rostersync.tenants.Tenant;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A OneRoster 1.1 CSV drop (folder or SFTP site): fetch the files, then read each one on its own. A drop whose
 * listing (names, sizes, modification times) has not changed since the last published read is not downloaded again:
 * the cycle changes nothing and reports what that read found (its missing schools and file problems still stand).
 * When only some files changed (a new {@code users.csv} beside the same {@code enrollments.csv}), the files that no
 * type made from a changed file needs are not parsed again: their types are left unread, and what the last read found
 * in them stands. The whole drop is read again at least every {@code rereadEvery}, in case a file changed without its
 * size or time changing. A drop that changes while it is fetched ({@link DropBeingWritten}) is not read: the last read
 * stands, and the next cycle reads the drop once it is still (without a last read, or when every cycle for
 * {@link #STILL_WRITING_LIMIT} found it changing, the cycle reports the source unavailable instead, naming the file).
 */
public final class CsvDropRosterSource implements RosterSource {

    private static final Logger log = LoggerFactory.getLogger(CsvDropRosterSource.class);

    public static final Duration DEFAULT_REREAD_EVERY = Duration.ofHours(1);

    /**
     * How long a drop may keep changing under every cycle before the last read stops standing in for it: an export
     * still writing after this is stuck or writing in a loop, and the district hears of it.
     */
    static final Duration STILL_WRITING_LIMIT = Duration.ofMinutes(15);

    private final DropFetcher folder;
    private final DropFetcher sftp;
    private final Clock clock;
    private final Duration rereadEvery;
    private final Map<String, LastDrop> lastDrops = new ConcurrentHashMap<>();
    /** Since when each tenant's drop has been found mid-write by every cycle; gone with its next whole read. */
    private final Map<String, Instant> writingSince = new ConcurrentHashMap<>();

    private final Map<Boolean, Counter> beingWritten;

    public CsvDropRosterSource(DropFetcher folder, DropFetcher sftp) {
        this(folder, sftp, new SimpleMeterRegistry());
    }

    public CsvDropRosterSource(DropFetcher folder, DropFetcher sftp, MeterRegistry meters) {
        this(folder, sftp, Clock.systemUTC(), DEFAULT_REREAD_EVERY, meters);
    }

    public CsvDropRosterSource(
            DropFetcher folder, DropFetcher sftp, Clock clock, Duration rereadEvery, MeterRegistry meters) {
        this.folder = folder;
        this.sftp = sftp;
        this.clock = clock;
        this.rereadEvery = rereadEvery;
        // At 0 from the start, so the first drop caught mid-write shows in rate().
        this.beingWritten = Map.of(
                false, beingWrittenCounter(meters, "folder"),
                true, beingWrittenCounter(meters, "sftp"));
    }

    private static Counter beingWrittenCounter(MeterRegistry meters, String source) {
        return Counter.builder("rostersync.extractor.drops.being.written")
                .description("Changed drops not read by a cycle because a file changed while they were fetched")
                .tag("source", source)
                .register(meters);
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
        Optional<DropFetcher.Drop> drop;
        try {
            drop = fetcher.fetchIfChanged(tenant, current ? last.listing() : null);
        } catch (DropBeingWritten moving) {
            beingWritten.get(tenant.source().csvDrop().isSftp()).increment();
            Instant since = writingSince.computeIfAbsent(tenant.id(), id -> now);
            if (last == null) {
                // No read of this drop stands yet to report instead: say so, and the next cycle reads it again.
                throw new SourceFailure(OutcomeReason.SOURCE_UNAVAILABLE, moving.getMessage());
            }
            if (Duration.between(since, now).compareTo(STILL_WRITING_LIMIT) >= 0) {
                // The same words on every cycle, so the monitor sees one incident, not a new one a minute.
                throw new SourceFailure(
                        OutcomeReason.SOURCE_UNAVAILABLE,
                        moving.getMessage() + "; every cycle for " + STILL_WRITING_LIMIT.toMinutes()
                                + " minutes or more found it so");
            }
            log.info("{}", moving.getMessage());
            return last.unchanged();
        }
        writingSince.remove(tenant.id());
        if (drop.isEmpty()) {
            return last.unchanged();
        }
        String listing = drop.get().listing();
        Set<OneRosterFile> skipped = current && listing != null
                ? OneRosterDropReader.unaffectedBy(DropListing.changedFiles(last.listing(), listing))
                : Set.of();
        SourceRead read = new OneRosterDropReader(tenant.schoolIds(), tenant.allowEmpty())
                .read(DropUnpacker.unpack(drop.get().files()), skipped);
        if (listing == null) {
            return read;
        }
        SourceRead merged = skipped.isEmpty() ? read : last.standingFor(read, skipped);
        LastDrop next = new LastDrop(
                settings,
                listing,
                // A read that left files unread is not the periodic full read.
                skipped.isEmpty() ? now : last.readAt(),
                merged.foundSchoolIds(),
                merged.carriedForward(),
                merged.carriedForwardIds(),
                merged.fileFailures());
        return merged.withCommit(() -> lastDrops.put(tenant.id(), next));
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

        /**
         * A read that left the {@code skipped} files unread, with what the last read found in them: their types'
         * carried-forward records and their file problems still stand.
         */
        SourceRead standingFor(SourceRead read, Set<OneRosterFile> skipped) {
            Set<EntityType> carried = EnumSet.noneOf(EntityType.class);
            carried.addAll(read.carriedForward());
            Map<EntityType, Set<String>> carriedIds = new EnumMap<>(EntityType.class);
            carriedIds.putAll(read.carriedForwardIds());
            for (EntityType type : read.unread()) {
                if (carriedForward.contains(type)) {
                    carried.add(type);
                }
                if (carriedForwardIds.containsKey(type)) {
                    carriedIds.put(type, carriedForwardIds.get(type));
                }
            }
            Set<String> skippedNames = new HashSet<>();
            skipped.forEach(file -> skippedNames.add(file.fileName()));
            List<FileFailure> failures = new ArrayList<>(read.fileFailures());
            fileFailures.stream().filter(f -> skippedNames.contains(f.file())).forEach(failures::add);
            return new SourceRead(
                    read.recordsBySchool(),
                    read.foundSchoolIds(),
                    carried,
                    carriedIds,
                    failures,
                    read.recordsRead(),
                    null,
                    read.unread(),
                    null);
        }

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
                    Set.of(),
                    null);
        }
    }
}
