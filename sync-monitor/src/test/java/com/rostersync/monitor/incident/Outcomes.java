package com.rostersync.monitor.incident;

import com.rostersync.events.EntityType;
import com.rostersync.events.SchemaVersion;
import com.rostersync.events.outcome.FileFailure;
import com.rostersync.events.outcome.IdChange;
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

    /** 80 of a school's 100 students updated at once: the update threshold (75%) holds every update. */
    public static SyncOutcome updatesHeld(String tenant, String school) {
        return map(
                tenant,
                school,
                OutcomeReason.UPDATE_THRESHOLD,
                List.of(new ThresholdBreach(
                        EntityType.PERSON,
                        80,
                        100,
                        75,
                        80.0,
                        75.0,
                        "students",
                        true,
                        com.rostersync.events.run.ChangeAction.UPDATED,
                        List.of("stu-1", "stu-2"))),
                List.of());
    }

    /** A hold of {@code students} students of 501 at 10%, with their enrollments and demographics held with them. */
    public static SyncOutcome hold(String tenant, String school, long students) {
        return map(
                tenant,
                school,
                OutcomeReason.SNAPSHOT_READY,
                List.of(
                        new ThresholdBreach(
                                EntityType.PERSON, students, 501, 50, students * 100.0 / 501, 10.0, "students", true),
                        new ThresholdBreach(
                                EntityType.ENROLLMENT,
                                students * 6,
                                3030,
                                303,
                                students * 600.0 / 3030,
                                10.0,
                                "enrollments",
                                students * 6 > 303),
                        new ThresholdBreach(
                                EntityType.DEMOGRAPHICS,
                                students,
                                501,
                                50,
                                students * 100.0 / 501,
                                10.0,
                                "demographics",
                                false)),
                List.of());
    }

    /** Every person of a school re-keyed: the old ids' archives held with the new ids' creates. */
    public static SyncOutcome idChurn(String tenant, String school, int people) {
        List<IdChange> changes = java.util.stream.IntStream.rangeClosed(1, people)
                .mapToObj(i -> new IdChange(EntityType.PERSON, "P" + i, "NEW-P" + i, "username"))
                .limit(20)
                .toList();
        return new SyncOutcome(
                SchemaVersion.CURRENT,
                UUID.randomUUID().toString(),
                T0,
                Stage.MAP,
                OutcomeReason.ID_CHURN,
                tenant,
                List.of(school),
                null,
                people + " records changed id",
                List.of(),
                List.of(),
                List.of(
                        new ThresholdBreach(EntityType.PERSON, people, people, 7, 100.0, 10.0, "users", false),
                        new ThresholdBreach(EntityType.ENROLLMENT, 420, 420, 42, 100.0, 10.0, "enrollments", false)),
                List.of(),
                Map.of("idChanges", (long) people),
                changes);
    }

    /** A CSV drop cycle with one file failed (its records carried forward). */
    public static SyncOutcome dropFileFailed(String tenant, String file, String reason) {
        return new SyncOutcome(
                SchemaVersion.CURRENT,
                UUID.randomUUID().toString(),
                T0,
                Stage.EXTRACT,
                OutcomeReason.CYCLE_COMPLETED,
                tenant,
                List.of(),
                null,
                "cycle",
                List.of(),
                List.of(new FileFailure(file, 0, null, reason)),
                List.of(),
                List.of(),
                Map.of());
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
        return publish(tenant, destination, reason, at, failures, "upload");
    }

    public static SyncOutcome publish(
            String tenant,
            String destination,
            OutcomeReason reason,
            Instant at,
            List<FileFailure> failures,
            String message) {
        return new SyncOutcome(
                SchemaVersion.CURRENT,
                UUID.randomUUID().toString(),
                at,
                Stage.PUBLISH,
                reason,
                tenant,
                List.of(),
                destination,
                message,
                List.of(),
                failures,
                List.of(),
                List.of(),
                Map.of("files", 7L));
    }
}
