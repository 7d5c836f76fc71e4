package com.rostersync.mapper.pipeline;

import com.rostersync.events.EntityType;
import com.rostersync.events.Keys;
import com.rostersync.events.Topics;
import com.rostersync.events.command.ApproveHold;
import com.rostersync.events.cycle.ChangeKind;
import com.rostersync.events.cycle.CycleCompleted;
import com.rostersync.events.cycle.RecordChanged;
import com.rostersync.events.cycle.RosterChangeEvent;
import com.rostersync.events.cycle.TenantCycleRef;
import com.rostersync.events.roster.RosterRecord;
import com.rostersync.mapper.config.MapperProperties;
import com.rostersync.mapper.cycle.CyclePlan;
import com.rostersync.mapper.cycle.SchoolCyclePlanner;
import com.rostersync.mapper.roster.RecordKey;
import com.rostersync.mapper.roster.SchoolMeta;
import com.rostersync.mapper.roster.SchoolRoster;
import com.rostersync.mapper.snapshot.SourceSystem;
import com.rostersync.mapper.state.MapperStateChangelog;
import com.rostersync.mapper.state.StateEntry;
import com.rostersync.mapper.state.StateEntry.Slot;
import com.rostersync.mapper.state.StateWrite;
import com.rostersync.tenants.Tenant;
import com.rostersync.tenants.TenantRegistry;
import com.rostersync.tenants.TenantRegistryWatcher;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps every school's roster and turns completed cycles into snapshots. Changes are applied and written to the
 * changelog as they arrive; a cycle-complete marker schedules the school's snapshot after a quiet period, so a burst
 * of cycles gives one snapshot. Approvals and a changed tenant registry re-run schools with held deletions at once.
 * Starts (restoring state from the changelog) before the listener containers, so no event is processed on empty state.
 */
