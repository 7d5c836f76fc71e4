package com.rostersync.monitor.api;

import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.events.outcome.Stage;
import com.rostersync.events.outcome.ThresholdBreach;
import com.rostersync.monitor.incident.Incident;
import com.rostersync.monitor.incident.IncidentDesk;
import com.rostersync.monitor.incident.IncidentDetails;
import com.rostersync.monitor.incident.UnitOfWork;
import java.time.Instant;
import java.util.List;
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
 * The operators' and leaders' API: open incidents, deletion holds, and the approval of a school's held deletions
 * (which the mapper applies with its next snapshot; the THRESHOLD incident resolves with that outcome).
 */
@RestController
@RequestMapping("/api")
class IncidentController {

    private final IncidentDesk desk;
    private final HoldApprovals approvals;

    IncidentController(IncidentDesk desk, HoldApprovals approvals) {
        this.desk = desk;
        this.approvals = approvals;
    }

    @GetMapping("/incidents")
    List<IncidentView> incidents() {
        return desk.openIncidents().stream().map(IncidentView::of).toList();
    }

    @GetMapping("/holds")
    List<HoldView> holds() {
        return desk.openIncidents().stream()
                .filter(IncidentController::isHold)
                .map(HoldView::of)
                .toList();
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

    private Incident openHold(String tenantId, String schoolId) {
        String id = Incident.idOf(new UnitOfWork(Stage.MAP, tenantId, schoolId), OutcomeReason.THRESHOLD);
        return desk.openIncident(id)
                .orElseThrow(() -> new ResponseStatusException(
                        HttpStatus.NOT_FOUND, "No deletions are held for school " + schoolId + " of " + tenantId));
    }

    private static boolean isHold(Incident incident) {
        return incident.reason() == OutcomeReason.THRESHOLD && incident.unit().stage() == Stage.MAP;
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

    record HoldView(
            String tenantId,
            String schoolId,
            Instant heldSince,
            List<ThresholdBreach> breaches,
            long heldDeletions,
            String approve) {

        static HoldView of(Incident incident) {
            String school = incident.unit().scope();
            List<ThresholdBreach> breaches =
                    incident.details() == null ? List.of() : incident.details().thresholdBreaches();
            long held = breaches.stream().mapToLong(ThresholdBreach::toArchive).sum();
            return new HoldView(
                    incident.tenantId(),
                    school,
                    incident.openedAt(),
                    breaches,
                    held,
                    "POST /api/holds/" + incident.tenantId() + "/" + school + "/approve?deletions=" + held);
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
