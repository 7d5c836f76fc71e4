package com.rostersync.mapper.pipeline;

import com.rostersync.events.EntityType;
import com.rostersync.events.Keys;
import com.rostersync.events.SchemaVersion;
import com.rostersync.events.Topics;
import com.rostersync.events.command.ApproveHold;
import com.rostersync.events.command.DiscardHold;
import com.rostersync.events.cycle.ChangeKind;
import com.rostersync.events.cycle.CycleCompleted;
import com.rostersync.events.cycle.RecordChanged;
import com.rostersync.events.cycle.RosterChangeEvent;
import com.rostersync.events.cycle.TenantCycleRef;
import com.rostersync.events.roster.RosterRecord;
import com.rostersync.events.snapshot.SchoolFile;
import com.rostersync.mapper.cycle.CyclePlan;
import com.rostersync.mapper.cycle.HoldApproval;
import com.rostersync.mapper.cycle.PartialRebuild;
import com.rostersync.mapper.cycle.SchoolCyclePlanner;
import com.rostersync.mapper.roster.RecordKey;
import com.rostersync.mapper.roster.SchoolMeta;
import com.rostersync.mapper.roster.SchoolRoster;
import com.rostersync.mapper.state.SchoolStateFold;
import com.rostersync.mapper.state.StateEntry;
import com.rostersync.mapper.state.StateEntry.Slot;
import com.rostersync.tenants.Tenant;
import com.rostersync.tenants.TenantRegistry;
import com.rostersync.tenants.Thresholds;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The mapper's per-school work inside a stream task: applies each record change to the school's records in the state
 * store (one entry per record, so a change writes only itself), turns a cycle-complete marker or an approval into a due
 * school, and, on a wall-clock tick, runs the pure {@link SchoolCyclePlanner} for every school whose quiet period is
 * over. Only the published records that changed and the school's metadata are written back. A burst of markers within
 * the quiet period gives one snapshot; schools still pending after a restart or a move are due again at start.
 */
final class SchoolCycleProcessor implements Processor<String, byte[], String, Outbound> {

    private static final Logger log = LoggerFactory.getLogger(SchoolCycleProcessor.class);

    private final JsonMapper json;
    private final SchoolCyclePlanner planner;
    private final Supplier<TenantRegistry> registry;
    private final Duration quietPeriod;
    private final Duration retryDelay;
    private final Duration tick;
    private final HeldDeletions held;
    private final MapperMetrics metrics;
    private final MapRunRecords runs;
    /** Schools of this task whose cycle is due, and when (wall-clock millis). */
    private final Map<String, Long> due = new HashMap<>();

    /** Which schools may be rebuilt from part of their records ({@link PartialRebuild}), and from which types. */
    private final ChangedTypes changed = new ChangedTypes();

    private ProcessorContext<String, Outbound> context;
    private RecordStore records;
    private KeyValueStore<String, StateEntry> metas;
    private KeyValueStore<String, byte[]> lastFiles;
    private long registryChangesSeen;

    SchoolCycleProcessor(
            JsonMapper json,
            SchoolCyclePlanner planner,
            Supplier<TenantRegistry> registry,
            Duration quietPeriod,
            Duration retryDelay,
            Duration tick,
            HeldDeletions held,
            MapperMetrics metrics) {
        this.json = json;
        this.planner = planner;
        this.registry = registry;
        this.quietPeriod = quietPeriod;
        this.retryDelay = retryDelay;
        this.tick = tick;
        this.held = held;
        this.metrics = metrics;
        this.runs = new MapRunRecords(json);
    }

    @Override
    public void init(ProcessorContext<String, Outbound> context) {
        this.context = context;
        this.records = new RecordStore(context.getStateStore(MapperTopology.RECORDS_STORE), json);
        this.metas = context.getStateStore(MapperTopology.META_STORE);
        this.lastFiles = context.getStateStore(MapperTopology.FILES_STORE);
        this.registryChangesSeen = held.registryChanges();
        long now = context.currentSystemTimeMs();
        try (KeyValueIterator<String, StateEntry> all = metas.all()) {
            while (all.hasNext()) {
                KeyValue<String, StateEntry> entry = all.next();
                SchoolMeta meta = entry.value.meta();
                held.school(entry.key, meta.heldDeletions());
                if (meta.pendingCycle()) {
                    due.put(entry.key, now + quietPeriod.toMillis());
                }
            }
        }
        context.schedule(tick, PunctuationType.WALL_CLOCK_TIME, this::runDueSchools);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse(Topics.ROSTER_CHANGES);
        if (Topics.COMMANDS.equals(topic) && isDiscard(record)) {
            Optional<DiscardHold> command = read(record, DiscardHold.class, Topics.COMMANDS_DLT);
            command.ifPresent(this::discard);
        } else if (Topics.COMMANDS.equals(topic)) {
            Optional<ApproveHold> command = read(record, ApproveHold.class, Topics.COMMANDS_DLT);
            command.ifPresent(this::approve);
        } else {
            Optional<RosterChangeEvent> event = read(record, RosterChangeEvent.class, Topics.ROSTER_CHANGES_DLT);
            event.ifPresent(this::apply);
        }
    }

