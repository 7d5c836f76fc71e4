package com.rostersync.monitor.incident;

import com.rostersync.events.outcome.FileFailure;
import com.rostersync.events.outcome.IdChange;
import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.events.outcome.SyncOutcome;
import com.rostersync.events.outcome.ThresholdBreach;
import com.rostersync.events.outcome.ValidationIssue;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the leaders need to act on one incident, taken from the latest outcome that reported it and cut to that
 * reason: counts, ids, file names and lines. Validation issues are summarised per file (count and a few sourcedIds),
 * never field values, so no student personal data reaches the state topic or an e-mail. A hold (THRESHOLD or
 * ID_CHURN) keeps every kind of record it holds; an ID_CHURN hold also the sample of re-keyed ids and their total.
 *
 * @param login         for a credentials failure, the login that was refused ({@code user@host[:port]}) as the stage
 *                      named it in its message ("login ..."); never a secret
 * @param idChangeCount for ID_CHURN, how many records changed id (the outcome's {@code counts.idChanges}, or the
 *                      sample's size when a producer did not count)
 */
public record IncidentDetails(
        String message,
        List<String> schoolIds,
        List<String> missingSchoolIds,
        List<FileFailure> fileFailures,
        List<ThresholdBreach> thresholdBreaches,
        List<ValidationSummary> validation,
        Duration staleFor,
        List<IdChange> idChanges,
        long idChangeCount,
        String login) {

    static final int MAX_FILE_FAILURES = 20;
    static final int SAMPLE_IDS = 5;
    static final int MAX_ID_CHANGES = 20;
    private static final Pattern LOGIN = Pattern.compile("\\blogin (\\S+@[^\\s,;()]+)");

    public IncidentDetails {
        schoolIds = schoolIds == null ? List.of() : List.copyOf(schoolIds);
        missingSchoolIds = missingSchoolIds == null ? List.of() : List.copyOf(missingSchoolIds);
        fileFailures = fileFailures == null ? List.of() : List.copyOf(fileFailures);
        thresholdBreaches = thresholdBreaches == null ? List.of() : List.copyOf(thresholdBreaches);
        validation = validation == null ? List.of() : List.copyOf(validation);
        idChanges = idChanges == null ? List.of() : List.copyOf(idChanges);
    }

    /** Everything a hold holds (THRESHOLD or ID_CHURN): the archives of every kind it lists. */
    public long heldArchives() {
        return thresholdBreaches.stream().mapToLong(ThresholdBreach::toArchive).sum();
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
                isHold(reason) ? outcome.thresholdBreaches() : List.of(),
                reason == OutcomeReason.VALIDATION ? summarise(outcome.validationIssues()) : List.of(),
                null,
                reason == OutcomeReason.ID_CHURN
                        ? outcome.idChanges().stream().limit(MAX_ID_CHANGES).toList()
                        : List.of(),
                reason == OutcomeReason.ID_CHURN
                        ? outcome.counts().getOrDefault("idChanges", (long)
                                outcome.idChanges().size())
                        : 0,
                isCredentials(reason) && reason == outcome.reason() ? login(outcome.message()) : null);
    }

    static boolean isHold(OutcomeReason reason) {
        return reason.isHold();
    }

    static boolean isCredentials(OutcomeReason reason) {
        return reason == OutcomeReason.SOURCE_CREDENTIALS || reason == OutcomeReason.DESTINATION_CREDENTIALS;
    }

    /** The login a stage named in its message as {@code login user@host[:port]}; null when it named none. */
    static String login(String message) {
        if (message == null) {
            return null;
        }
        Matcher matcher = LOGIN.matcher(message);
        return matcher.find() ? matcher.group(1).replaceAll("[.:]+$", "") : null;
    }

    static IncidentDetails stale(Instant lastSuccess, Instant now) {
        return new IncidentDetails(
                null,
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                Duration.between(lastSuccess, now),
                List.of(),
                0,
                null);
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
