package com.rostersync.extractor.cycle;

import com.rostersync.events.EntityType;
import com.rostersync.events.Keys;
import com.rostersync.events.SchemaVersion;
import com.rostersync.events.cycle.ChangeCounts;
import com.rostersync.events.cycle.ChangeKind;
import com.rostersync.events.cycle.CycleCompleted;
import com.rostersync.events.cycle.RecordChanged;
import com.rostersync.events.cycle.RosterChangeEvent;
import com.rostersync.events.cycle.TenantCycleRef;
import com.rostersync.events.outcome.FileFailure;
import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.events.outcome.Stage;
import com.rostersync.events.outcome.SyncOutcome;
import com.rostersync.events.run.RunCounts;
import com.rostersync.events.run.RunRecorded;
import com.rostersync.extractor.change.Change;
import com.rostersync.extractor.change.ChangeDetector;
import com.rostersync.extractor.change.EmptyTypeGuard;
import com.rostersync.extractor.change.HashState;
import com.rostersync.extractor.change.SchoolChanges;
import com.rostersync.extractor.change.SchoolHashes;
import com.rostersync.extractor.source.RosterSource;
import com.rostersync.extractor.source.SourceFailure;
import com.rostersync.extractor.source.SourceFailures;
import com.rostersync.extractor.source.SourceRead;
import com.rostersync.kernel.kafka.AcknowledgedSend;
import com.rostersync.tenants.Tenant;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One extract cycle of one tenant: read the source, compare each school with what was last published, publish the
 * changes and the cycle-complete marker per school, then the one EXTRACT outcome of the tenant. A configured school
 * that the source lacks stops the whole tenant before anything is published ({@link SchoolsNotFound}), and a type that comes back empty where records were published is carried
 * forward as a file failure ({@link EmptyTypeGuard}). Hashes advance only after the broker acknowledged the changes, so
 * a failed publish is simply detected again next cycle.
 */
public final class TenantCycle {

    private static final Logger log = LoggerFactory.getLogger(TenantCycle.class);

    private final Function<Tenant, RosterSource> sources;
    private final ChangeDetector detector;
    private final HashState state;
    private final CyclePublisher publisher;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Duration ackTimeout;
    private final Set<String> announcedSchools = ConcurrentHashMap.newKeySet();
    private final EmptyTypeGuard emptyTypes = new EmptyTypeGuard();
    private final ExtractRuns runs = new ExtractRuns();
    private final RepeatedOutcomes repeats;
    /** What the running cycle of each tenant published, for its run in the sync history. */
    private final Map<String, Published> published = new ConcurrentHashMap<>();
    /** Tenants whose source is failing, with the reason: a failure is logged when it starts, not every cycle. */
    private final Map<String, OutcomeReason> failingSources = new ConcurrentHashMap<>();

    public TenantCycle(
            Function<Tenant, RosterSource> sources,
            ChangeDetector detector,
            HashState state,
            CyclePublisher publisher,
            MeterRegistry meters,
            Clock clock,
            Duration ackTimeout,
            Duration repeatReportEvery) {
        this.repeats = new RepeatedOutcomes(repeatReportEvery);
        this.sources = sources;
        this.detector = detector;
        this.state = state;
        this.publisher = publisher;
        this.meters = meters;
        this.clock = clock;
        this.ackTimeout = ackTimeout;
        // At 0 from the start: a series born with its first increment hides that first event from rate().
        for (OutcomeReason reason : List.of(
                OutcomeReason.CYCLE_COMPLETED,
                OutcomeReason.FILE_FAILED,
                OutcomeReason.SOURCE_CREDENTIALS,
                OutcomeReason.SOURCE_UNAVAILABLE,
                OutcomeReason.SCHOOLS_NOT_FOUND)) {
            counter("rostersync.outcomes.sent", "stage", Stage.EXTRACT, "reason", reason);
        }
        counter("rostersync.extractor.reads", "mode", "full");
        counter("rostersync.extractor.reads", "mode", "incremental");
    }

