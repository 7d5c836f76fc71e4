package com.rostersync.monitor.incident;

import com.rostersync.events.outcome.FileFailure;
import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.events.outcome.SyncOutcome;
import com.rostersync.events.outcome.ThresholdBreach;
import com.rostersync.events.outcome.ValidationIssue;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the leaders need to act on one incident, taken from the latest outcome that reported it and cut to that
 * reason: counts, ids, file names and lines. Validation issues are summarised per file (count and a few sourcedIds),
 * never field values, so no student personal data reaches the state topic or an e-mail.
 */
public record IncidentDetails(
        String message,
        List<String> schoolIds,
        List<String> missingSchoolIds,
        List<FileFailure> fileFailures,
        List<ThresholdBreach> thresholdBreaches,
        List<ValidationSummary> validation,
        Duration staleFor) {

    static final int MAX_FILE_FAILURES = 20;
    static final int SAMPLE_IDS = 5;

    public IncidentDetails {
        schoolIds = schoolIds == null ? List.of() : List.copyOf(schoolIds);
        missingSchoolIds = missingSchoolIds == null ? List.of() : List.copyOf(missingSchoolIds);
        fileFailures = fileFailures == null ? List.of() : List.copyOf(fileFailures);
        thresholdBreaches = thresholdBreaches == null ? List.of() : List.copyOf(thresholdBreaches);
        validation = validation == null ? List.of() : List.copyOf(validation);
    }

    /**
     * Validation issues of one file: how many, the first few record ids to look up, and which rules they broke
     * ({@code field: problem}; the mapper's problems are fixed texts, never a field's value).
     */
    public record ValidationSummary(String file, long issues, List<String> sampleSourcedIds, List<String> problems) {

        public ValidationSummary {
            sampleSourcedIds = sampleSourcedIds == null ? List.of() : List.copyOf(sampleSourcedIds);
            problems = problems == null ? List.of() : List.copyOf(problems);
        }
    }

    static IncidentDetails of(SyncOutcome outcome, OutcomeReason reason) {
        return new IncidentDetails(
                reason == outcome.reason() ? outcome.message() : null,
                outcome.schoolIds(),
                reason == OutcomeReason.SCHOOLS_NOT_FOUND ? outcome.missingSchoolIds() : List.of(),
                reason == OutcomeReason.FILE_FAILED
                        ? outcome.fileFailures().stream()
                                .limit(MAX_FILE_FAILURES)
                                .toList()
                        : List.of(),
                reason == OutcomeReason.THRESHOLD ? outcome.thresholdBreaches() : List.of(),
                reason == OutcomeReason.VALIDATION ? summarise(outcome.validationIssues()) : List.of(),
                null);
    }

    static IncidentDetails stale(Instant lastSuccess, Instant now) {
        return new IncidentDetails(
                null, List.of(), List.of(), List.of(), List.of(), List.of(), Duration.between(lastSuccess, now));
    }

    static List<ValidationSummary> summarise(List<ValidationIssue> issues) {
        Map<String, List<ValidationIssue>> byFile = new LinkedHashMap<>();
        for (ValidationIssue issue : issues) {
            byFile.computeIfAbsent(String.valueOf(issue.file()), f -> new java.util.ArrayList<>())
                    .add(issue);
        }
        return byFile.entrySet().stream()
                .map(e -> new ValidationSummary(
                        e.getKey(),
                        e.getValue().size(),
                        e.getValue().stream()
                                .map(ValidationIssue::sourcedId)
                                .filter(id -> id != null && !id.isBlank())
                                .distinct()
                                .limit(SAMPLE_IDS)
                                .toList(),
                        e.getValue().stream()
                                .map(IncidentDetails::rule)
                                .distinct()
                                .limit(SAMPLE_IDS)
                                .toList()))
                .toList();
    }

    private static String rule(ValidationIssue issue) {
        return issue.field() == null ? String.valueOf(issue.problem()) : issue.field() + ": " + issue.problem();
    }
}
