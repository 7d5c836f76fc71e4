package com.rostersync.mapper.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.rostersync.events.EntityType;
import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.events.outcome.ValidationIssue;
import com.rostersync.events.roster.RosterRecord;
import com.rostersync.events.run.ChangeAction;
import com.rostersync.events.run.ChangeReport;
import com.rostersync.events.run.ChangeRow;
import com.rostersync.events.run.RunCounts;
import com.rostersync.mapper.Fixtures;
import com.rostersync.mapper.roster.RecordKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class MapRunReportTest {

    private static final RecordKey S1 = new RecordKey(EntityType.PERSON, "S-1");

    @Test
    void aRenameListsGivenNameAndFamilyNameButNeverTheirValues() {
        Map<RecordKey, RosterRecord> before = Fixtures.school(List.of());
        Map<RecordKey, RosterRecord> after = new HashMap<>(before);
        after.put(S1, Fixtures.student("S-1", "Ottoline", "Quenby"));

        MapRunReport report = MapRunReport.of(before, after, after, List.of(), OutcomeReason.SNAPSHOT_READY);

        assertThat(report.rows())
                .containsExactly(new ChangeRow(
                        ChangeAction.UPDATED, EntityType.PERSON, "S-1", List.of("givenName", "familyName"), null));
        assertThat(report.rows().toString()).doesNotContain("Ottoline", "Quenby", "Mary-Jane", "Smith");
        assertThat(report.counts()).isEqualTo(new RunCounts(0, 1, 0, 0, 0));
    }

    @Test
    void listsCreatesArchivesAndLeftOutRecordsWithTheirRule() {
        Map<RecordKey, RosterRecord> before = Fixtures.school(List.of());
        Map<RecordKey, RosterRecord> after = new HashMap<>(before);
        after.remove(new RecordKey(EntityType.ENROLLMENT, "E-4"));
        after.put(new RecordKey(EntityType.PERSON, "S-3"), Fixtures.student("S-3", "New", "Kid"));
        List<ValidationIssue> issues =
                List.of(new ValidationIssue("enrollments.csv", "E-9", "classSourcedId", "refers to an unknown class"));

        MapRunReport report = MapRunReport.of(before, after, after, issues, OutcomeReason.VALIDATION);

        assertThat(report.rows())
                .containsExactly(
                        new ChangeRow(ChangeAction.CREATED, EntityType.PERSON, "S-3", List.of(), null),
                        new ChangeRow(ChangeAction.ARCHIVED, EntityType.ENROLLMENT, "E-4", List.of(), null),
                        new ChangeRow(
                                ChangeAction.LEFT_OUT,
                                EntityType.ENROLLMENT,
                                "E-9",
                                List.of("classSourcedId"),
                                "refers to an unknown class"));
        assertThat(report.counts()).isEqualTo(new RunCounts(1, 0, 1, 0, 1));
    }

    @Test
    void whileAHoldIsInPlaceWhatTheReceiverDoesNotSeeYetIsHeldUnderItsReason() {
        Map<RecordKey, RosterRecord> before = Fixtures.school(List.of());
        Map<RecordKey, RosterRecord> current = new HashMap<>(before);
        current.remove(new RecordKey(EntityType.PERSON, "S-2"));
        current.put(S1, Fixtures.student("S-1", "Ottoline", "Smith, Jr."));
        current.put(new RecordKey(EntityType.PERSON, "S-7"), Fixtures.student("S-7", "Held", "Create"));
        // The snapshot keeps the archive, the update and the create back: it is what was published.
        Map<RecordKey, RosterRecord> after = new HashMap<>(before);

        MapRunReport report = MapRunReport.of(before, after, current, List.of(), OutcomeReason.UPDATE_THRESHOLD);

        assertThat(report.rows())
                .containsExactly(
                        new ChangeRow(
                                ChangeAction.HELD, EntityType.PERSON, "S-1", List.of("givenName"), "UPDATE_THRESHOLD"),
                        new ChangeRow(ChangeAction.HELD, EntityType.PERSON, "S-2", List.of(), "UPDATE_THRESHOLD"),
                        new ChangeRow(ChangeAction.HELD, EntityType.PERSON, "S-7", List.of(), "UPDATE_THRESHOLD"));
        assertThat(report.counts().held()).isEqualTo(3);
    }

    @Test
    void aQuietCycleHasNoRows() {
        Map<RecordKey, RosterRecord> school = Fixtures.school(List.of());

        assertThat(MapRunReport.of(school, school, school, List.of(), OutcomeReason.SNAPSHOT_READY)
                        .isEmpty())
                .isTrue();
    }

    @Test
    void aLargeReportIsSplitIntoNumberedPartsThatEachFitTheBudget() {
        Map<RecordKey, RosterRecord> after = new HashMap<>();
        for (int i = 0; i < 5_000; i++) {
            after.put(new RecordKey(EntityType.PERSON, "S-" + i), Fixtures.student("S-" + i, "A", "B"));
        }
        MapRunReport report = MapRunReport.of(Map.of(), after, after, List.of(), OutcomeReason.SNAPSHOT_READY);

        List<ChangeReport> parts = report.parts("run-1", "maple", "MMS", 64 * 1024);

        assertThat(parts).hasSizeGreaterThan(1);
        List<ChangeRow> joined = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            assertThat(parts.get(i).part()).isEqualTo(i + 1);
            assertThat(parts.get(i).parts()).isEqualTo(parts.size());
            long estimate = parts.get(i).rows().stream()
                    .mapToLong(ReportParts::estimate)
                    .sum();
            assertThat(estimate).isLessThanOrEqualTo(64 * 1024);
            joined.addAll(parts.get(i).rows());
        }
        assertThat(joined).isEqualTo(report.rows());
        JsonMapper json = JsonMapper.builder().build();
        assertThat(report.parts("run-1", "maple", "MMS", MapRunReport.MAX_PART_BYTES))
                .allSatisfy(part -> assertThat(json.writeValueAsBytes(part).length)
                        .as("under Kafka's 1 MB default message size")
                        .isLessThan(1_000_000));
    }
}