    /**
     * Commands carry no type header: a discard is the command that names who discarded. Read as an approval, it would
     * release the very changes the operator meant to drop.
     */
    private boolean isDiscard(Record<String, byte[]> record) {
        if (record.value() == null) {
            return false;
        }
        try {
            return json.readTree(record.value()).has("discardedBy");
        } catch (RuntimeException unreadable) {
            return false;
        }
    }

    /** An unreadable record goes, byte for byte, to its topic's dead-letter topic; the stream goes on. */
    private <T> Optional<T> read(Record<String, byte[]> record, Class<T> type, String deadLetters) {
        try {
            if (record.value() == null) {
                throw new IllegalArgumentException("no value");
            }
            T value = json.readValue(record.value(), type);
            checkVersion(value);
            return Optional.of(value);
        } catch (RuntimeException unreadable) {
            log.warn("Unreadable record with key {} sent to {}: {}", record.key(), deadLetters, unreadable.toString());
            context.forward(new Record<>(record.key(), new Outbound(deadLetters, record.value()), record.timestamp()));
            return Optional.empty();
        }
    }

    /** A newer major schema version is refused, naming where it is, rather than misread. */
    private void checkVersion(Object value) {
        String where = context.recordMetadata()
                .map(m -> SchemaVersion.where(m.topic(), m.partition(), m.offset()))
                .orElse("an unknown position");
        if (value instanceof RosterChangeEvent event) {
            SchemaVersion.check(event.schemaVersion(), event.schemaMinor(), where);
        } else if (value instanceof ApproveHold command) {
            SchemaVersion.check(command.schemaVersion(), command.schemaMinor(), where);
        } else if (value instanceof DiscardHold command) {
            SchemaVersion.check(command.schemaVersion(), command.schemaMinor(), where);
        }
    }

    private void apply(RosterChangeEvent event) {
        String school = Keys.school(event.tenantId(), event.schoolId());
        if (event instanceof RecordChanged change) {
            if (change.kind() == ChangeKind.UPSERT && change.record() != null) {
                StateEntry entry = StateEntry.record(
                        change.tenantId(),
                        change.schoolId(),
                        Slot.CURRENT,
                        change.entityType(),
                        change.sourcedId(),
                        change.record());
                boolean update = changed.follows(school) && records.isPublished(entry.key());
                records.put(entry);
                if (update) {
                    changed.updated(school, change.entityType());
                } else {
                    changed.forget(school);
                }
            } else {
                records.delete(StateEntry.key(
                        change.tenantId(), change.schoolId(), Slot.CURRENT, change.entityType(), change.sourcedId()));
                changed.forget(school);
            }
        } else if (event instanceof CycleCompleted marker) {
            SchoolMeta before = meta(school);
            // After a full read, a change an operator discarded is proposed again if the source still has it.
            SchoolMeta meta = (marker.wasFullRead() ? before.afterFullRead() : before)
                    .withPendingCycle(true)
                    .withTenantCycle(marker.tenantCycle());
            metas.put(school, StateEntry.meta(event.tenantId(), event.schoolId(), meta));
            due.put(school, context.currentSystemTimeMs() + quietPeriod.toMillis());
        }
    }

    /**
     * An operator approved the school's held deletions: they go through in a snapshot built at the next tick, unless
     * more are held by then than the approval covers (the planner decides).
     */
    private void approve(ApproveHold command) {
        String school = Keys.school(command.tenantId(), command.schoolId());
        StateEntry stored = metas.get(school);
        if (stored == null) {
            log.warn("Approval {} for unknown school {} ignored", command.commandId(), school);
            return;
        }
        changed.forget(school);
        log.info(
                "Approval {} covers {} held deletions of school {} ({} held at the last cycle)",
                command.commandId(),
                command.deletions() == null ? "all" : command.deletions(),
                school,
                stored.meta().heldTotal());
        metas.put(
                school,
                StateEntry.meta(
                        command.tenantId(),
                        command.schoolId(),
                        HoldApproval.approve(stored.meta(), command.deletions())));
        due.put(school, context.currentSystemTimeMs());
    }

