package com.rostersync.monitor.api;

import com.rostersync.events.outcome.IdChange;
import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.events.outcome.Stage;
import com.rostersync.events.outcome.ThresholdBreach;
import com.rostersync.monitor.incident.Incident;
import com.rostersync.monitor.incident.IncidentDetails;
import com.rostersync.monitor.incident.UnitOfWork;
import com.rostersync.monitor.kafka.KafkaIncidentStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The operators' and leaders' API: open incidents, holds (THRESHOLD and ID_CHURN at the MAP stage), and the approval
 * of what a school holds (which the mapper applies with its next snapshot; the hold incidents resolve with that
 * outcome).
 */
@RestController
@RequestMapping("/api")
class IncidentController {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private final KafkaIncidentStore store;
    private final HoldApprovals approvals;

    /**
     * Answers from the incident topic, not from this instance's desk: with several monitor instances each answers for
     * some districts only, and an operator must see (and approve) every district's incidents on any of them.
     */
    IncidentController(KafkaIncidentStore store, HoldApprovals approvals) {
        this.store = store;
        this.approvals = approvals;
    }

    private List<Incident> openIncidents() {
        return store.readIncidents(READ_TIMEOUT).values().stream()
                .filter(Incident::isOpen)
                .toList();
    }

    @GetMapping("/incidents")
    List<IncidentView> incidents() {
        return openIncidents().stream().map(IncidentView::of).toList();
    }

    @GetMapping("/holds")
    List<HoldView> holds() {
        Map<String, List<Incident>> bySchool = new LinkedHashMap<>();
        openIncidents().stream().filter(IncidentController::isHold).forEach(incident -> bySchool.computeIfAbsent(
                        incident.unit().id(), unit -> new ArrayList<>())
                .add(incident));
        return bySchool.values().stream().map(HoldView::of).toList();
    }

    @GetMapping("/holds/{tenantId}/{schoolId}")
    HoldView hold(@PathVariable String tenantId, @PathVariable String schoolId) {
        return HoldView.of(openHold(tenantId, schoolId));
    }

    /**
     * Approves the held deletions the operator saw: {@code deletions} if given, else the number the hold shows now.
     * If the mapper holds more by the time it applies the approval, it releases none (the hold's message says so).
     */
    @PostMapping("/holds/{tenantId}/{schoolId}/approve")
    ResponseEntity<ApprovalView> approve(
            @PathVariable String tenantId,
            @PathVariable String schoolId,
            @RequestParam(required = false) Long deletions,
            @RequestAttribute(ApiAccessFilter.OPERATOR) String operator) {
        HoldView hold = HoldView.of(openHold(tenantId, schoolId));
        if (deletions != null && deletions < 0) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "deletions must not be negative");
        }
        long approved = deletions != null ? deletions : hold.heldDeletions();
        var command = approvals.approve(tenantId, schoolId, operator, approved);
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(new ApprovalView(
                        command.commandId(), tenantId, schoolId, operator, command.approvedAt(), approved));
    }

    /**
     * The school's open hold incidents: THRESHOLD, ID_CHURN or both (the mapper holds one set per school and releases
     * all of it on approval).
     */
    private List<Incident> openHold(String tenantId, String schoolId) {
        UnitOfWork school = new UnitOfWork(Stage.MAP, tenantId, schoolId);
        Map<String, Incident> open = new LinkedHashMap<>();
        openIncidents().forEach(incident -> open.put(incident.id(), incident));
        List<Incident> hold = HOLD_REASONS.stream()
                .map(reason -> Optional.ofNullable(open.get(Incident.idOf(school, reason))))
                .flatMap(Optional::stream)
                .toList();
        if (hold.isEmpty()) {
            throw new ResponseStatusException(
                    HttpStatus.NOT_FOUND, "Nothing is held for school " + schoolId + " of " + tenantId);
        }
        return hold;
    }

    private static final List<OutcomeReason> HOLD_REASONS = java.util.Arrays.stream(OutcomeReason.values())
            .filter(OutcomeReason::isHold)
            .toList();

    private static boolean isHold(Incident incident) {
        return HOLD_REASONS.contains(incident.reason()) && incident.unit().stage() == Stage.MAP;
    }

    record IncidentView(
            String id,
            String tenantId,
            Stage stage,
            String scope,
            OutcomeReason reason,
            Instant openedAt,
            Instant lastSeenAt,
            IncidentDetails details) {

        static IncidentView of(Incident incident) {
            return new IncidentView(
                    incident.id(),
                    incident.tenantId(),
                    incident.unit().stage(),
                    incident.unit().scope(),
                    incident.reason(),
                    incident.openedAt(),
                    incident.lastSeenAt(),
                    incident.details());
        }
    }

    /**
     * One school's hold. {@code heldDeletions} is every archive it holds (the sum over its breaches; for an ID churn
     * the old ids' archives), the default an approval covers; {@code idChanges} a sample of re-keyed ids and
     * {@code idChangeCount} their total.
     */
    record HoldView(
            String tenantId,
            String schoolId,
            List<OutcomeReason> reasons,
            Instant heldSince,
            List<ThresholdBreach> breaches,
            long heldDeletions,
            List<IdChange> idChanges,
            long idChangeCount,
            String approve) {

        static HoldView of(List<Incident> hold) {
            Incident first = hold.get(0);
            String school = first.unit().scope();
            List<ThresholdBreach> breaches =
                    first.details() == null ? List.of() : first.details().thresholdBreaches();
            long held = first.details() == null ? 0 : first.details().heldArchives();
            Optional<IncidentDetails> churn = hold.stream()
                    .filter(i -> i.reason() == OutcomeReason.ID_CHURN && i.details() != null)
                    .map(Incident::details)
                    .findFirst();
            return new HoldView(
                    first.tenantId(),
                    school,
                    hold.stream().map(Incident::reason).toList(),
                    hold.stream()
                            .map(Incident::openedAt)
                            .min(Instant::compareTo)
                            .orElse(first.openedAt()),
                    breaches,
                    held,
                    churn.map(IncidentDetails::idChanges).orElse(List.of()),
                    churn.map(IncidentDetails::idChangeCount).orElse(0L),
                    "POST /api/holds/" + first.tenantId() + "/" + school + "/approve?deletions=" + held);
        }
    }

    record ApprovalView(
            String commandId,
            String tenantId,
            String schoolId,
            String approvedBy,
            Instant approvedAt,
            long approvedDeletions) {}
}
