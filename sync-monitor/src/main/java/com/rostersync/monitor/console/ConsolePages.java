package com.rostersync.monitor.console;

import com.rostersync.events.run.RunRecorded;
import com.rostersync.monitor.history.RunQuery;
import com.rostersync.monitor.incident.Incident;
import com.rostersync.tenants.Mode;
import com.rostersync.tenants.Tenant;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * The console's read-only pages: the platform, one tenant, one run, one hold. Server-rendered, every value escaped by
 * the templates; ids, counts and reasons only.
 */
@Controller
class ConsolePages {

    private final ConsoleData data;

    ConsolePages(ConsoleData data) {
        this.data = data;
    }

    @GetMapping("/console/login")
    String login() {
        return "console/login";
    }

    @GetMapping({"/console", "/console/"})
    String platform(Model model) {
        List<Incident> open = data.openIncidents();
        model.addAttribute("tenants", data.tenants());
        model.addAttribute("uploads", data.uploadStatuses());
        model.addAttribute("lastSuccess", data.lastSuccesses());
        model.addAttribute("incidentsByReason", ConsoleData.countByReason(open));
        model.addAttribute("holds", HoldSummary.of(open));
        return "console/platform";
    }

    @GetMapping("/console/tenants/{tenantId}")
    String tenant(@PathVariable String tenantId, Model model) {
        Tenant tenant = data.tenant(tenantId)
                .orElseThrow(() -> new ResponseStatusException(
                        HttpStatus.NOT_FOUND, "No tenant " + tenantId + " in the registry"));
        List<Incident> open = data.openIncidents().stream()
                .filter(incident -> incident.tenantId().equals(tenantId))
                .toList();
        model.addAttribute("tenant", tenant);
        model.addAttribute("upload", data.uploadStatus(tenant));
        model.addAttribute(
                "registryMode",
                data.registryMode(tenantId).map(Mode::registryName).orElse(""));
        model.addAttribute("override", data.override(tenantId).orElse(null));
        model.addAttribute(
                "lastSuccess", Optional.ofNullable(data.lastSuccesses().get(tenantId)));
        model.addAttribute("incidents", open);
        model.addAttribute("holds", HoldSummary.of(open));
        model.addAttribute("runs", data.runs(new RunQuery(tenantId, null, null, null, ConsoleData.RECENT_RUNS)));
        return "console/tenant";
    }

    @GetMapping("/console/runs/{runId}")
    String run(@PathVariable String runId, Model model) {
        RunRecorded run =
                data.run(runId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No run " + runId));
        model.addAttribute("runId", runId);
        model.addAttribute("run", run);
        model.addAttribute("hasChangeReport", data.hasChangeReport(runId));
        return "console/run";
    }

    @GetMapping("/console/holds/{tenantId}/{schoolId}")
    String hold(@PathVariable String tenantId, @PathVariable String schoolId, Model model) {
        Optional<HoldSummary> hold = holdOf(data, tenantId, schoolId);
        model.addAttribute("tenantId", tenantId);
        model.addAttribute("schoolId", schoolId);
        model.addAttribute("hold", hold.orElse(null));
        model.addAttribute(
                "changeRun",
                hold.flatMap(found -> data.latestMapRun(tenantId, schoolId)).orElse(null));
        return "console/hold";
    }

    static Optional<HoldSummary> holdOf(ConsoleData data, String tenantId, String schoolId) {
        return HoldSummary.of(data.openIncidents()).stream()
                .filter(hold ->
                        hold.tenantId().equals(tenantId) && hold.schoolId().equals(schoolId))
                .findFirst();
    }
}
