package com.rostersync.mapper.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.rostersync.events.EntityType;
import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.events.outcome.ThresholdBreach;
import com.rostersync.events.roster.Person;
import com.rostersync.events.roster.Role;
import com.rostersync.events.roster.RosterRecord;
import com.rostersync.events.run.ChangeAction;
import com.rostersync.events.snapshot.SnapshotFile;
import com.rostersync.mapper.Fixtures;
import com.rostersync.mapper.roster.RecordKey;
import com.rostersync.mapper.roster.SchoolRoster;
import com.rostersync.mapper.snapshot.SourceSystem;
import com.rostersync.tenants.Thresholds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The update and create thresholds: each holds its own kind of change, with its own reason, the rest flowing. */
class ChangeThresholdHoldTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final Thresholds DEFAULTS = Thresholds.DEFAULTS;
    private static final Thresholds CREATES_AT_20 = new Thresholds(10, 75, 20.0);

    private final SchoolCyclePlanner planner = new SchoolCyclePlanner(new SourceSystem("RosterSync", "rs"));
    private final SchoolRoster roster = new SchoolRoster(Fixtures.TENANT, Fixtures.SCHOOL);

    @Test
    void updatingEightyPercentOfTheStudentsHoldsEveryUpdateWhileArchivesAndCreatesFlow() {
        publishStudents(98); // with the fixture's two: 100 students
        renameStudents(80);
        roster.current().remove(new RecordKey(EntityType.PERSON, "X-97"));
        roster.current().putAll(Fixtures.keyed(List.of(Fixtures.student("NEW-1", "New", "Kid"))));

        CyclePlan plan = apply(DEFAULTS);

        assertThat(plan.outcome().reason()).isEqualTo(OutcomeReason.UPDATE_THRESHOLD);
        assertThat(plan.outcome().reason().isHold()).isTrue();
        assertThat(plan.outcome().thresholdBreaches()).singleElement().satisfies(breach -> {
            assertThat(breach.action()).isEqualTo(ChangeAction.UPDATED);
            assertThat(breach.counted()).isEqualTo("students");
            assertThat(breach.toArchive()).isEqualTo(80);
            assertThat(breach.total()).isEqualTo(100);
            assertThat(breach.allowed()).isEqualTo(75);
            assertThat(breach.heldSample()).hasSize(ThresholdBreach.SAMPLE_SIZE).contains("X-0");
        });
        String users = file(plan, "users.csv").content();
        assertThat(users)
                .as("held updates stay as last published")
                .contains("X-0,")
                .doesNotContain("Renamed");
        assertThat(users)
                .as("the archive and the create flow")
                .doesNotContain("X-97,")
                .contains("NEW-1,");
        assertThat(plan.outcome().counts()).containsEntry("heldUpdates", 80L).containsEntry("archived", 1L);
        assertThat(roster.meta().holdsChanges()).isTrue();
    }

    @Test
    void anApprovalCountingTheHeldUpdatesReleasesThem() {
        publishStudents(98);
        renameStudents(80);
        apply(DEFAULTS);

        roster.meta(HoldApproval.approve(roster.meta(), 79L));
        assertThat(apply(DEFAULTS).outcome().reason())
                .as("an approval for fewer changes than are held releases none")
                .isEqualTo(OutcomeReason.UPDATE_THRESHOLD);

        roster.meta(HoldApproval.approve(roster.meta(), 80L));
        CyclePlan released = apply(DEFAULTS);

        assertThat(released.outcome().reason()).isEqualTo(OutcomeReason.SNAPSHOT_READY);
        assertThat(file(released, "users.csv").content()).contains("Renamed");
        assertThat(roster.meta().holdsChanges()).isFalse();
    }

    @Test
    void seventyFivePercentOfUpdatesFlow() {
        publishStudents(98);
        renameStudents(75);

        CyclePlan plan = apply(DEFAULTS);

        assertThat(plan.outcome().reason()).isEqualTo(OutcomeReason.SNAPSHOT_READY);
        assertThat(file(plan, "users.csv").content()).contains("Renamed");
    }

    @Test
    void createsAreNotLimitedUnlessTheTenantSetsACreateThreshold() {
        publishStudents(98);
        addStudents(30);

        assertThat(apply(DEFAULTS).outcome().reason()).isEqualTo(OutcomeReason.SNAPSHOT_READY);
    }

    @Test
    void overTheCreateThresholdTheNewRecordsStayOutWithTheirOwnReason() {
        publishStudents(98);
        addStudents(30);
        roster.current().remove(new RecordKey(EntityType.PERSON, "X-97"));

        CyclePlan plan = apply(CREATES_AT_20);

        assertThat(plan.outcome().reason()).isEqualTo(OutcomeReason.CREATE_THRESHOLD);
        assertThat(plan.outcome().thresholdBreaches()).singleElement().satisfies(breach -> {
            assertThat(breach.action()).isEqualTo(ChangeAction.CREATED);
            assertThat(breach.toArchive()).isEqualTo(30);
            assertThat(breach.allowed()).isEqualTo(20);
            assertThat(breach.heldSample()).startsWith("NEW-0", "NEW-1");
        });
        String users = file(plan, "users.csv").content();
        assertThat(users).doesNotContain("NEW-0,").doesNotContain("X-97,");
        assertThat(plan.outcome().counts()).containsEntry("heldCreates", 30L);
    }

    @Test
    void theArchiveBreachNamesItsActionAndTheFirstHeldIds() {
        publishStudents(98);
        for (int i = 0; i < 11; i++) {
            roster.current().remove(new RecordKey(EntityType.PERSON, "X-" + i));
        }

        CyclePlan plan = apply(DEFAULTS);

        assertThat(plan.outcome().reason()).isEqualTo(OutcomeReason.THRESHOLD);
        assertThat(plan.outcome().thresholdBreaches()).singleElement().satisfies(breach -> {
            assertThat(breach.action()).isEqualTo(ChangeAction.ARCHIVED);
            assertThat(breach.heldSample()).hasSize(11).contains("X-0", "X-10");
        });
    }

    @Test
    void enrollmentsFollowingReKeyedStudentsBelongToTheIdChangeHoldNotTheUpdateThreshold() {
        List<RosterRecord> students = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            students.add(Fixtures.student("X-" + i, "G", "F"));
            students.add(Fixtures.enrollment("E-" + i, "SEC-1", "X-" + i, Role.STUDENT, null));
        }
        roster.current().putAll(Fixtures.school(students));
        apply(DEFAULTS);
        for (int i = 0; i < 20; i++) {
            Person old = (Person) roster.current().remove(new RecordKey(EntityType.PERSON, "X-" + i));
            roster.current()
                    .putAll(Fixtures.keyed(List.of(
                            Fixtures.withId(old, "NEW-X-" + i),
                            Fixtures.enrollment("E-" + i, "SEC-1", "NEW-X-" + i, Role.STUDENT, null))));
        }

        CyclePlan plan = apply(DEFAULTS);

        assertThat(plan.outcome().reason()).isEqualTo(OutcomeReason.ID_CHURN);
        assertThat(plan.outcome().thresholdBreaches())
                .noneMatch(breach -> breach.action() == ChangeAction.UPDATED && breach.exceeds());
        assertThat(plan.outcome().counts()).containsEntry("heldUpdates", 0L);
    }

    private static SnapshotFile file(CyclePlan plan, String name) {
        return plan.snapshot().orElseThrow().files().stream()
                .filter(f -> f.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private void publishStudents(int count) {
        List<RosterRecord> students = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            students.add(Fixtures.student("X-" + i, "G", "F"));
        }
        roster.current().putAll(Fixtures.school(students));
        apply(DEFAULTS);
    }

    private void renameStudents(int count) {
        List<RosterRecord> renamed = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            renamed.add(Fixtures.student("X-" + i, "Renamed", "F"));
        }
        roster.current().putAll(Fixtures.keyed(renamed));
    }

    private void addStudents(int count) {
        List<RosterRecord> added = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            added.add(Fixtures.student("NEW-" + i, "New", "Kid"));
        }
        roster.current().putAll(Fixtures.keyed(added));
    }

    private CyclePlan apply(Thresholds thresholds) {
        CyclePlan plan = planner.plan(roster, thresholds, Set.of(), NOW);
        roster.published().clear();
        roster.published().putAll(plan.published());
        roster.meta(plan.meta());
        return plan;
    }
}