    /**
     * Runs one cycle and returns its outcome, which was sent unless it repeats the last report ({@link RepeatedOutcomes});
     * a send that failed is logged.
     */
    public SyncOutcome run(Tenant tenant) {
        Instant startedAt = clock.instant();
        String cycleId = UUID.randomUUID().toString();
        SyncOutcome outcome;
        try {
            SourceRead read = sources.apply(tenant).read(tenant);
            read.recordsRead().forEach((type, count) -> counter("rostersync.extractor.records.read", "entity", type)
                    .increment(count));
            counter("rostersync.extractor.reads", "mode", read.complete() ? "full" : "incremental")
                    .increment();
            if (failingSources.remove(tenant.id()) != null) {
                log.info("Tenant {}: source readable again (cycle {})", tenant.id(), cycleId);
            }
            try {
                outcome = publish(tenant, read, cycleId, startedAt);
            } catch (RuntimeException unpublished) {
                // The source was fine; the broker was not. Hashes did not advance, so the next cycle resends.
                log.error("Tenant {}: cycle {} could not publish its changes", tenant.id(), cycleId, unpublished);
                outcome = outcome(
                        tenant,
                        OutcomeReason.SOURCE_UNAVAILABLE,
                        "tenant " + tenant.id()
                                + ": source read, but publishing the changes failed: "
                                + SourceFailures.describe(unpublished) + "; retried next cycle",
                        List.of(),
                        read.fileFailures(),
                        Map.of(),
                        startedAt);
            }
        } catch (SourceFailure failure) {
            if (failingSources.put(tenant.id(), failure.reason()) != failure.reason()) {
                log.warn(
                        "Tenant {}: cycle {} failed: {} {} (logged again only when the reason changes or after it"
                                + " recovers)",
                        tenant.id(),
                        cycleId,
                        failure.reason(),
                        failure.getMessage());
            } else {
                log.debug("Tenant {}: cycle {} failed again: {}", tenant.id(), cycleId, failure.reason());
            }
            outcome =
                    outcome(tenant, failure.reason(), failure.getMessage(), List.of(), List.of(), Map.of(), startedAt);
        } catch (RuntimeException unexpected) {
            // Adapters classify what they know; whatever escapes them is the source being unavailable.
            OutcomeReason reason = OutcomeReason.SOURCE_UNAVAILABLE;
            String message = "tenant " + tenant.id() + ": cycle failed: " + SourceFailures.describe(unexpected)
                    + (Thread.currentThread().isInterrupted()
                            ? "; the cycle overran its time limit and was stopped"
                            : "");
            if (failingSources.put(tenant.id(), reason) != reason) {
                log.error("Tenant {}: cycle {} failed", tenant.id(), cycleId, unexpected);
            } else {
                log.debug("Tenant {}: cycle {} failed again: {}", tenant.id(), cycleId, message);
            }
            outcome = outcome(tenant, reason, message, List.of(), List.of(), Map.of(), startedAt);
        }
        Timer.builder("rostersync.extractor.cycle.duration")
                .tag(
                        "result",
                        outcome.reason().isFailure() && outcome.reason() != OutcomeReason.FILE_FAILED ? "failed" : "ok")
                .publishPercentileHistogram()
                .register(meters)
                .record(Duration.between(startedAt, clock.instant()));
        // The scheduler interrupts an overrunning cycle; that flag must not also cost the outcome reporting it
        // (Kafka's producer refuses to send from an interrupted thread).
        boolean interrupted = Thread.interrupted();
        try {
            // Changes of a cycle whose publishing failed were not acknowledged: its run counts none.
            Published done = published.remove(tenant.id());
            boolean acknowledged =
                    done != null && (!outcome.reason().isFailure() || outcome.reason() == OutcomeReason.FILE_FAILED);
            boolean publishedSomething = done != null && !done.schools().isEmpty();
            // The outcome and the run go out together and share one broker round trip: waiting for each in turn cost
            // every cycle a second one, and a cycle's thread is what the next tenant's cycle waits for.
            CompletableFuture<Void> outcomeSent = repeats.due(outcome, publishedSomething, clock.instant())
                    ? publisher.publishOutcome(outcome)
                    : null;
            runs.of(
                            outcome,
                            cycleId,
                            startedAt,
                            done == null ? List.of() : done.schools(),
                            acknowledged ? done.counts() : RunCounts.NONE)
                    .ifPresent(this::recordRun);
            if (outcomeSent != null) {
                AcknowledgedSend.await(outcomeSent, ackTimeout, "the outcome of tenant " + tenant.id());
                repeats.reported(outcome, clock.instant());
                counter("rostersync.outcomes.sent", "stage", Stage.EXTRACT, "reason", outcome.reason())
                        .increment();
            }
        } catch (RuntimeException unsent) {
            if (Thread.currentThread().isInterrupted()) {
                // Only a stop interrupts a send (an overrun's interrupt was cleared above): the extractor is going
                // down, and its next start reads the tenant again and reports then.
                log.info(
                        "Tenant {}: outcome {} of cycle {} not sent, the extractor is stopping",
                        tenant.id(),
                        outcome.reason(),
                        cycleId);
            } else {
                log.error(
                        "Tenant {}: outcome {} of cycle {} could not be sent: {}",
                        tenant.id(),
                        outcome.reason(),
                        cycleId,
                        SourceFailures.describe(unsent));
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return outcome;
    }

    private SyncOutcome publish(Tenant tenant, SourceRead read, String cycleId, Instant startedAt) {
        List<String> missing = SchoolsNotFound.in(tenant, read.foundSchoolIds());
        if (!missing.isEmpty()) {
            return new SyncOutcome(
                    SchemaVersion.CURRENT,
                    UUID.randomUUID().toString(),
                    clock.instant(),
                    Stage.EXTRACT,
                    OutcomeReason.SCHOOLS_NOT_FOUND,
                    tenant.id(),
                    tenant.schoolIds(),
                    null,
                    SchoolsNotFound.message(tenant, missing),
                    missing,
                    read.fileFailures(),
                    List.of(),
                    List.of(),
                    Map.of());
        }
        Map<String, Long> counts = new TreeMap<>();
        // Summed by type, named once: a quiet cycle is this loop over every school, every sync interval.
        Map<EntityType, Long> totals = new EnumMap<>(EntityType.class);
        long upserted = 0;
        long deleted = 0;
        Map<String, SchoolChanges> toPublish = new LinkedHashMap<>();
        List<FileFailure> fileFailures = new ArrayList<>(read.fileFailures());
        for (String schoolId : tenant.schoolIds()) {
            SchoolHashes previous = state.school(tenant.id(), schoolId);
            Map<EntityType, Set<String>> absent = read.absentIdsOf(schoolId, previous::forEachId);
            EmptyTypeGuard.Verdict empty = emptyTypes.judge(
                    tenant, schoolId, read.recordsOf(schoolId), absent, previous, read.carriedForward());
            fileFailures.addAll(empty.failures());
            PerFileFailures.CarriedForward carried =
                    PerFileFailures.forSchool(read.carriedForward(), read.carriedForwardIds(), empty);
            SchoolChanges changes = detector.detect(
                    schoolId, read.recordsOf(schoolId), absent, previous, carried.types(), carried.ids());
            if (!changes.isEmpty() || !announcedSchools.contains(Keys.school(tenant.id(), schoolId))) {
                toPublish.put(schoolId, changes);
            }
            for (Map.Entry<EntityType, ChangeCounts> type : changes.counts().entrySet()) {
                totals.merge(type.getKey(), type.getValue().total(), Long::sum);
                upserted += type.getValue().upserted();
                deleted += type.getValue().deleted();
            }
        }
        totals.forEach((type, total) -> counts.put("total." + type.name(), total));
        if (!totals.isEmpty()) {
            counts.put("upserted", upserted);
            counts.put("deleted", deleted);
        }
        published.put(tenant.id(), new Published(List.copyOf(toPublish.keySet()), runCounts(tenant.id(), toPublish)));
        publishAll(tenant.id(), cycleId, startedAt, toPublish, read.complete());
        read.commit().run();
        counts.put("schools", (long) tenant.schoolIds().size());
        counts.put(
                "durationMillis", Duration.between(startedAt, clock.instant()).toMillis());
        if (!toPublish.isEmpty()) {
            // The one line per cycle that changed something: when a change left the extractor, for tracing latency.
            log.info(
                    "Tenant {}: cycle {} published {} upserted and {} deleted records of {} school(s) in {} ms",
                    tenant.id(),
                    cycleId,
                    counts.getOrDefault("upserted", 0L),
                    counts.getOrDefault("deleted", 0L),
                    toPublish.size(),
                    counts.get("durationMillis"));
        }
        boolean filesFailed = !fileFailures.isEmpty();
        String message = "tenant " + tenant.id() + ": " + counts.getOrDefault("upserted", 0L) + " upserted, "
                + counts.getOrDefault("deleted", 0L) + " deleted in "
                + tenant.schoolIds().size() + " school(s)"
                + PerFileFailures.describe(fileFailures);
        return outcome(
                tenant,
                filesFailed ? OutcomeReason.FILE_FAILED : OutcomeReason.CYCLE_COMPLETED,
                message,
                List.of(),
                fileFailures,
                counts,
                startedAt);
    }

    /**
     * All schools' events go out together (shared broker round trips); then, for the schools whose events were all
     * acknowledged, the new hashes; only then does the in-memory state move. A school whose events failed keeps its
     * old hashes and is simply detected again next cycle.
     */
    private void publishAll(
            String tenantId, String cycleId, Instant startedAt, Map<String, SchoolChanges> schools, boolean fullRead) {
        Map<String, CompletableFuture<Void>> published = new LinkedHashMap<>();
        // Every school's marker names all schools of this cycle, so the publisher can upload each destination once,
        // when all of them are mapped.
        TenantCycleRef tenantCycle = new TenantCycleRef(cycleId, startedAt, List.copyOf(schools.keySet()));
        schools.forEach((schoolId, changes) -> published.put(
                schoolId,
                publisher.publishChanges(tenantId, schoolId, events(tenantId, tenantCycle, changes, fullRead))));
        RuntimeException firstFailure = null;
        Map<String, CompletableFuture<Void>> recorded = new LinkedHashMap<>();
        for (Map.Entry<String, CompletableFuture<Void>> school : published.entrySet()) {
            try {
                await(school.getValue());
                recorded.put(
                        school.getKey(),
                        publisher.recordState(
                                tenantId,
                                school.getKey(),
                                schools.get(school.getKey()).changes()));
            } catch (RuntimeException failed) {
                firstFailure = firstFailure == null ? failed : firstFailure;
            }
        }
        for (Map.Entry<String, CompletableFuture<Void>> school : recorded.entrySet()) {
            try {
                await(school.getValue());
                SchoolChanges changes = schools.get(school.getKey());
                state.apply(tenantId, school.getKey(), changes.changes());
                announcedSchools.add(Keys.school(tenantId, school.getKey()));
                changes.changes().forEach(change -> counter(
                                "rostersync.extractor.records.published",
                                "entity",
                                change.type(),
                                "kind",
                                change.kind())
                        .increment());
            } catch (RuntimeException failed) {
                firstFailure = firstFailure == null ? failed : firstFailure;
            }
        }
        if (firstFailure != null) {
            throw firstFailure;
        }
    }

    /** A run the broker did not take is logged; it is recorded again with the tenant's next change or reason. */
    private void recordRun(RunRecorded run) {
        try {
            AcknowledgedSend.await(publisher.publishRun(run), ackTimeout, "run " + run.runId());
            runs.recorded(run);
        } catch (RuntimeException unsent) {
            log.warn(
                    "Tenant {}: run {} ({}) not recorded in the sync history: {}",
                    run.tenantId(),
                    run.runId(),
                    run.reason(),
                    unsent.toString());
        }
    }

    /** Upserts of a record published before are updates, the others creates; deletes archive. */
    private RunCounts runCounts(String tenantId, Map<String, SchoolChanges> schools) {
        long created = 0;
        long updated = 0;
        long archived = 0;
        for (SchoolChanges school : schools.values()) {
            SchoolHashes known = state.school(tenantId, school.schoolId());
            for (Change change : school.changes()) {
                if (change.kind() != ChangeKind.UPSERT) {
                    archived++;
                } else if (known.contains(change.type(), change.sourcedId())) {
                    updated++;
                } else {
                    created++;
                }
            }
        }
        return new RunCounts(created, updated, archived, 0, 0);
    }

    private record Published(List<String> schools, RunCounts counts) {}

    private void await(CompletableFuture<Void> acknowledged) {
        AcknowledgedSend.await(acknowledged, ackTimeout, "the cycle's records");
    }

    private List<RosterChangeEvent> events(
            String tenantId, TenantCycleRef tenantCycle, SchoolChanges changes, boolean fullRead) {
        String cycleId = tenantCycle.cycleId();
        Instant now = clock.instant();
        List<RosterChangeEvent> events = new ArrayList<>(changes.changes().size() + 1);
        for (Change change : changes.changes()) {
            events.add(new RecordChanged(
                    SchemaVersion.CURRENT,
                    tenantId,
                    changes.schoolId(),
                    cycleId,
                    change.kind(),
                    change.type(),
                    change.sourcedId(),
                    change.hash(),
                    change.kind() == ChangeKind.UPSERT ? change.record() : null,
                    now));
        }
        Map<EntityType, ChangeCounts> counts = changes.counts();
        events.add(new CycleCompleted(
                SchemaVersion.CURRENT,
                tenantId,
                changes.schoolId(),
                cycleId,
                tenantCycle.startedAt(),
                clock.instant(),
                counts,
                new TreeSet<>(changes.carriedForward()),
                tenantCycle,
                fullRead));
        return events;
    }

    private SyncOutcome outcome(
            Tenant tenant,
            OutcomeReason reason,
            String message,
            List<String> missing,
            List<FileFailure> fileFailures,
            Map<String, Long> counts,
            Instant startedAt) {
        Map<String, Long> allCounts = new TreeMap<>(counts);
        allCounts.putIfAbsent(
                "durationMillis", Duration.between(startedAt, clock.instant()).toMillis());
        return new SyncOutcome(
                SchemaVersion.CURRENT,
                UUID.randomUUID().toString(),
                clock.instant(),
                Stage.EXTRACT,
                reason,
                tenant.id(),
                tenant.schoolIds(),
                null,
                message,
                missing,
                fileFailures,
                List.of(),
                List.of(),
                allCounts);
    }

    private Counter counter(String name, Object... tags) {
        String[] text = new String[tags.length];
        for (int i = 0; i < tags.length; i++) {
            text[i] = String.valueOf(tags[i]);
        }
        return meters.counter(name, text);
    }
}
