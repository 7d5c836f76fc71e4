package com.rostersync.monitor.console;

import com.rostersync.monitor.api.HoldApprovals;
import java.security.Principal;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Approve and Discard in the console, each behind a confirmation page that repeats what the decision covers (a discard
 * also asks why). Operators only (the security rules); the audit records the logged-in user.
 */
@Controller
class HoldDecisions {

    private final ConsoleData data;
    private final HoldApprovals approvals;

    HoldDecisions(ConsoleData data, HoldApprovals approvals) {
        this.data = data;
        this.approvals = approvals;
    }

    @GetMapping("/console/holds/{tenantId}/{schoolId}/approve")
    String confirmApproval(@PathVariable String tenantId, @PathVariable String schoolId, Model model) {
        model.addAttribute("hold", openHold(tenantId, schoolId));
        return "console/approve";
    }

    /** {@code held}: the count the operator confirmed; the mapper releases nothing if it holds more by then. */
    @PostMapping("/console/holds/{tenantId}/{schoolId}/approve")
    String approve(
            @PathVariable String tenantId,
            @PathVariable String schoolId,
            @RequestParam long held,
            Principal principal,
            RedirectAttributes redirect) {
        openHold(tenantId, schoolId);
        if (held < 0) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "held must not be negative");
        }
        approvals.approve(tenantId, schoolId, principal.getName(), held);
        redirect.addFlashAttribute(
                "notice",
                "Approved by " + principal.getName() + ": the mapper releases the " + held
                        + " held changes with its next snapshot, and the hold resolves then.");
        return "redirect:/console/holds/{tenantId}/{schoolId}";
    }

    @GetMapping("/console/holds/{tenantId}/{schoolId}/discard")
    String confirmDiscard(@PathVariable String tenantId, @PathVariable String schoolId, Model model) {
        model.addAttribute("hold", openHold(tenantId, schoolId));
        return "console/discard";
    }

    @PostMapping("/console/holds/{tenantId}/{schoolId}/discard")
    ModelAndView discard(
            @PathVariable String tenantId,
            @PathVariable String schoolId,
            @RequestParam(required = false) String reason,
            Principal principal,
            RedirectAttributes redirect) {
        HoldSummary hold = openHold(tenantId, schoolId);
        if (reason == null || reason.isBlank()) {
            return new ModelAndView(
                    "console/discard", Map.of("hold", hold, "reasonMissing", true), HttpStatus.BAD_REQUEST);
        }
        approvals.discard(tenantId, schoolId, principal.getName(), reason);
        redirect.addFlashAttribute(
                "notice",
                "Discarded by " + principal.getName() + ": the mapper drops the held changes from its pending change,"
                        + " and the hold resolves with its next snapshot.");
        return new ModelAndView("redirect:/console/holds/{tenantId}/{schoolId}");
    }

    private HoldSummary openHold(String tenantId, String schoolId) {
        return ConsolePages.holdOf(data, tenantId, schoolId)
                .orElseThrow(() -> new ResponseStatusException(
                        HttpStatus.NOT_FOUND, "Nothing is held for school " + schoolId + " of " + tenantId));
    }
}
