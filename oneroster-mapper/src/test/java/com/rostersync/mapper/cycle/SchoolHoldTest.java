package com.rostersync.mapper.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.rostersync.events.EntityType;
import com.rostersync.events.outcome.IdChange;
import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.events.outcome.ThresholdBreach;
import com.rostersync.events.roster.Enrollment;
import com.rostersync.events.roster.Person;
import com.rostersync.events.roster.Role;
import com.rostersync.events.roster.RosterRecord;
import com.rostersync.events.snapshot.SnapshotFile;
import com.rostersync.mapper.Fixtures;
import com.rostersync.mapper.roster.RecordKey;
import com.rostersync.mapper.roster.SchoolRoster;
import com.rostersync.mapper.snapshot.SourceSystem;
import com.rostersync.oneroster.CsvReader;
import com.rostersync.oneroster.OneRosterFile;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The seed's example school, as a district would meet it: 501 students, each with demographics and six enrollments,
 * and 22 staff, at a 10% deletion threshold. Every archive of a school is decided at once, and what the files say is
 * checked, not only the outcome.
 */
class SchoolHoldTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final int STUDENTS = 501;
    private static final int STAFF = 22;

    private final SchoolCyclePlanner planner = new SchoolCyclePlanner(new SourceSystem("RosterSync", "rs"));
    private final SchoolRoster roster = new SchoolRoster(Fixtures.TENANT, Fixtures.SCHOOL);
    private CyclePlan first;
    private List<SnapshotFile> lastFiles = List.of();

    @BeforeEach
    void publishTheSchool() {
        List<RosterRecord> records = new ArrayList<>();
        for (int i = 0; i < STUDENTS; i++) {
            String id = "ST-" + i;
            records.add(Fixtures.student(id, "G", "F"));
            records.add(Fixtures.demographics(id));
            for (int k = 0; k < 6; k++) {
                records.add(Fixtures.enrollment(id + "-E" + k, k % 2 == 0 ? "SEC-1" : "SEC-2", id, Role.STUDENT, null));
            }
        }
        for (int i = 0; i < STAFF; i++) {
            records.add(staff("TC-" + i));
        }
        Map<RecordKey, RosterRecord> school = Fixtures.school(records);
        // Only the seed-sized population: the fixture's own two students and their rows go.
        school.keySet()
                .removeIf(key ->
                        key.sourcedId().startsWith("S-") || key.sourcedId().matches("E-[234]"));
        roster.current().putAll(school);
        first = apply();
        assertThat(first.outcome().reason()).isEqualTo(OutcomeReason.SNAPSHOT_READY);
        assertThat(rows(first, "users.csv")).isEqualTo(STUDENTS + STAFF + 2);
    }

    @Test
    void fiftyStudentsLeavingAreArchivedWithTheirEnrollmentsAndDemographics() {
        students(0, 50).forEach(this::removeStudentEverywhere);

        CyclePlan plan = apply();

        assertThat(plan.outcome().reason()).isEqualTo(OutcomeReason.SNAPSHOT_READY);
        assertThat(plan.outcome().thresholdBreaches()).isEmpty();
        assertThat(plan.outcome().validationIssues()).isEmpty();
        assertThat(plan.outcome().counts()).containsEntry("archived", 50L * 8).containsEntry("heldDeletions", 0L);
        assertThat(rows(plan, "users.csv")).isEqualTo(STUDENTS - 50 + STAFF + 2);
        assertThat(rows(plan, "demographics.csv")).isEqualTo(STUDENTS - 50);
        assertThat(content(plan, "enrollments.csv")).doesNotContain("ST-0-E0,").contains("ST-50-E0,");
    }

    @Test
    void fiftyOneStudentsLeavingHoldEveryArchiveWhileCreatesAndRenamesFlow() {
        students(0, 51).forEach(this::removeStudentEverywhere);
        List<RosterRecord> added = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            added.add(Fixtures.student("NEW-" + i, "N", "K"));
        }
        added.add(Fixtures.student("ST-100", "Renamed", "One"));
        added.add(Fixtures.student("ST-101", "Renamed", "Two"));
        roster.current().putAll(Fixtures.keyed(added));

        CyclePlan plan = apply();

        assertThat(plan.outcome().reason()).isEqualTo(OutcomeReason.THRESHOLD);
        assertThat(plan.outcome().validationIssues()).isEmpty();
        Map<String, ThresholdBreach> byKind = byKind(plan);
        assertThat(byKind).containsOnlyKeys("students", "enrollments", "demographics");
        assertThat(byKind.get("students")).satisfies(students -> {
            assertThat(students.toArchive()).isEqualTo(51);
            assertThat(students.total()).isEqualTo(STUDENTS);
            assertThat(students.allowed()).isEqualTo(50);
            assertThat(students.exceeds()).isTrue();
        });
        assertThat(byKind.get("enrollments").toArchive()).isEqualTo(306);
        assertThat(byKind.get("demographics").toArchive()).isEqualTo(51);
        assertThat(plan.outcome().counts()).containsEntry("archived", 0L).containsEntry("heldDeletions", 51L * 8);
        // Nothing archived of any type; the creates and renames went out.
        assertThat(rows(plan, "users.csv")).isEqualTo(STUDENTS + 3 + STAFF + 2);
        assertThat(rows(plan, "demographics.csv")).isEqualTo(STUDENTS);
        assertThat(rows(plan, "enrollments.csv")).isEqualTo(STUDENTS * 6 + 1);
        assertThat(content(plan, "users.csv")).contains("NEW-2,", "Renamed");
        assertThat(roster.meta().heldTotal()).isEqualTo(51L * 8);

        roster.meta(roster.meta().withHoldApproved(51L * 8));
        CyclePlan approved = apply();

        assertThat(approved.outcome().reason()).isEqualTo(OutcomeReason.SNAPSHOT_READY);
        assertThat(approved.outcome().counts()).containsEntry("archived", 51L * 8);
        assertThat(rows(approved, "users.csv")).isEqualTo(STUDENTS - 51 + 3 + STAFF + 2);
        assertThat(rows(approved, "enrollments.csv")).isEqualTo((STUDENTS - 51) * 6 + 1);
        assertThat(rows(approved, "demographics.csv")).isEqualTo(STUDENTS - 51);
        assertThat(roster.meta().heldTotal()).isZero();
    }

    @Test
    void staffDoNotDiluteTheStudentsLimit() {
        // 51 of 523 users is under 10%, but 51 of 501 students is not.
        students(0, 51).forEach(id -> roster.current().remove(new RecordKey(EntityType.PERSON, id)));

        CyclePlan plan = apply();

        assertThat(plan.outcome().reason()).isEqualTo(OutcomeReason.THRESHOLD);
        assertThat(rows(plan, "users.csv")).isEqualTo(STUDENTS + STAFF + 2);
    }

    @Test
    void studentsDeletedWithoutTheirRowsTakeTheRowsAlongAsArchivesNotAsInvalidRecords() {
        // The source dropped 50 users but still lists their enrollments and demographics: those rows are archived
        // with their users, counted by the threshold and never reported as invalid.
        students(0, 50).forEach(id -> roster.current().remove(new RecordKey(EntityType.PERSON, id)));

        CyclePlan plan = apply();

        assertThat(plan.outcome().reason()).isEqualTo(OutcomeReason.SNAPSHOT_READY);
        assertThat(plan.outcome().validationIssues()).isEmpty();
        assertThat(plan.outcome().counts()).containsEntry("archived", 50L * 8);
        assertThat(rows(plan, "demographics.csv")).isEqualTo(STUDENTS - 50);
    }

    @Test
    void oneKindOverItsLimitHoldsTheArchivesOfEveryKind() {
        // Ten students leave (allowed), but 400 enrollments of others go too (over 10% of 3,007): nothing is archived.
        students(0, 10).forEach(this::removeStudentEverywhere);
        for (int i = 100; i < 300; i++) {
            roster.current().remove(new RecordKey(EntityType.ENROLLMENT, "ST-" + i + "-E0"));
            roster.current().remove(new RecordKey(EntityType.ENROLLMENT, "ST-" + i + "-E1"));
        }

        CyclePlan plan = apply();

        assertThat(plan.outcome().reason()).isEqualTo(OutcomeReason.THRESHOLD);
        Map<String, ThresholdBreach> byKind = byKind(plan);
        assertThat(byKind.get("students").exceeds()).isFalse();
        assertThat(byKind.get("enrollments").exceeds()).isTrue();
        assertThat(content(plan, "users.csv")).contains("ST-0,");
        assertThat(rows(plan, "enrollments.csv")).isEqualTo(STUDENTS * 6 + 1);
    }

    @Test
    void everyPersonReKeyedIsOneIdChurnHoldAndNoUsernameIsUploadedTwice() throws Exception {
        String usersBefore = content(first, "users.csv");
        Map<RecordKey, RosterRecord> rekeyed = new HashMap<>();
        roster.current().entrySet().removeIf(entry -> {
            RosterRecord record = entry.getValue();
            if (record instanceof Person person) {
                Person moved = Fixtures.withId(person, "NEW-" + person.sourcedId());
                rekeyed.put(new RecordKey(EntityType.PERSON, moved.sourcedId()), moved);
                return true;
            }
            if (record instanceof Enrollment e) {
                Enrollment moved = new Enrollment(
                        "NEW-" + e.sourcedId(),
                        e.schoolSourcedId(),
                        e.sectionSourcedId(),
                        "NEW-" + e.personSourcedId(),
                        e.role(),
                        e.primary(),
                        e.beginDate(),
                        e.endDate());
                rekeyed.put(new RecordKey(EntityType.ENROLLMENT, moved.sourcedId()), moved);
                return true;
            }
            return record.entityType() == EntityType.DEMOGRAPHICS;
        });
        roster.current().putAll(rekeyed);

        CyclePlan plan = apply();

        assertThat(plan.outcome().reason()).isEqualTo(OutcomeReason.ID_CHURN);
        assertThat(plan.outcome().thresholdBreaches()).isNotEmpty().noneMatch(ThresholdBreach::exceeds);
        assertThat(plan.outcome().counts()).containsEntry("idChanges", (long) STUDENTS + STAFF + 2);
        assertThat(plan.outcome().idChanges())
                .hasSize(SchoolCyclePlanner.MAX_ID_CHANGES)
                .allSatisfy(change -> {
                    assertThat(change.newSourcedId()).isEqualTo("NEW-" + change.previousSourcedId());
                    assertThat(change.matchedOn()).isEqualTo("username");
                });
        assertThat(plan.outcome().validationIssues()).isEmpty();
        assertThat(content(plan, "users.csv")).isEqualTo(usersBefore);
        assertThat(usernames(plan)).doesNotHaveDuplicates();
        assertThat(content(plan, "enrollments.csv")).doesNotContain("NEW-");

        roster.meta(roster.meta().withHoldApproved(roster.meta().heldTotal()));
        CyclePlan approved = apply();

        assertThat(approved.outcome().reason()).isEqualTo(OutcomeReason.SNAPSHOT_READY);
        assertThat(usernames(approved)).doesNotHaveDuplicates().hasSize(STUDENTS + STAFF + 2);
        assertThat(content(approved, "users.csv")).contains("NEW-ST-0,").doesNotContain("\r\nST-0,");
        assertThat(rows(approved, "enrollments.csv")).isEqualTo(STUDENTS * 6 + 1);
    }

    @Test
    void aReKeyWhoseEnrollmentsKeepTheirIdsHoldsTheEnrollmentsAsPublished() {
        Map<RecordKey, RosterRecord> changed = new HashMap<>();
        for (String id : students(0, 3)) {
            Person person = (Person) roster.current().remove(new RecordKey(EntityType.PERSON, id));
            roster.current().remove(new RecordKey(EntityType.DEMOGRAPHICS, id));
            changed.put(new RecordKey(EntityType.PERSON, "NEW-" + id), Fixtures.withId(person, "NEW-" + id));
            for (int k = 0; k < 6; k++) {
                Enrollment e = (Enrollment) roster.current().get(new RecordKey(EntityType.ENROLLMENT, id + "-E" + k));
                changed.put(
                        new RecordKey(EntityType.ENROLLMENT, e.sourcedId()),
                        new Enrollment(
                                e.sourcedId(),
                                e.schoolSourcedId(),
                                e.sectionSourcedId(),
                                "NEW-" + id,
                                e.role(),
                                e.primary(),
                                e.beginDate(),
                                e.endDate()));
            }
        }
        roster.current().putAll(changed);

        CyclePlan plan = apply();

        assertThat(plan.outcome().reason()).isEqualTo(OutcomeReason.ID_CHURN);
        assertThat(plan.outcome().idChanges())
                .extracting(IdChange::previousSourcedId)
                .containsExactly("ST-0", "ST-1", "ST-2");
        assertThat(plan.outcome().validationIssues()).isEmpty();
        assertThat(content(plan, "enrollments.csv")).contains("ST-0-E0,").doesNotContain("NEW-ST-0");
        assertThat(content(plan, "users.csv")).doesNotContain("NEW-ST-0");
    }

    @Test
    void aNewStudentTakingALeaversUsernameIsHeldAsIdChurn() throws Exception {
        removeStudentEverywhere("ST-7");
        Person newcomer =
                Fixtures.withId((Person) roster.published().get(new RecordKey(EntityType.PERSON, "ST-7")), "NEW-7");
        roster.current().putAll(Fixtures.keyed(List.of(newcomer)));

        CyclePlan plan = apply();

        assertThat(plan.outcome().reason()).isEqualTo(OutcomeReason.ID_CHURN);
        assertThat(plan.outcome().idChanges())
                .containsExactly(new IdChange(EntityType.PERSON, "ST-7", "NEW-7", "username"));
        assertThat(usernames(plan)).doesNotHaveDuplicates();
        assertThat(content(plan, "users.csv")).contains("ST-7,").doesNotContain("NEW-7");
    }

    private void removeStudentEverywhere(String id) {
        roster.current().remove(new RecordKey(EntityType.PERSON, id));
        roster.current().remove(new RecordKey(EntityType.DEMOGRAPHICS, id));
        for (int k = 0; k < 6; k++) {
            roster.current().remove(new RecordKey(EntityType.ENROLLMENT, id + "-E" + k));
        }
    }

    private static List<String> students(int from, int to) {
        List<String> ids = new ArrayList<>();
        for (int i = from; i < to; i++) {
            ids.add("ST-" + i);
        }
        return ids;
    }

    private static Person staff(String id) {
        Person teacher = Fixtures.teacher();
        return new Person(
                id,
                List.of(Fixtures.SCHOOL),
                Role.TEACHER,
                id.toLowerCase(),
                true,
                "T",
                "S",
                null,
                id,
                null,
                null,
                null,
                null,
                teacher.userIds(),
                null);
    }

    private static Map<String, ThresholdBreach> byKind(CyclePlan plan) {
        return plan.outcome().thresholdBreaches().stream()
                .collect(Collectors.toMap(ThresholdBreach::counted, Function.identity()));
    }

    /** A file as the receiver has it after this cycle: from its snapshot, or the last one when nothing changed. */
    private SnapshotFile file(CyclePlan plan, String name) {
        return plan.snapshot().map(s -> s.files()).orElse(lastFiles).stream()
                .filter(f -> f.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private int rows(CyclePlan plan, String name) {
        return file(plan, name).rows();
    }

    private String content(CyclePlan plan, String name) {
        return file(plan, name).content();
    }

    /** The username column of users.csv, read back from the uploaded text. */
    private List<String> usernames(CyclePlan plan) throws Exception {
        byte[] users = content(plan, "users.csv").getBytes(StandardCharsets.UTF_8);
        return CsvReader.read(OneRosterFile.USERS, users).rows().stream()
                .map(row -> row.get("username"))
                .toList();
    }

    private CyclePlan apply() {
        CyclePlan plan = planner.plan(roster, 10, NOW);
        plan.snapshot().ifPresent(snapshot -> lastFiles = snapshot.files());
        roster.published().clear();
        roster.published().putAll(plan.published());
        roster.meta(plan.meta());
        return plan;
    }
}
