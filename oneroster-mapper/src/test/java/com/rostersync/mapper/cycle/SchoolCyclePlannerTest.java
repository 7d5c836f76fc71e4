package com.rostersync.mapper.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.rostersync.events.EntityType;
import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.events.outcome.Stage;
import com.rostersync.events.roster.RosterRecord;
import com.rostersync.events.snapshot.SchoolSnapshot;
import com.rostersync.events.snapshot.SnapshotFile;
import com.rostersync.mapper.Fixtures;
import com.rostersync.mapper.roster.RecordKey;
import com.rostersync.mapper.roster.SchoolRoster;
import com.rostersync.mapper.snapshot.SourceSystem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchoolCyclePlannerTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    private final SchoolCyclePlanner planner = new SchoolCyclePlanner(new SourceSystem("RosterSync", "rs"));
    private final SchoolRoster roster = new SchoolRoster(Fixtures.TENANT, Fixtures.SCHOOL);

    @Test
    void firstCycleEmitsVersionOneAndReportsSnapshotReady() {
        roster.current().putAll(Fixtures.school(List.of()));
        CyclePlan plan = apply(10);
        SchoolSnapshot snapshot = plan.snapshot().orElseThrow();
        assertThat(snapshot.version()).isEqualTo(1);
        assertThat(snapshot.files()).hasSize(8);
        assertThat(plan.outcome().stage()).isEqualTo(Stage.MAP);
        assertThat(plan.outcome().reason()).isEqualTo(OutcomeReason.SNAPSHOT_READY);
        assertThat(plan.outcome().schoolIds()).containsExactly(Fixtures.SCHOOL);
        assertThat(plan.outcome().counts()).containsEntry("users.csv", 4L).containsEntry("version", 1L);
    }

    @Test
    void unchangedRosterEmitsNothingButStillReportsReady() {
        roster.current().putAll(Fixtures.school(List.of()));
        apply(10);
        CyclePlan second = apply(10);
        assertThat(second.snapshot()).isEmpty();
        assertThat(second.outcome().reason()).isEqualTo(OutcomeReason.SNAPSHOT_READY);
        assertThat(roster.meta().version()).isEqualTo(1);
    }

    @Test
    void changedRosterEmitsTheNextVersion() {
        roster.current().putAll(Fixtures.school(List.of()));
        apply(10);
        roster.current().putAll(Fixtures.keyed(List.of(Fixtures.student("S-3", "New", "Kid"))));
        assertThat(apply(10).snapshot().orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void invalidRecordsGiveAValidationOutcomeAndTheRestIsEmitted() {
        roster.current()
                .putAll(Fixtures.school(List.of(Fixtures.enrollment(
                        "E-9", "SEC-404", "S-1", com.rostersync.events.roster.Role.STUDENT, null))));
        CyclePlan plan = apply(10);
        assertThat(plan.snapshot()).isPresent();
        assertThat(plan.outcome().reason()).isEqualTo(OutcomeReason.VALIDATION);
        assertThat(plan.outcome().validationIssues()).hasSize(1);
    }

    @Test
    void aTypeTheTenantAllowsToBeEmptyIsSentHeaderOnlyAndOtherEmptyTypesStayAbsent() {
        roster.current().putAll(Fixtures.school(List.of()));
        roster.current().keySet().removeIf(key -> key.type() == EntityType.DEMOGRAPHICS);

        CyclePlan allowed = planner.plan(roster, 10, java.util.Set.of("demographics"), NOW);
        CyclePlan notAllowed = planner.plan(roster, 10, NOW);

        SchoolSnapshot sent = allowed.snapshot().orElseThrow();
        assertThat(sent.emptyOnPurpose()).containsExactly("demographics");
        assertThat(sent.files())
                .filteredOn(f -> f.name().equals("demographics.csv"))
                .singleElement()
                .satisfies(f -> assertThat(f.rows()).isZero());
        assertThat(sent.files().get(0).content()).contains("file.demographics,bulk");
        SchoolSnapshot kept = notAllowed.snapshot().orElseThrow();
        assertThat(kept.emptyOnPurpose()).isEmpty();
        assertThat(kept.files()).extracting(SnapshotFile::name).doesNotContain("demographics.csv");
        assertThat(kept.files().get(0).content()).contains("file.demographics,absent");
    }

    @Test
    void missingSchoolEmitsNothing() {
        roster.current().putAll(Fixtures.school(List.of()));
        roster.current().remove(new RecordKey(EntityType.SCHOOL, Fixtures.SCHOOL));
        CyclePlan plan = apply(10);
        assertThat(plan.snapshot()).isEmpty();
        assertThat(plan.outcome().reason()).isEqualTo(OutcomeReason.VALIDATION);
    }

    @Test
    void fiftyOfFiveHundredOneStudentsAreArchivedAtTenPercent() {
        publishStudents(499);
        deleteStudents(50);
        CyclePlan plan = apply(10);
        assertThat(plan.outcome().reason()).isEqualTo(OutcomeReason.SNAPSHOT_READY);
        assertThat(file(plan, "users.csv").rows()).isEqualTo(453);
    }

    @Test
    void fiftyOneOfFiveHundredOneStudentsAreHeldWhileCreatesAndUpdatesFlow() {
        publishStudents(499);
        deleteStudents(51);
        roster.current().putAll(Fixtures.keyed(List.of(Fixtures.student("NEW-1", "New", "Kid"))));
        CyclePlan plan = apply(10);
        assertThat(plan.outcome().reason()).isEqualTo(OutcomeReason.THRESHOLD);
        assertThat(plan.outcome().thresholdBreaches()).singleElement().satisfies(breach -> {
            assertThat(breach.entityType()).isEqualTo(EntityType.PERSON);
            assertThat(breach.counted()).isEqualTo("students");
            assertThat(breach.toArchive()).isEqualTo(51);
            assertThat(breach.total()).isEqualTo(501);
            assertThat(breach.exceeds()).isTrue();
        });
        SchoolSnapshot snapshot = plan.snapshot().orElseThrow();
        assertThat(snapshot.heldDeletions()).isEqualTo(51);
        assertThat(file(plan, "users.csv").content()).contains("X-0,", "NEW-1,");
        assertThat(roster.meta().heldDeletions()).containsEntry(EntityType.PERSON, 51L);
    }

    @Test
    void approvalReleasesTheHeldDeletionsOnce() {
        publishStudents(499);
        deleteStudents(51);
        apply(10);
        roster.meta(roster.meta().withHoldApproved(51L));
        CyclePlan released = apply(10);
        assertThat(released.outcome().reason()).isEqualTo(OutcomeReason.SNAPSHOT_READY);
        assertThat(file(released, "users.csv").content()).doesNotContain("X-0,");
        assertThat(roster.meta().holdApproved()).isFalse();
        assertThat(roster.meta().heldTotal()).isZero();
    }

    @Test
    void anApprovalForFewerDeletionsThanAreNowHeldReleasesNoneAndIsUsedUp() {
        publishStudents(499);
        deleteStudents(51);
        apply(10);
        roster.meta(roster.meta().withHoldApproved(50L));

        CyclePlan stillHeld = apply(10);

        assertThat(stillHeld.outcome().reason()).isEqualTo(OutcomeReason.THRESHOLD);
        assertThat(stillHeld.outcome().message())
                .contains("an approval for 50 deletions did not cover the 51 now held");
        assertThat(roster.meta().heldTotal()).isEqualTo(51);
        assertThat(roster.meta().holdApproved()).isFalse();
    }

    @Test
    void raisedThresholdReleasesTheHeldDeletions() {
        publishStudents(499);
        deleteStudents(51);
        assertThat(apply(10).outcome().reason()).isEqualTo(OutcomeReason.THRESHOLD);
        CyclePlan released = apply(11);
        assertThat(released.outcome().reason()).isEqualTo(OutcomeReason.SNAPSHOT_READY);
        assertThat(released.snapshot().orElseThrow().heldDeletions()).isZero();
    }

    private static SnapshotFile file(CyclePlan plan, String name) {
        return plan.snapshot().orElseThrow().files().stream()
                .filter(f -> f.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    /** The fixture school has two students, a teacher and a parent; {@code count} more students are added to it. */
    private void publishStudents(int count) {
        List<RosterRecord> students = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            students.add(Fixtures.student("X-" + i, "G", "F"));
        }
        roster.current().putAll(Fixtures.school(students));
        apply(10);
    }

    private void deleteStudents(int count) {
        for (int i = 0; i < count; i++) {
            roster.current().remove(new RecordKey(EntityType.PERSON, "X-" + i));
        }
    }

    /** Plans a cycle and stores its result in the roster, as the runner does. */
    private CyclePlan apply(double percent) {
        CyclePlan plan = planner.plan(roster, percent, NOW);
        roster.published().clear();
        roster.published().putAll(plan.published());
        roster.meta(plan.meta());
        return plan;
    }
}
