package com.rostersync.monitor.history;

import com.rostersync.events.run.ChangeReport;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sync history API: runs newest first, one run, and a map run's change report as CSV. Any monitor instance
 * answers for any tenant (the history follows every partition).
 */
@RestController
@RequestMapping("/api/runs")
class RunsController {

    static final int MAX_LIMIT = 1000;

    private final RunHistory history;

    RunsController(RunHistory history) {
        this.history = history;
    }

    @GetMapping
    List<RunView> runs(
            @RequestParam(required = false) String tenant,
            @RequestParam(required = false) String school,
            @RequestParam(required = false) String destination,
            @RequestParam(required = false) String since,
            @RequestParam(required = false) String limit) {
        RunQuery query = new RunQuery(
                id("tenant", tenant), id("school", school), id("destination", destination), since(since), limit(limit));
        return history.runs(query).stream()
                .map(run -> RunView.of(run, history.hasChanges(run.runId())))
                .toList();
    }

    @GetMapping("/{runId}")
    ResponseEntity<RunView> run(@PathVariable String runId) {
        return history.run(runId)
                .map(run -> ResponseEntity.ok(RunView.of(run, history.hasChanges(runId))))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    @GetMapping("/{runId}/changes.csv")
    ResponseEntity<String> changes(@PathVariable String runId) {
        if (history.run(runId).isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        return history.changes(runId)
                .map(report -> ResponseEntity.ok()
                        .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName(report) + "\"")
                        .body(ChangeReportCsv.write(report)))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    @ExceptionHandler(BadParameter.class)
    ResponseEntity<Map<String, String>> badParameter(BadParameter bad) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST)
                .body(Map.of("parameter", bad.parameter, "error", bad.getMessage()));
    }

    private static String fileName(ChangeReport report) {
        return ("changes-" + report.runId() + ".csv").replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static String id(String parameter, String value) {
        if (value == null) {
            return null;
        }
        if (value.isBlank()) {
            throw new BadParameter(parameter, parameter + " must not be blank");
        }
        return value;
    }

    private static Instant since(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException notAnInstant) {
            throw new BadParameter("since", "since must be an ISO-8601 instant such as 2026-12-02T04:00:00Z");
        }
    }

    private static int limit(String value) {
        if (value == null) {
            return RunQuery.DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw new BadParameter("limit", "limit must be a whole number from 1 to " + MAX_LIMIT);
    }

    /** A query parameter the API cannot use; the answer names it. */
    static final class BadParameter extends RuntimeException {
        private final String parameter;

        BadParameter(String parameter, String message) {
            super(message);
            this.parameter = parameter;
        }
    }
}
