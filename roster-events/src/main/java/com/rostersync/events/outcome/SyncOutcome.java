package com.rostersync.events.outcome;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.rostersync.events.SchemaVersion;
import com.rostersync.events.cycle.TenantCycleRef;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a stage reports after each unit of work, success or failure. Only the fields its reason needs are set; lists
 * are empty, not null. {@code message} is a short operator text: ids and counts only, never secrets or personal data.
 *
 * <p>Each outcome is the <em>complete</em> status of its unit, so the monitor can both open and resolve incidents from
 * it: the unit is (EXTRACT, tenant), (MAP, tenant, the one school) or (PUBLISH, tenant, destination). The failures
 * present are {@code reason} when it is a failure, plus FILE_FAILED when {@code fileFailures} is not empty, THRESHOLD
 * when {@code thresholdBreaches} is not empty, VALIDATION when {@code validationIssues} is not empty and
 * SCHOOLS_NOT_FOUND when {@code missingSchoolIds} is not empty and ID_CHURN when {@code idChanges} is not empty. A
 * THRESHOLD is present only when a breach {@link ThresholdBreach#exceeds() exceeds} its limit: the breaches of an
 * ID_CHURN hold list what it holds without being over any limit. Every open incident of the unit that is not present is
 * resolved by it. A stage therefore sends exactly one outcome per unit of work, e.g. one per tenant cycle.
 *
 * @param destinationId the publisher's destination account id, null for other stages
 * @param counts        named numbers (records per type, bytes, files, durationMillis, ...)
 * @param idChanges     the re-keyed records an ID_CHURN hold holds (at most a sample; {@code counts} has the total)
 * @param tenantCycle   MAP only: the tenant cycle this school outcome closes (null when unknown)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SyncOutcome(
        int schemaVersion,
        String outcomeId,
        Instant occurredAt,
        Stage stage,
        OutcomeReason reason,
        String tenantId,
        List<String> schoolIds,
        String destinationId,
        String message,
        List<String> missingSchoolIds,
        List<FileFailure> fileFailures,
        List<ThresholdBreach> thresholdBreaches,
        List<ValidationIssue> validationIssues,
        Map<String, Long> counts,
        List<IdChange> idChanges,
        TenantCycleRef tenantCycle,
        Integer schemaMinor) {
    /** As written at {@link SchemaVersion#MINOR}, the revision this build writes. */
    public SyncOutcome(
            int schemaVersion,
            String outcomeId,
            Instant occurredAt,
            Stage stage,
            OutcomeReason reason,
            String tenantId,
            List<String> schoolIds,
            String destinationId,
            String message,
            List<String> missingSchoolIds,
            List<FileFailure> fileFailures,
            List<ThresholdBreach> thresholdBreaches,
            List<ValidationIssue> validationIssues,
            Map<String, Long> counts,
            List<IdChange> idChanges,
            TenantCycleRef tenantCycle) {
        this(
                schemaVersion,
                outcomeId,
                occurredAt,
                stage,
                reason,
                tenantId,
                schoolIds,
                destinationId,
                message,
                missingSchoolIds,
                fileFailures,
                thresholdBreaches,
                validationIssues,
                counts,
                idChanges,
                tenantCycle,
                SchemaVersion.MINOR);
    }

    public SyncOutcome {
        schemaMinor = schemaMinor == null ? 0 : schemaMinor;
        idChanges = idChanges == null ? List.of() : List.copyOf(idChanges);
        schoolIds = schoolIds == null ? List.of() : List.copyOf(schoolIds);
        missingSchoolIds = missingSchoolIds == null ? List.of() : List.copyOf(missingSchoolIds);
        fileFailures = fileFailures == null ? List.of() : List.copyOf(fileFailures);
        thresholdBreaches = thresholdBreaches == null ? List.of() : List.copyOf(thresholdBreaches);
        validationIssues = validationIssues == null ? List.of() : List.copyOf(validationIssues);
        counts = counts == null ? Map.of() : Map.copyOf(counts);
    }

    /** An outcome not tied to a tenant cycle. */
    public SyncOutcome(
            int schemaVersion,
            String outcomeId,
            Instant occurredAt,
            Stage stage,
            OutcomeReason reason,
            String tenantId,
            List<String> schoolIds,
            String destinationId,
            String message,
            List<String> missingSchoolIds,
            List<FileFailure> fileFailures,
            List<ThresholdBreach> thresholdBreaches,
            List<ValidationIssue> validationIssues,
            Map<String, Long> counts,
            List<IdChange> idChanges) {
        this(
                schemaVersion,
                outcomeId,
                occurredAt,
                stage,
                reason,
                tenantId,
                schoolIds,
                destinationId,
                message,
                missingSchoolIds,
                fileFailures,
                thresholdBreaches,
                validationIssues,
                counts,
                idChanges,
                (TenantCycleRef) null);
    }

    /** This outcome, closing the school's part of {@code cycle}. */
    public SyncOutcome forCycle(TenantCycleRef cycle) {
        return new SyncOutcome(
                schemaVersion,
                outcomeId,
                occurredAt,
                stage,
                reason,
                tenantId,
                schoolIds,
                destinationId,
                message,
                missingSchoolIds,
                fileFailures,
                thresholdBreaches,
                validationIssues,
                counts,
                idChanges,
                cycle,
                schemaMinor);
    }

    /** An outcome without re-keyed records: every stage but the mapper's hold. */
    public SyncOutcome(
            int schemaVersion,
            String outcomeId,
            Instant occurredAt,
            Stage stage,
            OutcomeReason reason,
            String tenantId,
            List<String> schoolIds,
            String destinationId,
            String message,
            List<String> missingSchoolIds,
            List<FileFailure> fileFailures,
            List<ThresholdBreach> thresholdBreaches,
            List<ValidationIssue> validationIssues,
            Map<String, Long> counts) {
        this(
                schemaVersion,
                outcomeId,
                occurredAt,
                stage,
                reason,
                tenantId,
                schoolIds,
                destinationId,
                message,
                missingSchoolIds,
                fileFailures,
                thresholdBreaches,
                validationIssues,
                counts,
                List.of());
    }
}
