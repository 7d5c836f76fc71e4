package com.rostersync.monitor.console;

import com.rostersync.events.outcome.IdChange;
import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.events.outcome.ThresholdBreach;
import com.rostersync.monitor.incident.Incident;
import com.rostersync.monitor.incident.IncidentDetails;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One school's hold as an operator reviews it: every held change by type with the first held sourcedIds, the id pairs
 * of an ID_CHURN hold, and how many changes an approval covers. Ids and counts only, never a record's values.
 *
 * @param held the changes the hold keeps back, the count an approval releases at most
 */
record HoldSummary(
        String tenantId,
        String schoolId,
        List<OutcomeReason> reasons,
        Instant heldSince,
        List<ThresholdBreach> breaches,
        long held,
        List<IdChange> idChanges,
        long idChangeCount) {

    /** The school's open hold incidents, grouped by school; schools in the order their first hold appears. */
    static List<HoldSummary> of(List<Incident> openIncidents) {
        Map<String, List<Incident>> bySchool = new LinkedHashMap<>();
        openIncidents.stream().filter(HoldSummary::isHold).forEach(incident -> bySchool.computeIfAbsent(
                        incident.unit().id(), unit -> new ArrayList<>())
                .add(incident));
        return bySchool.values().stream().map(HoldSummary::ofSchool).toList();
    }

    static boolean isHold(Incident incident) {
        return incident.isOpen()
                && incident.reason().isHold()
                && incident.unit().scope() != null;
    }

    private static HoldSummary ofSchool(List<Incident> hold) {
        Incident first = hold.get(0);
        List<ThresholdBreach> breaches = new ArrayList<>();
        List<IdChange> idChanges = new ArrayList<>();
        long idChangeCount = 0;
        for (Incident incident : hold) {
            IncidentDetails details = incident.details();
            if (details == null) {
                continue;
            }
            details.thresholdBreaches().stream()
                    .filter(breach -> !breaches.contains(breach))
                    .forEach(breaches::add);
            if (incident.reason() == OutcomeReason.ID_CHURN) {
                idChanges.addAll(details.idChanges());
                idChangeCount = Math.max(idChangeCount, details.idChangeCount());
            }
        }
        return new HoldSummary(
                first.tenantId(),
                first.unit().scope(),
                hold.stream().map(Incident::reason).toList(),
                hold.stream().map(Incident::openedAt).min(Instant::compareTo).orElse(first.openedAt()),
                List.copyOf(breaches),
                breaches.stream().mapToLong(ThresholdBreach::toArchive).sum(),
                List.copyOf(idChanges),
                idChangeCount);
    }
}
