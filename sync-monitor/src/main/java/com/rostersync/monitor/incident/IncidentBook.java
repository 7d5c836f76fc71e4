package com.rostersync.monitor.incident;

import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.events.outcome.Stage;
import com.rostersync.events.outcome.SyncOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every incident the monitor knows, open or recently resolved, and the rules that open and resolve them: an outcome
 * opens (or refreshes) one incident per failure it reports and resolves every open incident of its unit it no longer
 * reports; the STALE check opens and ends a district's STALE incident. Not thread-safe; the caller serialises.
 */
public final class IncidentBook {

    private final Map<String, Incident> incidents = new LinkedHashMap<>();

    /** Puts back an incident read from the state topic at start-up. */
    public void restore(Incident incident) {
        incidents.put(incident.id(), incident);
    }

    public void put(Incident incident) {
        incidents.put(incident.id(), incident);
    }

    public void forget(String id) {
        incidents.remove(id);
    }

    public Collection<Incident> all() {
        return List.copyOf(incidents.values());
    }

    public List<Incident> open() {
        return incidents.values().stream().filter(Incident::isOpen).toList();
    }

    public Map<OutcomeReason, Long> openByReason() {
        Map<OutcomeReason, Long> counts = new EnumMap<>(OutcomeReason.class);
        for (Incident incident : incidents.values()) {
            if (incident.isOpen()) {
                counts.merge(incident.reason(), 1L, Long::sum);
            }
        }
        return counts;
    }

    /** Applies one outcome; returns the incidents it opened, refreshed or resolved (to be stored). */
    public List<Incident> apply(SyncOutcome outcome, Instant now) {
        List<Incident> changed = new ArrayList<>();
        if (outcome.stage() == null || outcome.tenantId() == null || outcome.stage() == Stage.MONITOR) {
            return changed;
        }
        UnitOfWork unit = UnitOfWork.of(outcome);
        Set<OutcomeReason> present = FailureReasons.present(outcome);
        for (OutcomeReason reason : present) {
            IncidentDetails details = IncidentDetails.of(outcome, reason);
            Incident known = incidents.get(Incident.idOf(unit, reason));
            Incident next = known == null ? Incident.open(unit, reason, details, now) : known.seenAgain(details, now);
            changed.add(store(next));
        }
        boolean heldBack = FailureReasons.isDeliberatelyNotUploaded(outcome);
        for (Incident incident : List.copyOf(incidents.values())) {
            if (incident.isOpen()
                    && incident.unit().equals(unit)
                    && !present.contains(incident.reason())
                    && (!heldBack || FailureReasons.resolvedWhenNotUploaded(incident.reason()))) {
                changed.add(store(incident.resolve(now)));
            }
        }
        return changed;
    }

    /**
     * Opens a STALE incident for every district whose last successful cycle ({@link DistrictFreshness}) is older than
     * {@code staleAfter}, and resolves it once the district completed a cycle again.
     */
    public List<Incident> checkStale(Map<String, Instant> lastSuccessByTenant, Instant now, Duration staleAfter) {
        List<Incident> changed = new ArrayList<>();
        lastSuccessByTenant.forEach((tenant, lastSuccess) -> {
            if (Duration.between(lastSuccess, now).compareTo(staleAfter) <= 0) {
                Incident stale = incidents.get(Incident.idOf(UnitOfWork.district(tenant), OutcomeReason.STALE));
                if (stale != null && stale.isOpen()) {
                    changed.add(store(stale.resolve(now)));
                }
            } else {
                UnitOfWork unit = UnitOfWork.district(tenant);
                IncidentDetails details = IncidentDetails.stale(lastSuccess, now);
                Incident known = incidents.get(Incident.idOf(unit, OutcomeReason.STALE));
                if (known == null || !known.isOpen()) {
                    changed.add(store(
                            known == null
                                    ? Incident.open(unit, OutcomeReason.STALE, details, now)
                                    : known.seenAgain(details, now)));
                }
            }
        });
        return changed;
    }

    private Incident store(Incident incident) {
        incidents.put(incident.id(), incident);
        return incident;
    }
}
