package com.rostersync.monitor.metrics;

import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.monitor.incident.IncidentDesk;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Gauges read from the incident desk: open incidents per failure reason (one series per reason, all present from the
 * start so alerts see 0, not "no data"), and seconds since each district's last successful upload, the one series
 * that carries a tenant tag (one per district, never per school); and incidents whose owed mail is not delivered yet.
 */
@Component
public class IncidentGauges {

    public static final String INCIDENTS_OPEN = "rostersync.incidents.open";
    public static final String DISTRICT_AGE = "rostersync.district.last.success.age";
    public static final String UNANNOUNCED = "rostersync.monitor.incidents.unannounced";

    private final MeterRegistry registry;
    private final IncidentDesk desk;
    private final Clock clock;
    private final Set<String> trackedDistricts = ConcurrentHashMap.newKeySet();

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
    }

    /** Adds the age gauge of a district, once. */
    public void trackDistrict(String tenantId) {
        if (trackedDistricts.add(tenantId)) {
            Gauge.builder(DISTRICT_AGE, desk, d -> d.lastSuccess(tenantId)
                            .map(at -> Duration.between(at, clock.instant()).toMillis() / 1000.0)
                            .orElse(Double.NaN))
                    .tag("tenant", tenantId)
                    .baseUnit("seconds")
                    .description("Seconds since the district's last successful upload (UPLOADED or UNCHANGED)")
                    .strongReference(true)
                    .register(registry);
        }
    }
}
