package com.rostersync.localstack.sis;

import static org.assertj.core.api.Assertions.assertThat;

import com.rostersync.localstack.sis.DemoSis.MeetingRow;
import com.rostersync.localstack.sis.DemoSis.PersonRow;
import com.rostersync.localstack.sis.DemoSis.PersonSchoolRow;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoSisGeneratorTest {

    private final DemoCatalog catalog = DemoCatalog.standard();
    private final DemoSisGenerator generator = new DemoSisGenerator(catalog, 4);

    @Test
    void sameSeedGivesTheSameRowsAndAnotherSeedDoesNot() {
        assertThat(generator.generate(42)).isEqualTo(generator.generate(42));
        assertThat(generator.generate(43).people())
                .isNotEqualTo(generator.generate(42).people());
    }

    @Test
    void coversTwoDistrictsFiveSchoolsAndAPrivateSchool() {
        DemoSis sis = generator.generate(1);
        assertThat(sis.schools()).hasSizeGreaterThanOrEqualTo(5);
        assertThat(sis.schools().stream()
                        .map(DemoSis.SchoolRow::districtId)
                        .filter(d -> d != null)
                        .distinct())
                .hasSizeGreaterThanOrEqualTo(2);
        assertThat(sis.schools()).anySatisfy(s -> assertThat(s.districtId()).isNull());
        assertThat(catalog.destinations())
                .anySatisfy(d -> assertThat(d.schoolIds()).hasSizeGreaterThan(1));
    }

    @Test
    void studentsPerGradeFollowTheSchoolLevel() {
        DemoSis sis = generator.generate(1);
        for (DemoCatalog.DemoSchool school : catalog.schools()) {
            Set<String> ids = studentsOf(sis, school.id());
            Map<String, Long> byGrade = sis.students().stream()
                    .filter(p -> ids.contains(p.personId()))
                    .collect(Collectors.groupingBy(PersonRow::grades, Collectors.counting()));
            assertThat(byGrade.keySet())
                    .as(school.id())
                    .containsExactlyInAnyOrderElementsOf(school.level().grades());
            assertThat(byGrade.values()).allMatch(count -> count == 4);
        }
    }

    @Test
    void namesAreAwkwardTheWayRealRostersAre() {
        List<String> names = generator.generate(1).people().stream()
                .map(p -> p.givenName() + " " + p.familyName())
                .toList();
        assertThat(names).contains("Zoë O'Brien", "Martin King, Jr.", "美玲 王", "José García-Núñez", "Дмитрий Иванов");
        assertThat(DemoSisGenerator.AWKWARD_NAMES)
                .allSatisfy(n -> assertThat(names).contains(n[0] + " " + n[1]));
    }

    @Test
    void usernamesAreUniqueAndAscii() {
        List<String> usernames =
                generator.generate(1).people().stream().map(PersonRow::username).toList();
        assertThat(usernames).doesNotHaveDuplicates().allMatch(u -> u.matches("[a-z]+[0-9]*"));
    }

    @Test
    void aTeacherTeachesInTwoSchools() {
        DemoSis sis = generator.generate(1);
        Map<String, Long> schoolsPerTeacher = sis.personSchools().stream()
                .filter(ps -> sis.teachers().stream().anyMatch(t -> t.personId().equals(ps.personId())))
                .collect(Collectors.groupingBy(PersonSchoolRow::personId, Collectors.counting()));
        assertThat(schoolsPerTeacher.values()).anyMatch(count -> count >= 2);
    }

    @Test
    void sectionsMeetOnSimpleWeeklyAndBiweeklySchedules() {
        DemoSis sis = generator.generate(1);
        assertThat(sis.sections())
                .extracting(DemoSis.SectionRow::scheduleType)
                .contains("SIMPLE", "WEEKLY", "BIWEEKLY");
        DemoSis.SectionRow weekly = sis.sections().stream()
                .filter(s -> s.scheduleType().equals("WEEKLY"))
                .findFirst()
                .orElseThrow();
        List<MeetingRow> meetings = sis.meetings().stream()
                .filter(m -> m.sectionId().equals(weekly.sectionId()))
                .toList();
        assertThat(meetings).extracting(MeetingRow::dayOfWeek).containsExactly("MONDAY", "WEDNESDAY", "FRIDAY");
        assertThat(meetings).extracting(MeetingRow::startTime).doesNotHaveDuplicates();
        assertThat(sis.meetings()).anySatisfy(m -> assertThat(m.week()).isEqualTo(2));
    }

    @Test
    void everyReferenceResolvesInTheWrittenDatabase(@TempDir Path dir) throws SQLException {
        DemoSis sis = generator.generate(7);
        SisDatabase database = new SisDatabase(dir, "pw");
        database.create(sis);
        try (Connection c = database.connect()) {
            assertThat(count(c, "select count(*) from schools"))
                    .isEqualTo(sis.schools().size());
            assertThat(count(c, "select count(*) from people"))
                    .isEqualTo(sis.people().size());
            assertThat(count(c, "select count(*) from enrollments"))
                    .isEqualTo(sis.enrollments().size());
            assertThat(count(c, "select count(*) from section_meetings"))
                    .isEqualTo(sis.meetings().size());
            // References the schema does not declare as foreign keys.
            assertThat(
                            count(
                                    c,
                                    "select count(*) from terms t where t.parent_term_id is not null and not exists "
                                            + "(select 1 from terms p where p.term_id = t.parent_term_id and p.school_id = t.school_id)"))
                    .isZero();
            assertThat(count(
                            c,
                            "select count(*) from courses c where not exists "
                                    + "(select 1 from terms t where t.term_id = c.school_year_term_id)"))
                    .isZero();
            assertThat(count(
                            c,
                            "select count(*) from people p where not exists "
                                    + "(select 1 from person_schools ps where ps.person_id = p.person_id)"))
                    .isZero();
            assertThat(count(
                            c,
                            "select count(*) from sections s where not exists (select 1 from section_meetings m "
                                    + "where m.section_id = s.section_id)"))
                    .isZero();
            // A person enrolled in a section belongs to that section's school.
            assertThat(count(
                            c,
                            "select count(*) from enrollments e join sections s on s.section_id = e.section_id "
                                    + "where not exists (select 1 from person_schools ps where ps.person_id = e.person_id "
                                    + "and ps.school_id = s.school_id)"))
                    .isZero();
            assertThat(count(c, "select count(*) from sections where class_type = 'HOMEROOM'"))
                    .isPositive();
        }
        assertThat(sis.sections())
                .allSatisfy(s -> assertThat(s.termIds().split(",")).allSatisfy(term -> assertThat(sis.terms())
                        .anyMatch(t -> t.termId().equals(term) && t.schoolId().equals(s.schoolId()))));
    }

    @Test
    void everyStudentHasDemographicsAndOneSchool() {
        DemoSis sis = generator.generate(3);
        Set<String> withDemographics = sis.demographics().stream()
                .map(DemoSis.DemographicsRow::personId)
                .collect(Collectors.toSet());
        assertThat(sis.students()).allSatisfy(s -> assertThat(withDemographics).contains(s.personId()));
        assertThat(sis.students()).allSatisfy(s -> assertThat(
                        sis.personSchools().stream().filter(ps -> ps.personId().equals(s.personId())))
                .hasSize(1));
    }

    @Test
    void exactlyOneStudentOfThePrivateSchoolHasASexOneRosterCannotCarry() {
        DemoSis sis = generator.generate(5);
        assertThat(sis.demographics())
                .filteredOn(d -> d.sex().equals(DemoSisGenerator.NON_BINARY_SEX))
                .singleElement()
                .satisfies(d -> assertThat(d.personId()).isEqualTo("SAS-S0001"));
        assertThat(sis.demographics())
                .filteredOn(d -> !d.personId().equals("SAS-S0001"))
                .allSatisfy(d -> assertThat(d.sex()).isIn("female", "male"));
    }

    private static Set<String> studentsOf(DemoSis sis, String school) {
        return sis.personSchools().stream()
                .filter(ps -> ps.schoolId().equals(school))
                .map(PersonSchoolRow::personId)
                .collect(Collectors.toSet());
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