@Component
public class SchoolCycleRunner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SchoolCycleRunner.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(60);

    private final Map<String, SchoolRoster> rosters = new ConcurrentHashMap<>();
    private final Map<String, ScheduledFuture<?>> scheduled = new ConcurrentHashMap<>();
    /** Partitions of the roster-change topic this instance owns; none known yet means it owns every school. */
    private final Set<TopicPartition> owned = ConcurrentHashMap.newKeySet();

    private volatile int partitionCount;
    private volatile boolean assignedOnce;
    private final MapperStateChangelog changelog;
    private final KafkaTemplate<String, Object> template;
    private final TenantRegistryWatcher registry;
    private final MapperProperties properties;
    private final MapperMetrics metrics;
    private final SchoolCyclePlanner planner;
    private final Clock clock;
    private ScheduledExecutorService scheduler;
    private volatile boolean running;

    public SchoolCycleRunner(
            MapperStateChangelog changelog,
            KafkaTemplate<String, Object> template,
            TenantRegistryWatcher registry,
            MapperProperties properties,
            MapperMetrics metrics) {
        this.changelog = changelog;
        this.template = template;
        this.registry = registry;
        this.properties = properties;
        this.metrics = metrics;
        this.planner =
                new SchoolCyclePlanner(new SourceSystem(properties.sourceSystemName(), properties.sourceSystemCode()));
        this.clock = Clock.systemUTC();
        metrics.heldDeletions(this, SchoolCycleRunner::heldDeletions);
        registry.onChange(this::registryChanged);
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "mapper-school-cycles");
            thread.setDaemon(true);
            return thread;
        });
        assignedOnce = false;
        owned.clear();
        restore();
        running = true;
    }

    private void restore() {
        rosters.clear();
        rosters.putAll(changelog.restore());
        rosters.forEach((key, roster) -> {
            if (roster.meta().pendingCycle()) {
                schedule(key, properties.quietPeriod());
            }
        });
    }

    /**
     * New partitions may carry schools another instance served until now: their state is on the changelog, so it is
     * read again (the first assignment follows the restore at start and needs none).
     */
    synchronized void partitionsAssigned(Collection<TopicPartition> partitions, int rosterChangePartitions) {
        partitionCount = rosterChangePartitions;
        partitions.stream()
                .filter(tp -> tp.topic().equals(Topics.ROSTER_CHANGES))
                .forEach(owned::add);
        if (assignedOnce && !partitions.isEmpty()) {
            log.info("Partitions {} assigned; rebuilding state from the changelog", partitions);
            restore();
        }
        assignedOnce = true;
    }

    /** Schools of revoked partitions are another instance's now: their pending snapshots are not ours to emit. */
    synchronized void partitionsRevoked(Collection<TopicPartition> partitions) {
        partitions.forEach(owned::remove);
        scheduled.forEach((key, future) -> {
            if (!owns(key)) {
                future.cancel(false);
            }
        });
    }

    /** Whether this instance owns the school: the producer's default partitioner puts its key on an owned partition. */
    boolean owns(String schoolKey) {
        int partitions = partitionCount;
        if (!assignedOnce || partitions <= 0) {
            return true;
        }
        return owned.contains(new TopicPartition(Topics.ROSTER_CHANGES, partitionOf(schoolKey, partitions)));
    }

    static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    @Override
    public synchronized void stop() {
        running = false;
        scheduler.shutdownNow();
        scheduled.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the listener containers (which start in a late phase), so state is restored first. */
    @Override
    public int getPhase() {
        return 0;
    }

    /** Applies a batch of changes and markers; returns once their state is on the changelog. */
    public synchronized void apply(List<RosterChangeEvent> events) {
        List<StateWrite> writes = new ArrayList<>();
        Set<String> completed = new LinkedHashSet<>();
        for (RosterChangeEvent event : events) {
            String key = Keys.school(event.tenantId(), event.schoolId());
            SchoolRoster roster =
                    rosters.computeIfAbsent(key, k -> new SchoolRoster(event.tenantId(), event.schoolId()));
            if (event instanceof RecordChanged change) {
                RecordKey recordKey = new RecordKey(change.entityType(), change.sourcedId());
                if (change.kind() == ChangeKind.UPSERT && change.record() != null) {
                    roster.current().put(recordKey, change.record());
                    writes.add(StateWrite.put(StateEntry.record(
                            roster.tenantId(),
                            roster.schoolId(),
                            Slot.CURRENT,
                            change.entityType(),
                            change.sourcedId(),
                            change.record())));
                } else {
                    roster.current().remove(recordKey);
                    writes.add(StateWrite.delete(StateEntry.key(
                            roster.tenantId(),
                            roster.schoolId(),
                            Slot.CURRENT,
                            change.entityType(),
                            change.sourcedId())));
                }
            } else if (event instanceof CycleCompleted marker) {
                roster.meta(roster.meta().withPendingCycle(true).withTenantCycle(marker.tenantCycle()));
                writes.add(StateWrite.put(StateEntry.meta(roster.tenantId(), roster.schoolId(), roster.meta())));
                completed.add(key);
            }
        }
        changelog.write(writes);
        completed.forEach(key -> schedule(key, properties.quietPeriod()));
    }

    /**
     * An operator approved the school's held deletions: they go through in a snapshot built now, unless more are held
     * by then than the approval covers (the planner decides).
     */
    public synchronized void approve(ApproveHold command) {
        String key = Keys.school(command.tenantId(), command.schoolId());
        SchoolRoster roster = rosters.get(key);
        if (roster == null) {
            log.warn("Approval {} for unknown school {} ignored", command.commandId(), key);
            return;
        }
        log.info(
                "Approval {} covers {} held deletions of school {} ({} held at the last cycle)",
                command.commandId(),
                command.deletions() == null ? "all" : command.deletions(),
                key,
                roster.meta().heldTotal());
        roster.meta(roster.meta().withHoldApproved(command.deletions()));
        changelog.write(List.of(StateWrite.put(StateEntry.meta(roster.tenantId(), roster.schoolId(), roster.meta()))));
        schedule(key, Duration.ZERO);
    }

    /** A new registry may have raised a tenant's threshold: re-judge every school that holds deletions. */
    void registryChanged(TenantRegistry newRegistry) {
        rosters.forEach((key, roster) -> {
            if (roster.meta().heldTotal() > 0) {
                schedule(key, Duration.ZERO);
            }
        });
    }

    private void schedule(String key, Duration delay) {
        if (scheduler == null || scheduler.isShutdown()) {
            return;
        }
        scheduled.compute(key, (k, previous) -> {
            if (previous != null) {
                previous.cancel(false);
            }
            return scheduler.schedule(() -> runCycle(k), delay.toMillis(), TimeUnit.MILLISECONDS);
        });
    }

    synchronized void runCycle(String key) {
        SchoolRoster roster = rosters.get(key);
        if (roster == null || !running || !owns(key)) {
            return;
        }
        try {
            Optional<Tenant> tenant = registry.current().tenant(roster.tenantId());
            double percent =
                    tenant.map(Tenant::deletionThresholdPercent).orElse(Tenant.DEFAULT_DELETION_THRESHOLD_PERCENT);
            Set<String> emptyOnPurpose = tenant.map(Tenant::allowEmpty).orElse(Set.of());
            CyclePlan plan = planner.plan(roster, percent, emptyOnPurpose, clock.instant());
            TenantCycleRef cycle = roster.meta().tenantCycle();
            if (plan.snapshot().isPresent()) {
                send(Topics.SNAPSHOTS, key, plan.snapshot().get().forCycle(cycle));
            }
            List<StateWrite> writes = publishedChanges(roster, plan.published());
            writes.add(StateWrite.put(StateEntry.meta(roster.tenantId(), roster.schoolId(), plan.meta())));
            changelog.write(writes);
            roster.published().clear();
            roster.published().putAll(plan.published());
            roster.meta(plan.meta());
            send(Topics.OUTCOMES, key, plan.outcome().forCycle(cycle));
            plan.snapshot().ifPresent(s -> metrics.snapshotEmitted());
            metrics.outcomeSent(plan.outcome());
            log.info(
                    "School {}: {} ({})",
                    key,
                    plan.outcome().reason(),
                    plan.outcome().message());
        } catch (RuntimeException failed) {
            log.error(
                    "School {}: snapshot cycle failed, retrying in {}: {}",
                    key,
                    properties.retryDelay(),
                    failed.toString());
            schedule(key, properties.retryDelay());
        }
    }

    private static List<StateWrite> publishedChanges(SchoolRoster roster, Map<RecordKey, RosterRecord> next) {
        List<StateWrite> writes = new ArrayList<>();
        next.forEach((key, record) -> {
            if (!record.equals(roster.published().get(key))) {
                writes.add(StateWrite.put(StateEntry.record(
                        roster.tenantId(), roster.schoolId(), Slot.PUBLISHED, key.type(), key.sourcedId(), record)));
            }
        });
        roster.published().keySet().stream()
                .filter(key -> !next.containsKey(key))
                .forEach(key -> writes.add(StateWrite.delete(StateEntry.key(
                        roster.tenantId(), roster.schoolId(), Slot.PUBLISHED, key.type(), key.sourcedId()))));
        return writes;
    }

    private void send(String topic, String key, Object value) {
        try {
            template.send(topic, key, value).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending to " + topic, interrupted);
        } catch (ExecutionException | TimeoutException failed) {
            throw new IllegalStateException("could not send to " + topic + ": " + failed.getMessage(), failed);
        }
    }

    private long heldDeletions(EntityType type) {
        return rosters.values().stream()
                .mapToLong(r -> r.meta().heldDeletions().getOrDefault(type, 0L))
                .sum();
    }

    /** For tests and diagnostics: the metadata the runner holds for a school. */
    public SchoolMeta meta(String tenantId, String schoolId) {
        SchoolRoster roster = rosters.get(Keys.school(tenantId, schoolId));
        return roster == null ? null : roster.meta();
    }
}
