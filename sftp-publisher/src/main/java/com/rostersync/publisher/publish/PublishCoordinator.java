package com.rostersync.publisher.publish;

import com.rostersync.events.Keys;
import com.rostersync.events.SchemaVersion;
import com.rostersync.events.outcome.FileFailure;
import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.events.outcome.Stage;
import com.rostersync.events.outcome.SyncOutcome;
import com.rostersync.events.snapshot.SchoolFile;
import com.rostersync.events.snapshot.SchoolSnapshot;
import com.rostersync.oneroster.SchoolFileIndex;
import com.rostersync.publisher.merge.MergeException;
import com.rostersync.publisher.merge.MergedFileSet;
import com.rostersync.publisher.merge.SnapshotMerger;
import com.rostersync.publisher.upload.DestinationUploader;
import com.rostersync.publisher.upload.UploadFailure;
import com.rostersync.publisher.upload.UploadReceipt;
import com.rostersync.tenants.DestinationAccount;
import com.rostersync.tenants.Mode;
import com.rostersync.tenants.SecretWatcher;
import com.rostersync.tenants.Tenant;
import com.rostersync.tenants.TenantRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.backoff.BackOffExecution;

/**
 * Decides when each destination account gets an upload and reports one outcome per upload cycle. It keeps the latest
 * snapshot of every school, uploads to a destination only once every school it covers has one (a partial district
 * set would make Clever archive the missing school), skips content the destination already has, runs destinations
 * in parallel on a bounded pool, retries an unreachable one with backoff, and folds snapshots that arrive during an
 * upload into a single follow-up upload. While a tenant cycle is mapped school by school, the destinations it touches
 * wait for all of its schools ({@link TenantCycleGate}), so each is uploaded once per cycle.
 */