    /**
     * An operator discarded the school's held changes: the next tick drops them from the pending change, and the
     * records stay in the files as they are.
     */
    private void discard(DiscardHold command) {
        String school = Keys.school(command.tenantId(), command.schoolId());
        StateEntry stored = metas.get(school);
        if (stored == null) {
            log.warn("Discard {} for unknown school {} ignored", command.commandId(), school);
            return;
        }
        changed.forget(school);
        log.info(
                "Discard {} of the changes school {} holds, by {}", command.commandId(), school, command.discardedBy());
        metas.put(
                school,
                StateEntry.meta(
                        command.tenantId(), command.schoolId(), stored.meta().withDiscardRequested(command)));
        due.put(school, context.currentSystemTimeMs());
    }

    private void runDueSchools(long now) {
        long changes = held.registryChanges();
        if (changes != registryChangesSeen) {
            // A new registry may have raised a tenant's threshold: re-judge every school that holds changes.
            registryChangesSeen = changes;
            try (KeyValueIterator<String, StateEntry> all = metas.all()) {
                while (all.hasNext()) {
                    KeyValue<String, StateEntry> entry = all.next();
                    if (entry.value.meta().holdsChanges()) {
                        due.put(entry.key, now);
                    }
                }
            }
        }
        List<String> ready = new ArrayList<>();
        for (Iterator<Map.Entry<String, Long>> it = due.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Long> school = it.next();
            if (school.getValue() <= now) {
                ready.add(school.getKey());
                it.remove();
            }
        }
        ready.forEach(school -> runCycle(school, now));
    }

    private void runCycle(String school, long now) {
        StateEntry stored = metas.get(school);
        Optional<Set<EntityType>> changedTypes = changed.take(school);
        if (stored == null) {
            return;
        }
        try {
            Optional<Tenant> tenant = registry.get().tenant(stored.tenantId());
            Thresholds thresholds = tenant.map(t -> t.controls().thresholdsFor(stored.schoolId()))
                    .orElse(Thresholds.DEFAULTS);
            Set<String> emptyOnPurpose = tenant.map(Tenant::allowEmpty).orElse(Set.of());
            Instant at = Instant.ofEpochMilli(now);
            LastFiles last = LastFiles.read(lastFiles, school);
            // The last clean cycle's files are what the snapshot topic holds for the school while their set is the one
            // last sent; after a held cycle, a lost local store or a move, every file is sent again.
            LastFiles onTopic =
                    last != null && last.contentHash().equals(stored.meta().contentHash()) ? last : null;
            Cycle cycle = changedTypes
                    .flatMap(types -> partial(school, stored, types, onTopic, thresholds, emptyOnPurpose, at))
                    .orElseGet(() -> {
                        RecordStore.School entries = records.school(school);
                        SchoolRoster roster = load(school, entries, stored);
                        return new Cycle(entries, roster, planner.plan(roster, thresholds, emptyOnPurpose, at), false);
                    });
            send(school, cycle, onTopic, now);
            if (PartialRebuild.publishesAsCurrent(cycle.plan(), cycle.roster())) {
                String hash = cycle.plan().meta().contentHash();
                if (last == null || !last.contentHash().equals(hash)) {
                    new LastFiles(hash, cycle.plan().files()).write(lastFiles, school, last);
                }
                changed.publishedAsCurrent(school);
            }
        } catch (RuntimeException failed) {
            log.error("School {}: snapshot cycle failed, retrying in {}: {}", school, retryDelay, failed.toString());
            due.put(school, now + retryDelay.toMillis());
        }
    }

    /** A school's records as read for a cycle, and what the planner made of them; {@code partial}: only some types. */
    private record Cycle(RecordStore.School entries, SchoolRoster roster, CyclePlan plan, boolean partial) {}

