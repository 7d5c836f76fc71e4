package com.rostersync.monitor.console;

import com.rostersync.monitor.api.TenantOverrides;
import com.rostersync.tenants.Tenant;
import java.security.Principal;
import java.util.HashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Go live", "Back to dry run", "Pause through …" and "Resume" on the tenant page, each behind a confirmation page
 * that asks why. Operators only (the security rules); the audit records the logged-in user.
 */
@Controller
class TenantControlDecisions {

    private final TenantOverrides overrides;

    TenantControlDecisions(TenantOverrides overrides) {
        this.overrides = overrides;
    }

    /** {@code to}: {@code live}, {@code dry-run} or {@code registry}. */
    @GetMapping("/console/tenants/{tenantId}/mode")
    ModelAndView confirmMode(@PathVariable String tenantId, @RequestParam String to) {
        return confirmation(tenant(tenantId), "mode", to, null, HttpStatus.OK);
    }

    @PostMapping("/console/tenants/{tenantId}/mode")
    ModelAndView mode(
            @PathVariable String tenantId,
            @RequestParam(required = false) String mode,
            @RequestParam(required = false) String reason,
            Principal principal,
            RedirectAttributes redirect) {
        Tenant tenant = tenant(tenantId);
        try {
            overrides.setMode(tenant, mode, principal.getName(), reason);
        } catch (TenantOverrides.BadField bad) {
            return confirmation(tenant, "mode", mode, bad.getMessage(), HttpStatus.BAD_REQUEST);
        }
        redirect.addFlashAttribute(
                "notice",
                "Mode set to " + mode + " by " + principal.getName()
                        + ": the publisher applies it to the next upload of every destination of the tenant.");
        return new ModelAndView("redirect:/console/tenants/{tenantId}");
    }

    /** {@code to}: {@code pause} (asks for the last day) or {@code resume}. */
    @GetMapping("/console/tenants/{tenantId}/pause")
    ModelAndView confirmPause(@PathVariable String tenantId, @RequestParam String to) {
        return confirmation(tenant(tenantId), "pause", to, null, HttpStatus.OK);
    }

    @PostMapping("/console/tenants/{tenantId}/pause")
    ModelAndView pause(
            @PathVariable String tenantId,
            @RequestParam(required = false) String through,
            @RequestParam(required = false) String resume,
            @RequestParam(required = false) String reason,
            Principal principal,
            RedirectAttributes redirect) {
        Tenant tenant = tenant(tenantId);
        boolean resuming = resume != null;
        try {
            overrides.pause(tenant, through, resuming, principal.getName(), reason);
        } catch (TenantOverrides.BadField bad) {
            return confirmation(
                    tenant, "pause", resuming ? "resume" : "pause", bad.getMessage(), HttpStatus.BAD_REQUEST);
        }
        redirect.addFlashAttribute(
                "notice",
                resuming
                        ? "Resumed by " + principal.getName() + ": the registry's own pause windows still apply."
                        : "Paused through " + through.strip() + " by " + principal.getName() + ".");
        return new ModelAndView("redirect:/console/tenants/{tenantId}");
    }

    private ModelAndView confirmation(Tenant tenant, String control, String to, String problem, HttpStatus status) {
        Map<String, Object> model = new HashMap<>();
        model.put("tenant", tenant);
        model.put("control", control);
        model.put("to", to == null ? "" : to);
        model.put("zone", tenant.controls().pauses().timeZone().getId());
        if (problem != null) {
            model.put("problem", problem);
        }
        return new ModelAndView("console/control", model, status);
    }

    private Tenant tenant(String tenantId) {
        return overrides
                .registryTenant(tenantId)
                .orElseThrow(() -> new ResponseStatusException(
                        HttpStatus.NOT_FOUND, "No tenant " + tenantId + " in the registry"));
    }
}
