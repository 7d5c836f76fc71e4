package com.rostersync.localstack.sis;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/**
 * The rows of a demo SIS, one record type per table of our canonical schema ({@code sis/schema.sql}). Plain values,
 * so two generations from the same seed can be compared with {@code equals}.
 */
public record DemoSis(
        List<SchoolRow> schools,
        List<TermRow> terms,
        List<CourseRow> courses,
        List<SectionRow> sections,
        List<MeetingRow> meetings,
        List<PersonRow> people,
        List<PersonSchoolRow> personSchools,
        List<EnrollmentRow> enrollments,
        List<DemographicsRow> demographics) {

    public record SchoolRow(String schoolId, String name, String identifier, String districtId, String districtName) {}

    public record TermRow(
            String termId,
            String schoolId,
            String title,
            String termType,
            LocalDate startDate,
            LocalDate endDate,
            String parentTermId,
            int schoolYear) {}

    public record CourseRow(
            String courseId,
            String schoolId,
            String schoolYearTermId,
            String title,
            String courseCode,
            String grades,
            String subjects,
            String subjectCodes) {}

    public record SectionRow(
            String sectionId,
            String schoolId,
            String courseId,
            String termIds,
            String title,
            String classCode,
            String classType,
            String location,
            String grades,
            String subjects,
            String subjectCodes,
            String scheduleType) {}

    public record MeetingRow(
            String sectionId, String dayOfWeek, int week, LocalTime startTime, String period, String location) {}

    public record PersonRow(
            String personId,
            String role,
            String username,
            boolean enabled,
            String givenName,
            String familyName,
            String middleName,
            String identifier,
            String email,
            String sms,
            String phone,
            String grades,
            String sisUserId,
            String password) {}

    public record PersonSchoolRow(String personId, String schoolId) {}

    public record EnrollmentRow(
            String enrollmentId,
            String sectionId,
            String personId,
            String role,
            Boolean primary,
            LocalDate beginDate,
            LocalDate endDate) {}

    public record DemographicsRow(
            String personId,
            LocalDate birthDate,
            String sex,
            boolean americanIndian,
            boolean asian,
            boolean black,
            boolean pacificIslander,
            boolean white,
            boolean twoOrMoreRaces,
            boolean hispanic,
            String countryOfBirth,
            String stateOfBirth,
            String cityOfBirth,
            String residenceStatus) {}

    public List<PersonRow> students() {
        return people.stream().filter(p -> p.role().equals("STUDENT")).toList();
    }

    public List<PersonRow> teachers() {
        return people.stream().filter(p -> p.role().equals("TEACHER")).toList();
    }
}