    /**
     * The cycle planned from the types updated since the school's last clean cycle ({@code last}: its files, null when
     * they are not the ones last sent), when that plan is the one all its records would give; empty when the whole
     * school must be read.
     */
    private Optional<Cycle> partial(
            String school,
            StateEntry stored,
            Set<EntityType> types,
            LastFiles last,
            Thresholds thresholds,
            Set<String> emptyOnPurpose,
            Instant at) {
        if (last == null || !PartialRebuild.allowedBy(stored.meta())) {
            return Optional.empty();
        }
        Set<EntityType> load = PartialRebuild.typesToLoad(types);
        RecordStore.School entries = records.school(school, load);
        SchoolRoster roster = load(school, entries, stored);
        CyclePlan plan =
                planner.plan(roster, thresholds, emptyOnPurpose, at, PartialRebuild.keptFiles(last.files(), load));
        return PartialRebuild.acceptable(plan, roster)
                ? Optional.of(new Cycle(entries, roster, plan, true))
                : Optional.empty();
    }

    /** Sends the cycle's snapshot (if any), outcome and run records. */
    private void send(String school, Cycle cycle, LastFiles onTopic, long now) {
        SchoolRoster roster = cycle.roster();
        CyclePlan plan = cycle.plan();
        TenantCycleRef tenantCycle = roster.meta().tenantCycle();
        plan.snapshot()
                .map(snapshot -> SnapshotParts.of(snapshot.forCycle(tenantCycle), onTopic))
                .ifPresent(parts -> sendSnapshot(school, parts, now));
        writePublished(roster, plan.published(), cycle.entries().currentBytes());
        metas.put(school, StateEntry.meta(roster.tenantId(), roster.schoolId(), plan.meta()));
        // Outcomes are keyed by tenant: one monitor instance follows a whole district's incidents.
        context.forward(new Record<>(
                roster.tenantId(),
                new Outbound(
                        Topics.OUTCOMES, json.writeValueAsBytes(plan.outcome().forCycle(tenantCycle))),
                now));
        runs.of(roster, plan, tenantCycle, Instant.ofEpochMilli(now), Instant.now())
                .forEach(context::forward);
        held.school(school, plan.meta().heldDeletions());
        plan.snapshot().ifPresent(s -> metrics.snapshotEmitted());
        metrics.outcomeSent(plan.outcome());
        metrics.cycleRebuilt(cycle.partial());
        log.info(
                "School {}: {} ({}){}",
                school,
                plan.outcome().reason(),
                plan.outcome().message(),
                cycle.partial() ? " from its changed types only" : "");
    }

    /** The changed files and tombstones first, then the snapshot, all on the school's partition, in that order. */
    private void sendSnapshot(String school, SnapshotParts parts, long now) {
        for (SchoolFile file : parts.changed()) {
            context.forward(new Record<>(
                    file.key(),
                    new Outbound(Topics.SNAPSHOTS, json.writeValueAsBytes(file), school),
                    now,
                    schoolFileHeaders()));
        }
        for (String dropped : parts.dropped()) {
            context.forward(
                    new Record<>(dropped, new Outbound(Topics.SNAPSHOTS, null, school), now, schoolFileHeaders()));
        }
        context.forward(new Record<>(
                school, new Outbound(Topics.SNAPSHOTS, json.writeValueAsBytes(parts.snapshot()), school), now));
        metrics.schoolFilesSent(parts.changed().size(), parts.snapshot().files().size());
    }

    private static Headers schoolFileHeaders() {
        return new RecordHeaders().add(Topics.TYPE_HEADER, SchoolFile.TYPE.getBytes(StandardCharsets.UTF_8));
    }

    private static SchoolRoster load(String school, RecordStore.School records, StateEntry stored) {
        List<StateEntry> entries = new ArrayList<>(records.entries());
        entries.add(stored);
        return SchoolStateFold.fold(entries).get(school);
    }

    private void writePublished(
            SchoolRoster roster, Map<RecordKey, RosterRecord> next, Map<String, byte[]> currentBytes) {
        next.forEach((key, record) -> {
            if (!record.equals(roster.published().get(key))) {
                StateEntry entry = StateEntry.record(
                        roster.tenantId(), roster.schoolId(), Slot.PUBLISHED, key.type(), key.sourcedId(), record);
                byte[] asCurrent = record == roster.current().get(key)
                        ? currentBytes.get(StateEntry.key(
                                roster.tenantId(), roster.schoolId(), Slot.CURRENT, key.type(), key.sourcedId()))
                        : null;
                records.putPublished(entry, asCurrent);
            }
        });
        roster.published().keySet().stream()
                .filter(key -> !next.containsKey(key))
                .forEach(key -> records.delete(StateEntry.key(
                        roster.tenantId(), roster.schoolId(), Slot.PUBLISHED, key.type(), key.sourcedId())));
    }

    private SchoolMeta meta(String school) {
        StateEntry stored = metas.get(school);
        return stored == null ? SchoolMeta.initial() : stored.meta();
    }
}
