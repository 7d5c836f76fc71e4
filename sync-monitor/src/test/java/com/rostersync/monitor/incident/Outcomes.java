package com.rostersync.monitor.incident;

import com.rostersync.events.EntityType;
import com.rostersync.events.SchemaVersion;
import com.rostersync.events.outcome.FileFailure;
import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.events.outcome.Stage;
import com.rostersync.events.outcome.SyncOutcome;
import com.rostersync.events.outcome.ThresholdBreach;
import com.rostersync.events.outcome.ValidationIssue;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Outcome fixtures as the other stages send them. */
public final class Outcomes {

    public static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");

    private Outcomes() {}

    public static SyncOutcome snapshotReady(String tenant, String school) {
        return map(tenant, school, OutcomeReason.SNAPSHOT_READY, List.of(), List.of());
    }

    public static SyncOutcome thresholdHeld(String tenant, String school) {
        return map(
                tenant,
                school,
                OutcomeReason.SNAPSHOT_READY,
                List.of(new ThresholdBreach(EntityType.PERSON, 120, 501, 50, 23.95, 10.0)),
                List.of());
    }

    public static SyncOutcome invalidRecords(String tenant, String school) {
        return map(
                tenant,
                school,
                OutcomeReason.SNAPSHOT_READY,
                List.of(),
                List.of(
                        new ValidationIssue("users.csv", "stu-1", "username", "required"),
                        new ValidationIssue("users.csv", "stu-2", "username", "required"),
                        new ValidationIssue("enrollments.csv", "enr-9", "classSourcedId", "unknown class")));
    }

    public static SyncOutcome map(
            String tenant,
            String school,
            OutcomeReason reason,
            List<ThresholdBreach> breaches,
            List<ValidationIssue> issues) {
        return new SyncOutcome(
                SchemaVersion.CURRENT,
                UUID.randomUUID().toString(),
                T0,
                Stage.MAP,
                reason,
                tenant,
                List.of(school),
                null,
                "snapshot",
                List.of(),
                List.of(),
                breaches,
                issues,
                Map.of());
    }

    public static SyncOutcome extract(String tenant, OutcomeReason reason, List<String> missing) {
        return new SyncOutcome(
                SchemaVersion.CURRENT,
                UUID.randomUUID().toString(),
                T0,
                Stage.EXTRACT,
                reason,
                tenant,
                List.of(),
                null,
                "cycle",
                missing,
                List.of(),
                List.of(),
                List.of(),
                Map.of());
    }

    public static SyncOutcome publish(
            String tenant, String destination, OutcomeReason reason, Instant at, List<FileFailure> failures) {
        return new SyncOutcome(
                SchemaVersion.CURRENT,
                UUID.randomUUID().toString(),
                at,
                Stage.PUBLISH,
                reason,
                tenant,
                List.of(),
                destination,
                "upload",
                List.of(),
                failures,
                List.of(),
                List.of(),
                Map.of("files", 7L));
    }
}
