package com.rostersync.mapper.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.rostersync.events.EntityType;
import com.rostersync.events.outcome.ValidationIssue;
import com.rostersync.events.roster.Course;
import com.rostersync.events.roster.Demographics;
import com.rostersync.events.roster.Person;
import com.rostersync.events.roster.Role;
import com.rostersync.events.roster.RosterRecord;
import com.rostersync.events.roster.Section;
import com.rostersync.events.roster.Term;
import com.rostersync.mapper.Fixtures;
import com.rostersync.mapper.roster.RecordKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RosterValidatorTest {

    private final RosterValidator validator = new RosterValidator();

    @Test
    void acceptsTheFixtureSchoolWhole() {
        var roster = Fixtures.school(List.of());
        ValidatedRoster result = validator.validate(roster, Map.of());
        assertThat(result.issues()).isEmpty();
        assertThat(result.records()).hasSameSizeAs(roster);
    }

    @Test
    void leavesOutARecordMissingARequiredField() {
        Person noUsername = Fixtures.withUsername(Fixtures.student("S-9", "Ann", "Lee"), " ");
        ValidatedRoster result = validator.validate(Fixtures.school(List.of(noUsername)), Map.of());
        assertThat(result.records()).doesNotContainKey(key(noUsername));
        assertThat(result.issues()).containsExactly(new ValidationIssue("users.csv", "S-9", "username", "required"));
    }

    @Test
    void leavesOutAGradeOutsideTheCedsVocabulary() {
        Course bad = new Course("C-9", "MHS", null, "X", null, List.of("9th"), null, null);
        ValidatedRoster result = validator.validate(Fixtures.school(List.of(bad)), Map.of());
        assertThat(result.records()).doesNotContainKey(key(bad));
        assertThat(result.issues())
                .extracting(ValidationIssue::file, ValidationIssue::sourcedId, ValidationIssue::field)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("courses.csv", "C-9", "grades"));
    }

    @Test
    void leavesOutAnEnrollmentRoleOutsideTheVocabulary() {
        var aide = Fixtures.enrollment("E-9", "SEC-1", "S-1", Role.AIDE, null);
        ValidatedRoster result = validator.validate(Fixtures.school(List.of(aide)), Map.of());
        assertThat(result.records()).doesNotContainKey(key(aide));
        assertThat(result.issues()).extracting(ValidationIssue::field).containsExactly("role");
    }

    @Test
    void aUsernameStaysWithTheUserWhoHadItAndANewcomerWithTheSameOneIsLeftOut() {
        Map<RecordKey, RosterRecord> published = Fixtures.school(List.of());
        Person newcomer = Fixtures.withUsername(Fixtures.student("S-9", "Ann", "Lee"), "S-1");
        Map<RecordKey, RosterRecord> current = Fixtures.school(List.of(newcomer));

        ValidatedRoster result = validator.validate(current, published);

        assertThat(result.records())
                .doesNotContainKey(key(newcomer))
                .containsKey(new RecordKey(EntityType.PERSON, "S-1"));
        assertThat(result.issues())
                .containsExactly(
                        new ValidationIssue("users.csv", "S-9", "username", "the same username as another user"));
    }

    @Test
    void twoNewUsersSharingAUsernameAreBothLeftOut() {
        Person first = Fixtures.withUsername(Fixtures.student("S-8", "Ann", "Lee"), "twin");
        Person second = Fixtures.withUsername(Fixtures.student("S-9", "Bo", "Lee"), "TWIN ");
        ValidatedRoster result = validator.validate(Fixtures.school(List.of(first, second)), Map.of());
        assertThat(result.records()).doesNotContainKeys(key(first), key(second));
        assertThat(result.issues()).extracting(ValidationIssue::sourcedId).containsExactlyInAnyOrder("S-8", "S-9");
    }

    @Test
    void leavesOutBothRecordsSharingASourcedId() {
        Map<RecordKey, RosterRecord> roster = Fixtures.school(List.of());
        roster.put(new RecordKey(EntityType.PERSON, "alias-of-S-2"), Fixtures.student("S-2", "Zoe", "Other"));
        ValidatedRoster result = validator.validate(roster, Map.of());
        assertThat(result.records())
                .doesNotContainKeys(
                        new RecordKey(EntityType.PERSON, "S-2"), new RecordKey(EntityType.PERSON, "alias-of-S-2"));
        assertThat(result.issues())
                .contains(new ValidationIssue("users.csv", "S-2", "sourcedId", "duplicate sourcedId"));
        assertThat(result.records())
                .as("S-2's enrollment goes with it")
                .doesNotContainKey(new RecordKey(EntityType.ENROLLMENT, "E-3"));
    }

    @Test
    void reportsIssuesInRecordOrderWhateverOrderTheRecordsCameIn() {
        List<RosterRecord> broken = List.of(
                Fixtures.withUsername(Fixtures.student("S-9", "Ann", "Lee"), " "),
                Fixtures.withUsername(Fixtures.student("S-10", "Bo", "Lee"), " "),
                Fixtures.enrollment("E-9", "SEC-404", "S-1", Role.STUDENT, null),
                Fixtures.enrollment("E-10", "SEC-1", "S-404", Role.STUDENT, null),
                new Course("C-9", "MHS", null, "X", null, List.of("9th"), null, null));
        Map<RecordKey, RosterRecord> forward = new LinkedHashMap<>(Fixtures.school(List.of()));
        broken.forEach(record -> forward.put(key(record), record));
        List<Map.Entry<RecordKey, RosterRecord>> entries = new ArrayList<>(forward.entrySet());
        Collections.reverse(entries);
        Map<RecordKey, RosterRecord> backward = new LinkedHashMap<>();
        entries.forEach(entry -> backward.put(entry.getKey(), entry.getValue()));

        List<ValidationIssue> issues = validator.validate(forward, Map.of()).issues();

        assertThat(validator.validate(backward, Map.of()).issues()).isEqualTo(issues);
        assertThat(issues)
                .as("field problems first, by type then sourcedId; then the references that do not resolve")
                .extracting(ValidationIssue::sourcedId, ValidationIssue::field)
                .containsExactly(
                        tuple("C-9", "grades"),
                        tuple("S-10", "username"),
                        tuple("S-9", "username"),
                        tuple("E-10", "userSourcedId"),
                        tuple("E-9", "classSourcedId"));
    }

    @Test
    void leavesOutAnEnrollmentWhoseClassIsMissing() {
        var enrollment = Fixtures.enrollment("E-9", "SEC-404", "S-1", Role.STUDENT, null);
        ValidatedRoster result = validator.validate(Fixtures.school(List.of(enrollment)), Map.of());
        assertThat(result.records()).doesNotContainKey(key(enrollment));
        assertThat(result.issues())
                .extracting(ValidationIssue::sourcedId, ValidationIssue::field)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("E-9", "classSourcedId"));
    }

    @Test
    void leavesOutAnEnrollmentWhoseUserIsMissing() {
        var enrollment = Fixtures.enrollment("E-9", "SEC-1", "S-404", Role.STUDENT, null);
        ValidatedRoster result = validator.validate(Fixtures.school(List.of(enrollment)), Map.of());
        assertThat(result.records()).doesNotContainKey(key(enrollment));
        assertThat(result.issues()).extracting(ValidationIssue::field).containsExactly("userSourcedId");
    }

    @Test
    void leavesOutAClassWhoseCourseIsMissingAndItsEnrollmentsWithIt() {
        Map<RecordKey, RosterRecord> roster = Fixtures.school(List.of());
        roster.remove(key(Fixtures.math()));
        ValidatedRoster result = validator.validate(roster, Map.of());
        assertThat(result.records())
                .doesNotContainKeys(
                        key(Fixtures.mwfMath()),
                        new RecordKey(EntityType.ENROLLMENT, "E-1"),
                        new RecordKey(EntityType.ENROLLMENT, "E-2"),
                        new RecordKey(EntityType.ENROLLMENT, "E-3"));
        assertThat(result.records()).containsKey(new RecordKey(EntityType.ENROLLMENT, "E-4"));
        assertThat(result.issues())
                .extracting(ValidationIssue::file, ValidationIssue::field)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("classes.csv", "courseSourcedId"),
                        org.assertj.core.groups.Tuple.tuple("enrollments.csv", "classSourcedId"));
    }

    @Test
    void leavesOutAClassWhoseSchoolIsMissing() {
        Section otherSchool = section("SEC-9", "OTHER", List.of("S1"));
        ValidatedRoster result = validator.validate(Fixtures.school(List.of(otherSchool)), Map.of());
        assertThat(result.records()).doesNotContainKey(key(otherSchool));
        assertThat(result.issues()).extracting(ValidationIssue::field).containsExactly("schoolSourcedId");
    }

    @Test
    void leavesOutAClassWhoseTermIsMissing() {
        Section noTerm = section("SEC-9", "MHS", List.of("S1", "T-404"));
        ValidatedRoster result = validator.validate(Fixtures.school(List.of(noTerm)), Map.of());
        assertThat(result.records()).doesNotContainKey(key(noTerm));
        assertThat(result.issues()).extracting(ValidationIssue::field).containsExactly("termSourcedIds");
    }

    @Test
    void leavesOutAUserWithNoOrgInTheSnapshot() {
        Person elsewhere = new Person(
                "S-9",
                List.of("MMS"),
                Role.STUDENT,
                "s9",
                true,
                "A",
                "B",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
        ValidatedRoster result = validator.validate(Fixtures.school(List.of(elsewhere)), Map.of());
        assertThat(result.records()).doesNotContainKey(key(elsewhere));
        assertThat(result.issues()).extracting(ValidationIssue::field).containsExactly("orgSourcedIds");
    }

    @Test
    void leavesOutACourseWhoseOrgIsMissing() {
        Course orphan = new Course("C-9", "OTHER", null, "X", null, null, null, null);
        ValidatedRoster result = validator.validate(Fixtures.school(List.of(orphan)), Map.of());
        assertThat(result.records()).doesNotContainKey(key(orphan));
        assertThat(result.issues()).extracting(ValidationIssue::field).containsExactly("orgSourcedId");
    }

    @Test
    void leavesOutATermEndingBeforeItStarts() {
        Term backwards = new Term(
                "T-9",
                "MHS",
                "X",
                Fixtures.q1().type(),
                Fixtures.q1().endDate(),
                Fixtures.q1().startDate(),
                null,
                2026);
        ValidatedRoster result = validator.validate(Fixtures.school(List.of(backwards)), Map.of());
        assertThat(result.records()).doesNotContainKey(key(backwards));
        assertThat(result.issues()).extracting(ValidationIssue::field).containsExactly("endDate");
    }

    @Test
    void leavesOutASexOutsideTheVocabulary() {
        Demographics bad = new Demographics(
                "S-2", null, "unknown", null, null, null, null, null, null, null, null, null, null, null);
        ValidatedRoster result = validator.validate(Fixtures.school(List.of(bad)), Map.of());
        assertThat(result.records()).doesNotContainKey(key(bad));
        assertThat(result.issues())
                .containsExactly(new ValidationIssue(
                        "demographics.csv", "S-2", "sex", "not in the sex vocabulary (male, female)"));
    }

    @Test
    void leavesOutDemographicsOfAUserNotInTheSnapshot() {
        Demographics orphan = Fixtures.demographics("S-404");
        ValidatedRoster result = validator.validate(Fixtures.school(List.of(orphan)), Map.of());
        assertThat(result.records()).doesNotContainKey(key(orphan));
        assertThat(result.issues()).extracting(ValidationIssue::field).containsExactly("sourcedId");
    }

    @Test
    void leavesOutASessionWhoseParentIsMissingAndTheClassesInIt() {
        Term orphan = new Term(
                "Q9",
                "MHS",
                "Quarter 9",
                Fixtures.q1().type(),
                Fixtures.q1().startDate(),
                Fixtures.q1().endDate(),
                "S-404",
                2026);
        Section inOrphan = section("SEC-9", "MHS", List.of("Q9"));
        ValidatedRoster result = validator.validate(Fixtures.school(List.of(orphan, inOrphan)), Map.of());
        assertThat(result.records()).doesNotContainKeys(key(orphan), key(inOrphan));
        assertThat(result.issues())
                .extracting(ValidationIssue::file, ValidationIssue::field)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("academicSessions.csv", "parentSourcedId"),
                        org.assertj.core.groups.Tuple.tuple("classes.csv", "termSourcedIds"));
    }

    @Test
    void keepsTheLastValidVersionOfARecordThatTurnedInvalid() {
        Person before = Fixtures.student("S-1", "Mary-Jane", "Smith, Jr.");
        Map<RecordKey, RosterRecord> lastPublished = Fixtures.school(List.of());
        Map<RecordKey, RosterRecord> roster = Fixtures.school(List.of(Fixtures.withUsername(before, null)));
        ValidatedRoster result = validator.validate(roster, lastPublished);
        assertThat(result.records().get(key(before))).isEqualTo(before);
        assertThat(result.records())
                .containsKeys(
                        new RecordKey(EntityType.ENROLLMENT, "E-2"), new RecordKey(EntityType.DEMOGRAPHICS, "S-1"));
        assertThat(result.issues()).containsExactly(new ValidationIssue("users.csv", "S-1", "username", "required"));
    }

    @Test
    void keepsTheLastValidVersionWhenANewReferenceDangles() {
        var before = Fixtures.enrollment("E-2", "SEC-1", "S-1", Role.STUDENT, null);
        var moved = Fixtures.enrollment("E-2", "SEC-404", "S-1", Role.STUDENT, null);
        ValidatedRoster result = validator.validate(Fixtures.school(List.of(moved)), Fixtures.school(List.of()));
        assertThat(result.records().get(key(before))).isEqualTo(before);
    }

    @Test
    void issuesNameFileIdAndFieldButNeverTheValue() {
        Person bad = new Person(
                "S-9",
                List.of("MHS"),
                Role.STUDENT,
                "s9",
                true,
                "Secretname",
                null,
                null,
                null,
                null,
                null,
                null,
                List.of("Grade Nine"),
                null,
                null);
        ValidatedRoster result = validator.validate(Fixtures.school(List.of(bad)), Map.of());
        assertThat(result.issues()).hasSize(2).allSatisfy(issue -> assertThat(issue.toString())
                .doesNotContain("Secretname", "Grade Nine"));
    }

    private static Section section(String id, String school, List<String> terms) {
        return new Section(
                id,
                school,
                "C-MATH",
                terms,
                "X",
                null,
                Fixtures.mwfMath().classType(),
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    private static RecordKey key(RosterRecord record) {
        return new RecordKey(record.entityType(), record.sourcedId());
    }
}