public final class PublishCoordinator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PublishCoordinator.class);

    private final Supplier<TenantRegistry> registry;
    private final DestinationUploader uploader;
    private final SnapshotMerger merger = new SnapshotMerger();
    private final OutcomeSink outcomes;
    private final PublishedStateStore stateStore;
    private final PublishMetrics metrics;
    private final UploadRetries retries;
    private final Clock clock;
    private final ExecutorService workers;
    private final ScheduledExecutorService timer;
    private final CredentialRefusals refusals = new CredentialRefusals();
    private final PublishRuns runs = new PublishRuns();
    private final HeldSnapshots snapshots = new HeldSnapshots();
    private final Map<String, PublishedState> published = new ConcurrentHashMap<>();
    /** What the last upload or unchanged check of each destination was made of. */
    private final Map<String, Inputs> lastInputs = new ConcurrentHashMap<>();

    private final Map<String, Schedule> schedules = new ConcurrentHashMap<>();
    private final Predicate<String> owns;
    private final TenantCycleGate cycles;
    private final Set<String> announcedDryRuns = ConcurrentHashMap.newKeySet();
    private volatile boolean started;

    /** A coordinator that answers for every destination (one publisher instance). */
    public PublishCoordinator(
            Supplier<TenantRegistry> registry,
            DestinationUploader uploader,
            OutcomeSink outcomes,
            PublishedStateStore stateStore,
            PublishMetrics metrics,
            UploadRetries retries,
            ExecutorService workers,
            ScheduledExecutorService timer,
            Clock clock) {
        this(
                registry,
                uploader,
                outcomes,
                stateStore,
                metrics,
                retries,
                workers,
                timer,
                clock,
                destinationId -> true,
                TenantCycleGate.DEFAULT_WAIT);
    }

    /**
     * A coordinator that uploads only to the destinations {@code owns} accepts at the time of the upload: with several
     * publisher instances, each destination belongs to one of them (see the Kafka edge's destination ownership).
     */
    public PublishCoordinator(
            Supplier<TenantRegistry> registry,
            DestinationUploader uploader,
            OutcomeSink outcomes,
            PublishedStateStore stateStore,
            PublishMetrics metrics,
            UploadRetries retries,
            ExecutorService workers,
            ScheduledExecutorService timer,
            Clock clock,
            Predicate<String> owns) {
        this(
                registry,
                uploader,
                outcomes,
                stateStore,
                metrics,
                retries,
                workers,
                timer,
                clock,
                owns,
                TenantCycleGate.DEFAULT_WAIT);
    }

    /** One publisher instance, whose destinations wait up to {@code cycleWait} for the schools of a tenant cycle. */
    public PublishCoordinator(
            Supplier<TenantRegistry> registry,
            DestinationUploader uploader,
            OutcomeSink outcomes,
            PublishedStateStore stateStore,
            PublishMetrics metrics,
            UploadRetries retries,
            ExecutorService workers,
            ScheduledExecutorService timer,
            Clock clock,
            Duration cycleWait) {
        this(
                registry,
                uploader,
                outcomes,
                stateStore,
                metrics,
                retries,
                workers,
                timer,
                clock,
                destinationId -> true,
                cycleWait);
    }

    /**
     * @param owns      whether this instance uploads a destination now (several instances share the destinations)
     * @param cycleWait how long a destination waits for the schools of a tenant cycle before it goes out without
     */
    public PublishCoordinator(
            Supplier<TenantRegistry> registry,
            DestinationUploader uploader,
            OutcomeSink outcomes,
            PublishedStateStore stateStore,
            PublishMetrics metrics,
            UploadRetries retries,
            ExecutorService workers,
            ScheduledExecutorService timer,
            Clock clock,
            Predicate<String> owns,
            Duration cycleWait) {
        this.owns = owns;
        this.cycles = new TenantCycleGate(cycleWait);
        this.registry = registry;
        this.uploader = uploader;
        this.outcomes = outcomes;
        this.stateStore = stateStore;
        this.metrics = metrics;
        this.retries = retries;
        this.clock = clock;
        this.workers = workers;
        this.timer = timer;
    }

    /** Remembers a restored last upload; call before {@link #start()}. */
    public void restore(PublishedState state) {
        published.put(state.destinationId(), state);
        lastInputs.remove(state.destinationId());
    }

    /**
     * Keeps the school's latest snapshot and schedules the destinations that cover it. A snapshot naming a file this
     * instance has no matching record of is refused: the school's last snapshot stays, and each destination that
     * covers the school reports the file as failed, so that no upload mixes files of two of the school's snapshots.
     */
    public void onSnapshot(SchoolSnapshot snapshot) {
        try {
            snapshots.put(Keys.school(snapshot.tenantId(), snapshot.schoolId()), snapshot);
        } catch (SchoolFileIndex.MissingSchoolFile missing) {
            refuseSnapshot(snapshot, missing);
            return;
        }
        cycles.schoolMapped(
                snapshot.tenantId(), snapshot.schoolId(), snapshot.tenantCycle(), snapshot.version(), clock.instant());
        requestCovering(snapshot.tenantId(), snapshot.schoolId());
    }

    /** Keeps a file of a school, sent before the snapshot that names it. */
    public void onSchoolFile(SchoolFile file) {
        snapshots.putFile(file);
    }

    /** No snapshot of the school names the file under this key any more. */
    public void onSchoolFileDropped(String key) {
        snapshots.dropFile(key);
    }

    private void refuseSnapshot(SchoolSnapshot snapshot, SchoolFileIndex.MissingSchoolFile missing) {
        log.error("{}; the school's last snapshot stays in use", missing.getMessage());
        if (!started) {
            return;
        }
        registry.get().tenant(snapshot.tenantId()).ifPresent(tenant -> tenant.destinations().stream()
                .filter(d -> d.schoolIds().contains(snapshot.schoolId()))
                .forEach(d -> report(
                        tenant,
                        d,
                        OutcomeReason.FILE_FAILED,
                        missing.getMessage(),
                        List.of(new FileFailure(missing.file(), 0, null, missing.getMessage())),
                        Map.of())));
    }

    /**
     * The mapper finished a school's part of a tenant cycle. Its snapshot may not have changed (then no snapshot
     * comes), so this outcome is what tells a waiting destination that the school is done.
     */
    public void onMapOutcome(SyncOutcome outcome) {
        if (outcome.stage() != Stage.MAP
                || outcome.tenantCycle() == null
                || outcome.schoolIds().size() != 1) {
            return;
        }
        String schoolId = outcome.schoolIds().get(0);
        long version = outcome.counts().getOrDefault("version", 0L);
        cycles.schoolMapped(outcome.tenantId(), schoolId, outcome.tenantCycle(), version, clock.instant());
        requestCovering(outcome.tenantId(), schoolId);
    }

    private void requestCovering(String tenantId, String schoolId) {
        if (!started) {
            return;
        }
        registry.get().tenant(tenantId).ifPresent(tenant -> tenant.destinations().stream()
                .filter(d -> d.schoolIds().contains(schoolId))
                .forEach(d -> request(d.id())));
    }

    /** Starts uploading: from now on every destination with a complete set is checked. */
    public void start() {
        started = true;
        announceDryRuns();
        requestAll();
    }

    /** A changed registry may add destinations, schools or credentials: check every destination again. */
    public void onRegistryChange() {
        if (started) {
            announceDryRuns();
            requestAll();
        }
    }

    /**
     * Secrets changed on disk: check again every destination that uses one of them, so one that failed on its
     * credentials (never retried by itself, to spare the account a lock-out) is retried at once with the new value.
     */
    public void onSecretsChanged(Set<String> secretNames) {
        if (!started) {
            return;
        }
        registry.get().tenants().forEach(t -> t.destinations().stream()
                .filter(d -> SecretWatcher.secretNames(d).stream().anyMatch(secretNames::contains))
                .forEach(d -> request(d.id())));
    }

    /**
     * Retries each destination refused on credentials whose secrets now differ from the ones it was refused with.
     * The change listener alone can miss a secret written wrong and then right between two checks, which would leave
     * the destination refused until new content arrives.
     */
    public void retryRefusedWithNewCredentials() {
        if (!started) {
            return;
        }
        refusals.worthRetrying(registry.get(), uploader::credentialsChangedSinceLastAttempt)
                .forEach(this::request);
    }

    /** This instance was given destinations: check them (each one it does not own is skipped at once). */
    public void ownershipChanged() {
        if (started) {
            requestAll();
        }
    }

    /**
     * Waits (at most {@code limit}) until no upload to a matching destination runs. Called after those destinations
     * were given up: none starts any more, so once this returns another instance may upload to them without two
     * uploads to one account at the same time. Returns false when an upload still runs at the limit.
     */
    public boolean awaitUploads(Predicate<String> destinations, Duration limit) {
        Instant deadline = clock.instant().plus(limit);
        for (Map.Entry<String, Schedule> entry : schedules.entrySet()) {
            if (!destinations.test(entry.getKey())) {
                continue;
            }
            Schedule schedule = entry.getValue();
            synchronized (schedule) {
                while (schedule.uploading) {
                    long left = Duration.between(clock.instant(), deadline).toMillis();
                    if (left <= 0) {
                        return false;
                    }
                    try {
                        schedule.wait(left);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                }
            }
        }
        return true;
    }

    public boolean isStarted() {
        return started;
    }

    private void requestAll() {
        registry.get().tenants().forEach(t -> t.destinations().forEach(d -> request(d.id())));
    }

    private void request(String destinationId) {
        metrics.destination(destinationId);
        Schedule schedule = schedules.computeIfAbsent(destinationId, id -> new Schedule());
        Duration wait;
        synchronized (schedule) {
            schedule.pending = true;
            if (schedule.running) {
                return;
            }
            schedule.running = true;
            wait = untilAllowed(destinationId, schedule);
        }
        runLater(destinationId, 1, wait);
    }

    private void runLater(String destinationId, int attempt, Duration wait) {
        if (wait.isZero() || wait.isNegative()) {
            workers.execute(() -> run(destinationId, attempt));
        } else {
            timer.schedule(
                    () -> workers.execute(() -> run(destinationId, attempt)), wait.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void run(String destinationId, int attempt) {
        Schedule schedule = schedules.get(destinationId);
        synchronized (schedule) {
            schedule.pending = false;
        }
        Next next;
        try {
            next = attempt(destinationId, attempt);
        } catch (RuntimeException unexpected) {
            log.error("Publishing to destination {} failed unexpectedly", destinationId, unexpected);
            next = Next.DONE;
        }
        if (next == Next.RETRY) {
            long wait;
            synchronized (schedule) {
                if (attempt == 1 || schedule.waits == null) {
                    schedule.waits = retries.backOff().start();
                }
                wait = schedule.waits.nextBackOff();
            }
            runLater(
                    destinationId,
                    attempt + 1,
                    wait == BackOffExecution.STOP ? retries.recoverAfter() : Duration.ofMillis(wait));
            return;
        }
        Duration wait;
        synchronized (schedule) {
            schedule.lastFinished = clock.instant();
            if (next == Next.RECOVER_LATER && !schedule.pending) {
                schedule.pending = true;
                wait = retries.recoverAfter();
            } else if (schedule.pending) {
                wait = untilAllowed(destinationId, schedule);
            } else {
                schedule.running = false;
                return;
            }
        }
        runLater(destinationId, 1, wait);
    }

    private Next unchanged(Tenant tenant, DestinationAccount destination, String cycleNote, List<String> neverMapped) {
        report(
                tenant,
                destination,
                OutcomeReason.UNCHANGED,
                "destination " + destination.id() + " already has this content" + cycleNote,
                neverMapped,
                List.of(),
                Map.of());
        return Next.DONE;
    }

    /** What a destination's merged files and their checks depend on: its settings and its schools' snapshots. */
    private record Inputs(DestinationAccount destination, String snapshots) {}

    /** Each school snapshot's id, version and content hash. */
    private static String snapshotsOf(List<SchoolSnapshot> shells) {
        StringBuilder inputs = new StringBuilder();
        shells.forEach(shell -> inputs.append('|')
                .append(shell.schoolId())
                .append(':')
                .append(shell.version())
                .append(':')
                .append(shell.contentHash()));
        return inputs.toString();
    }

    private Next attempt(String destinationId, int attempt) {
        Optional<Target> found = target(destinationId);
        if (found.isEmpty() || !owns.test(destinationId)) {
            return Next.DONE;
        }
        Tenant tenant = found.get().tenant();
        DestinationAccount destination = found.get().destination();
        List<String> notBound = destination.schoolsNotAllowed(destination.schoolIds());
        if (!notBound.isEmpty()) {
            refuse(tenant, destination, notBound);
            return Next.DONE;
        }
        List<HeldSnapshots.Held> covered = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String school : destination.schoolIds()) {
            HeldSnapshots.Held snapshot = snapshots.held(Keys.school(tenant.id(), school));
            if (snapshot == null) {
                missing.add(school);
            } else {
                covered.add(snapshot);
            }
        }
        if (!missing.isEmpty()) {
            log.info(
                    "Destination {} of tenant {} waits for snapshots of schools {}; nothing uploaded",
                    destinationId,
                    tenant.id(),
                    missing);
            return Next.DONE;
        }
        // Judged on the snapshots in hand, not on the live ones: a school's new snapshot (and its MAP outcome) arriving
        // while these were read must not let its old copy through as if it were the new one. At 1,000 schools that
        // race uploaded a quarter of the districts twice for one change, first with one school of the old cycle.
        Map<String, Long> inHand = new HashMap<>();
        covered.forEach(held -> inHand.put(held.shell().schoolId(), held.shell().version()));
        TenantCycleGate.Verdict cycle = cycles.judge(
                tenant.id(),
                destinationId,
                destination.schoolIds(),
                school -> inHand.getOrDefault(school, -1L),
                clock.instant());
        if (cycle.mustWait()) {
            log.info(
                    "Destination {} of tenant {} waits for schools {} of the running cycle; nothing uploaded yet",
                    destinationId,
                    tenant.id(),
                    cycle.waiting());
            cycle.until()
                    .ifPresent(until -> timer.schedule(
                            () -> request(destinationId),
                            Math.max(0, Duration.between(clock.instant(), until).toMillis()) + 1,
                            TimeUnit.MILLISECONDS));
            return Next.DONE;
        }
        List<SchoolSnapshot> shells =
                covered.stream().map(HeldSnapshots.Held::shell).toList();
        runs.begin(destinationId, clock.instant(), shells, attempt > 1);
        List<String> neverMapped = cycle.abandoned();
        String cycleNote = neverMapped.isEmpty()
                ? ""
                : "; schools " + neverMapped + " of the tenant's cycle were not mapped in time, sent as last mapped";
        // The same snapshots as the last upload or check give the same files: no need to inflate and merge again
        // (every cycle's deadline, outcome and registry reload asks again, 100 districts' merges at a time).
        Inputs inputs = new Inputs(destination, snapshotsOf(shells));
        PublishedState last = published.get(destinationId);
        if (last != null
                && inputs.equals(lastInputs.get(destinationId))
                && UploadWindow.closed(tenant, destinationId, clock.instant()).isEmpty()) {
            return unchanged(tenant, destination, cycleNote, neverMapped);
        }
        MergedFileSet files;
        try {
            files = merger.mergeSchools(
                    covered.stream().map(HeldSnapshots.Held::files).toList(), destination.keepsExtensionColumns());
        } catch (MergeException invalid) {
            report(
                    tenant,
                    destination,
                    OutcomeReason.FILE_FAILED,
                    invalid.getMessage(),
                    List.of(new FileFailure(invalid.file(), invalid.line(), invalid.field(), invalid.getMessage())),
                    Map.of());
            return Next.DONE;
        }
        List<String> strangers = DestinationGuard.strangers(destination, files);
        if (!strangers.isEmpty()) {
            refuse(tenant, destination, strangers);
            return Next.DONE;
        }
        Optional<UploadWindow.Closed> closed = UploadWindow.closed(tenant, destinationId, clock.instant());
        if (closed.isPresent()) {
            report(
                    tenant,
                    destination,
                    closed.get().reason(),
                    closed.get().message() + cycleNote,
                    neverMapped,
                    List.of(),
                    Map.of("files", (long) files.files().size(), "bytes", files.totalBytes()));
            closed.get().reopensAt().ifPresent(at -> requestAt(destinationId, at));
            return Next.DONE;
        }
        if (last != null && last.contentHash().equals(files.contentHash())) {
            lastInputs.put(destinationId, inputs);
            return unchanged(tenant, destination, cycleNote, neverMapped);
        }
        Schedule schedule = schedules.get(destinationId);
        synchronized (schedule) {
            // Checked again under the lock that awaitUploads waits on: a destination given up meanwhile gets no
            // upload from this instance.
            if (!owns.test(destinationId)) {
                return Next.DONE;
            }
            schedule.uploading = true;
        }
        Instant began = clock.instant();
        try {
            UploadReceipt receipt = uploader.upload(destination, files, last == null ? null : last.placement());
            Duration took = Duration.between(began, clock.instant());
            PublishedState state = new PublishedState(
                    SchemaVersion.CURRENT,
                    destinationId,
                    tenant.id(),
                    files.contentHash(),
                    clock.instant(),
                    receipt.files(),
                    receipt.bytes(),
                    receipt.placement());
            published.put(destinationId, state);
            lastInputs.put(destinationId, inputs);
            stateStore.save(state);
            metrics.uploaded(receipt.bytes(), took);
            runs.uploaded(destinationId, files);
            report(
                    tenant,
                    destination,
                    OutcomeReason.UPLOADED,
                    "uploaded " + receipt.files() + " files to " + destinationId
                            + (receipt.kept() > 0 ? " (" + receipt.kept() + " unchanged files kept in place)" : "")
                            + cycleNote,
                    neverMapped,
                    List.of(),
                    Map.of(
                            "files",
                            (long) receipt.files(),
                            "bytes",
                            receipt.bytes(),
                            "keptFiles",
                            (long) receipt.kept(),
                            "durationMillis",
                            took.toMillis(),
                            "attempts",
                            (long) attempt));
            return Next.DONE;
        } catch (UploadFailure failure) {
            if (failure.isRetryable() && attempt < retries.maxAttempts()) {
                log.warn(
                        "Upload to destination {} failed (attempt {} of {}), retrying: {}",
                        destinationId,
                        attempt,
                        retries.maxAttempts(),
                        failure.getMessage());
                return Next.RETRY;
            }
            List<FileFailure> fileFailures = failure.file() == null
                    ? List.of()
                    : List.of(new FileFailure(
                            failure.file(), 0, null, failure.reason().name()));
            report(tenant, destination, failure.reason(), failure.getMessage(), fileFailures, Map.of("attempts", (long)
                    attempt));
            return failure.isRetryable() ? Next.RECOVER_LATER : Next.DONE;
        } finally {
            synchronized (schedule) {
                schedule.uploading = false;
                schedule.notifyAll();
            }
        }
    }

    private void refuse(Tenant tenant, DestinationAccount destination, List<String> schools) {
        report(
                tenant,
                destination,
                OutcomeReason.DESTINATION_GUARD,
                "destination " + destination.id() + " of tenant " + tenant.id() + " is not bound to schools " + schools
                        + " (it may receive " + destination.allowedSchoolIds() + "): nothing uploaded",
                List.of(),
                Map.of());
    }

    /** Checks the destination again when a pause ends, once per end however often the paused upload was asked for. */
    private void requestAt(String destinationId, Instant at) {
        Schedule schedule = schedules.get(destinationId);
        synchronized (schedule) {
            if (at.equals(schedule.reopensAt)) {
                return;
            }
            schedule.reopensAt = at;
        }
        long wait = Math.max(0, Duration.between(clock.instant(), at).toMillis()) + 1;
        timer.schedule(() -> request(destinationId), wait, TimeUnit.MILLISECONDS);
    }

    /** Says once per tenant that it is in dry-run, so an operator reading the log knows why nothing arrives. */
    private void announceDryRuns() {
        for (Tenant tenant : registry.get().tenants()) {
            if (tenant.mode() == Mode.DRY_RUN) {
                if (announcedDryRuns.add(tenant.id())) {
                    log.info("tenant {} is in dry-run: nothing is uploaded", tenant.id());
                }
            } else {
                announcedDryRuns.remove(tenant.id());
            }
        }
    }

    private void report(
            Tenant tenant,
            DestinationAccount destination,
            OutcomeReason reason,
            String message,
            List<FileFailure> fileFailures,
            Map<String, Long> counts) {
        report(tenant, destination, reason, message, List.of(), fileFailures, counts);
    }

    private void report(
            Tenant tenant,
            DestinationAccount destination,
            OutcomeReason reason,
            String message,
            List<String> missingSchoolIds,
            List<FileFailure> fileFailures,
            Map<String, Long> counts) {
        SyncOutcome outcome = new SyncOutcome(
                SchemaVersion.CURRENT,
                UUID.randomUUID().toString(),
                clock.instant(),
                Stage.PUBLISH,
                reason,
                tenant.id(),
                destination.schoolIds(),
                destination.id(),
                message,
                missingSchoolIds,
                fileFailures,
                List.of(),
                List.of(),
                counts);
        if (reason.isFailure()) {
            log.warn("Publish to destination {} of tenant {}: {} ({})", destination.id(), tenant.id(), reason, message);
        } else {
            log.info("Publish to destination {} of tenant {}: {}", destination.id(), tenant.id(), reason);
        }
        refusals.ended(destination.id(), reason);
        metrics.upload(destination.id(), reason);
        outcomes.send(outcome);
        outcomes.record(runs.finish(outcome));
        metrics.outcomeSent(reason);
    }

    private Duration untilAllowed(String destinationId, Schedule schedule) {
        if (schedule.lastFinished == null) {
            return Duration.ZERO;
        }
        Duration minInterval =
                target(destinationId).map(t -> t.destination().minInterval()).orElse(Duration.ZERO);
        if (minInterval == null) {
            return Duration.ZERO;
        }
        Duration wait = Duration.between(clock.instant(), schedule.lastFinished.plus(minInterval));
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    private Optional<Target> target(String destinationId) {
        for (Tenant tenant : registry.get().tenants()) {
            for (DestinationAccount destination : tenant.destinations()) {
                if (destination.id().equals(destinationId)) {
                    return Optional.of(new Target(tenant, destination));
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        workers.shutdownNow();
    }

    private enum Next {
        DONE,
        RETRY,
        RECOVER_LATER
    }

    private record Target(Tenant tenant, DestinationAccount destination) {}

    /** Per destination: is a cycle running, did new work arrive meanwhile, when did the last one end. */
    private static final class Schedule {
        private boolean running;
        private boolean pending;
        private boolean uploading;
        private Instant lastFinished;
        /** When the pause that held the last upload ends; a check is already scheduled for then. */
        private Instant reopensAt;
        /** The waits of the current run of retries, started again at each cycle's first failed attempt. */
        private BackOffExecution waits;
    }
}
