package com.rostersync.monitor.metrics;

import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.events.outcome.Stage;
import com.rostersync.monitor.incident.Incident;
import com.rostersync.monitor.incident.IncidentDesk;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Gauges read from the incident desk: open incidents per failure reason (one series per reason, all present from the
 * start so alerts see 0, not "no data"); per district, seconds since its last successful cycle and its open incidents
 * (one series each per district, never per school); the holds awaiting an operator's approval (open THRESHOLD and
 * ID_CHURN incidents): their count by reason, always present, and each hold's age, the one series that names a
 * school: it exists only while that school is held, which is rare, and the operator needs to know which to approve;
 * and incidents whose owed mail is not delivered yet.
 */
@Component
public class IncidentGauges {

    public static final String INCIDENTS_OPEN = "rostersync.incidents.open";
    public static final String DISTRICT_AGE = "rostersync.district.last.success.age";
    public static final String DISTRICT_INCIDENTS = "rostersync.district.incidents.open";
    public static final String HOLDS = "rostersync.holds.awaiting.approval";
    public static final String HOLD_AGE = "rostersync.holds.awaiting.approval.age";
    public static final String UNANNOUNCED = "rostersync.monitor.incidents.unannounced";

    private static final List<OutcomeReason> HOLD_REASONS = java.util.Arrays.stream(OutcomeReason.values())
            .filter(OutcomeReason::isHold)
            .toList();

    private final MeterRegistry registry;
    private final IncidentDesk desk;
    private final Clock clock;
    private final Set<String> trackedDistricts = ConcurrentHashMap.newKeySet();
    private final MultiGauge holdAges;
    private final Map<OutcomeReason, AtomicLong> holdCounts = new EnumMap<>(OutcomeReason.class);
    private volatile Map<String, Long> openByDistrict = Map.of();

    IncidentGauges(MeterRegistry registry, IncidentDesk desk, Clock clock) {
        this.registry = registry;
        this.desk = desk;
        this.clock = clock;
        Gauge.builder(UNANNOUNCED, desk, IncidentDesk::unannouncedCount)
                .description("Incidents whose owed e-mail was refused or had no recipient, retried with backoff")
                .register(registry);
        for (OutcomeReason reason : OutcomeReason.values()) {
            if (reason.isFailure()) {
                Gauge.builder(INCIDENTS_OPEN, desk, d -> d.openCount(reason))
                        .tag("reason", reason.name())
                        .description("Open incidents by failure reason")
                        .register(registry);
            }
        }
        for (OutcomeReason reason : HOLD_REASONS) {
            AtomicLong count = new AtomicLong();
            holdCounts.put(reason, count);
            Gauge.builder(HOLDS, count, AtomicLong::get)
                    .tag("reason", reason.name())
                    .description("Schools whose held deletions or re-keyed records await an operator's approval")
                    .register(registry);
        }
        this.holdAges = MultiGauge.builder(HOLD_AGE)
                .baseUnit("seconds")
                .description("Deletions or re-keyed records held for approval: seconds since the hold opened, per"
                        + " held school")
                .register(registry);
    }

    /** Adds the gauges of a district, once. */
    public void trackDistrict(String tenantId) {
        if (trackedDistricts.add(tenantId)) {
            Gauge.builder(DISTRICT_AGE, desk, d -> d.lastSuccess(tenantId)
                            .map(at -> Duration.between(at, clock.instant()).toMillis() / 1000.0)
                            .orElse(Double.NaN))
                    .tag("tenant", tenantId)
                    .baseUnit("seconds")
                    .description("Seconds since the district's last successful cycle (extract, map, upload of what"
                            + " changed; a quiet district's cycle ends at the extract)")
                    .strongReference(true)
                    .register(registry);
            Gauge.builder(DISTRICT_INCIDENTS, this, g -> g.openByDistrict.getOrDefault(tenantId, 0L))
                    .tag("tenant", tenantId)
                    .description("Open incidents of the district, any stage and reason")
                    .strongReference(true)
                    .register(registry);
        }
    }

    /** Re-reads the open incidents: per-district counts and the held schools. */
    public void refresh() {
        List<Incident> open = desk.openIncidents();
        openByDistrict = open.stream()
                .filter(i -> i.tenantId() != null)
                .collect(Collectors.groupingBy(Incident::tenantId, Collectors.counting()));
        List<Incident> held = open.stream()
                .filter(i -> HOLD_REASONS.contains(i.reason())
                        && i.unit().stage() == Stage.MAP
                        && i.unit().scope() != null)
                .toList();
        holdCounts.forEach((reason, count) ->
                count.set(held.stream().filter(i -> i.reason() == reason).count()));
        holdAges.register(
                held.stream()
                        .map(i -> MultiGauge.Row.of(
                                Tags.of(
                                        "tenant",
                                        i.tenantId(),
                                        "school",
                                        i.unit().scope(),
                                        "reason",
                                        i.reason().name()),
                                i.openedAt(),
                                (Instant opened) -> Duration.between(opened, clock.instant())
                                                .toMillis()
                                        / 1000.0))
                        .toList(),
                true);
    }
}
