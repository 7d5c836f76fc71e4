package com.rostersync.monitor.console;

import com.rostersync.events.command.TenantControlOverride;
import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.events.outcome.Stage;
import com.rostersync.events.run.RunRecorded;
import com.rostersync.kernel.overrides.TenantOverrideFollower;
import com.rostersync.monitor.history.RunHistory;
import com.rostersync.monitor.history.RunQuery;
import com.rostersync.monitor.incident.Incident;
import com.rostersync.monitor.kafka.KafkaIncidentStore;
import com.rostersync.tenants.Mode;
import com.rostersync.tenants.Tenant;
import com.rostersync.tenants.TenantRegistry;
import com.rostersync.tenants.TenantRegistryWatcher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * What the console pages show, read at each request from where every monitor instance reads it (the incident and
 * last-success topics, the tenant registry, the run history), so any instance shows every district.
 */
@Component
class ConsoleData {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    static final int RECENT_RUNS = 25;

    private final KafkaIncidentStore incidents;
    private final TenantRegistryWatcher registry;
    private final TenantOverrideFollower overrides;
    private final RunHistory history;
    private final Clock clock;

    ConsoleData(
            KafkaIncidentStore incidents,
            TenantRegistryWatcher registry,
            TenantOverrideFollower overrides,
            RunHistory history,
            Clock clock) {
        this.incidents = incidents;
        this.registry = registry;
        this.overrides = overrides;
        this.history = history;
        this.clock = clock;
    }

    List<Tenant> tenants() {
        return registry().tenants().stream()
                .sorted(Comparator.comparing(Tenant::id))
                .toList();
    }

    /** Each tenant's upload status (live, paused until, dry run), by tenant id. */
    Map<String, UploadStatus> uploadStatuses() {
        Instant now = clock.instant();
        Map<String, UploadStatus> statuses = new TreeMap<>();
        tenants().forEach(tenant -> statuses.put(tenant.id(), UploadStatus.of(tenant, now)));
        return statuses;
    }

    UploadStatus uploadStatus(Tenant tenant) {
        return UploadStatus.of(tenant, clock.instant());
    }

    Optional<Tenant> tenant(String tenantId) {
        return registry().tenant(tenantId);
    }

    /** The tenant's mode as its registry file says, before any operator's override. */
    Optional<Mode> registryMode(String tenantId) {
        return registry.current().tenant(tenantId).map(Tenant::mode);
    }

    Optional<TenantControlOverride> override(String tenantId) {
        return overrides.current(tenantId);
    }

    /** The registry as operators override it: what the publisher decides on, so what the console shows. */
    private TenantRegistry registry() {
        return overrides.applyTo(registry.current());
    }

    List<Incident> openIncidents() {
        return incidents.readIncidents(READ_TIMEOUT).values().stream()
                .filter(Incident::isOpen)
                .sorted(Comparator.comparing(Incident::openedAt).reversed())
                .toList();
    }

    Map<String, Instant> lastSuccesses() {
        return incidents.readLastSuccesses(READ_TIMEOUT);
    }

    static Map<OutcomeReason, Long> countByReason(List<Incident> open) {
        Map<OutcomeReason, Long> counts = new TreeMap<>();
        open.forEach(incident -> counts.merge(incident.reason(), 1L, Long::sum));
        return counts;
    }

    List<RunRecorded> runs(RunQuery query) {
        return history.runs(query);
    }

    Optional<RunRecorded> run(String runId) {
        return history.run(runId);
    }

    /** The latest map run of the school, whose change report shows what the hold holds. */
    Optional<RunRecorded> latestMapRun(String tenantId, String schoolId) {
        return runs(new RunQuery(tenantId, schoolId, null, null, RECENT_RUNS)).stream()
                .filter(run -> run.stage() == Stage.MAP)
                .findFirst();
    }

    boolean hasChangeReport(String runId) {
        return history.hasChanges(runId);
    }
}
