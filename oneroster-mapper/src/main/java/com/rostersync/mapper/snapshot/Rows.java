package com.rostersync.mapper.snapshot;

import java.util.Arrays;
import java.util.List;

/**
 * One row type per OneRoster 1.1 file, components in the exact column order of {@code OneRosterFile}. Every cell is
 * already text; null means an empty cell. {@code status} and {@code dateLastModified} stay null in bulk files.
 */
final class Rows {

    private Rows() {}

    interface Row {
        String sourcedId();

        List<String> cells();
    }

    record OrgRow(
            String sourcedId,
            String status,
            String dateLastModified,
            String name,
            String type,
            String identifier,
            String parentSourcedId)
            implements Row {
        @Override
        public List<String> cells() {
            return Arrays.asList(sourcedId, status, dateLastModified, name, type, identifier, parentSourcedId);
        }
    }

    record AcademicSessionRow(
            String sourcedId,
            String status,
            String dateLastModified,
            String title,
            String type,
            String startDate,
            String endDate,
            String parentSourcedId,
            String schoolYear)
            implements Row {
        @Override
        public List<String> cells() {
            return Arrays.asList(
                    sourcedId, status, dateLastModified, title, type, startDate, endDate, parentSourcedId, schoolYear);
        }
    }

    record CourseRow(
            String sourcedId,
            String status,
            String dateLastModified,
            String schoolYearSourcedId,
            String title,
            String courseCode,
            String grades,
            String orgSourcedId,
            String subjects,
            String subjectCodes)
            implements Row {
        @Override
        public List<String> cells() {
            return Arrays.asList(
                    sourcedId,
                    status,
                    dateLastModified,
                    schoolYearSourcedId,
                    title,
                    courseCode,
                    grades,
                    orgSourcedId,
                    subjects,
                    subjectCodes);
        }
    }

    record ClassRow(
            String sourcedId,
            String status,
            String dateLastModified,
            String title,
            String grades,
            String courseSourcedId,
            String classCode,
            String classType,
            String location,
            String schoolSourcedId,
            String termSourcedIds,
            String subjects,
            String subjectCodes,
            String periods)
            implements Row {
        @Override
        public List<String> cells() {
            return Arrays.asList(
                    sourcedId,
                    status,
                    dateLastModified,
                    title,
                    grades,
                    courseSourcedId,
                    classCode,
                    classType,
                    location,
                    schoolSourcedId,
                    termSourcedIds,
                    subjects,
                    subjectCodes,
                    periods);
        }
    }

    record UserRow(
            String sourcedId,
            String status,
            String dateLastModified,
            String enabledUser,
            String orgSourcedIds,
            String role,
            String username,
            String userIds,
            String givenName,
            String familyName,
            String middleName,
            String identifier,
            String email,
            String sms,
            String phone,
            String agentSourcedIds,
            String grades,
            String password)
            implements Row {
        @Override
        public List<String> cells() {
            return Arrays.asList(
                    sourcedId,
                    status,
                    dateLastModified,
                    enabledUser,
                    orgSourcedIds,
                    role,
                    username,
                    userIds,
                    givenName,
                    familyName,
                    middleName,
                    identifier,
                    email,
                    sms,
                    phone,
                    agentSourcedIds,
                    grades,
                    password);
        }
    }

    record EnrollmentRow(
            String sourcedId,
            String status,
            String dateLastModified,
            String classSourcedId,
            String schoolSourcedId,
            String userSourcedId,
            String role,
            String primary,
            String beginDate,
            String endDate)
            implements Row {
        @Override
        public List<String> cells() {
            return Arrays.asList(
                    sourcedId,
                    status,
                    dateLastModified,
                    classSourcedId,
                    schoolSourcedId,
                    userSourcedId,
                    role,
                    primary,
                    beginDate,
                    endDate);
        }
    }

    record DemographicsRow(
            String sourcedId,
            String status,
            String dateLastModified,
            String birthDate,
            String sex,
            String americanIndianOrAlaskaNative,
            String asian,
            String blackOrAfricanAmerican,
            String nativeHawaiianOrOtherPacificIslander,
            String white,
            String demographicRaceTwoOrMoreRaces,
            String hispanicOrLatinoEthnicity,
            String countryOfBirthCode,
            String stateOfBirthAbbreviation,
            String cityOfBirth,
            String publicSchoolResidenceStatus)
            implements Row {
        @Override
        public List<String> cells() {
            return Arrays.asList(
                    sourcedId,
                    status,
                    dateLastModified,
                    birthDate,
                    sex,
                    americanIndianOrAlaskaNative,
                    asian,
                    blackOrAfricanAmerican,
                    nativeHawaiianOrOtherPacificIslander,
                    white,
                    demographicRaceTwoOrMoreRaces,
                    hispanicOrLatinoEthnicity,
                    countryOfBirthCode,
                    stateOfBirthAbbreviation,
                    cityOfBirth,
                    publicSchoolResidenceStatus);
        }
    }
}
