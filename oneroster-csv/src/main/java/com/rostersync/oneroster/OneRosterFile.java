package com.rostersync.oneroster;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The OneRoster 1.1 CSV files we read and write, with the exact column names and order of the 1.1 CSV binding.
 * Required columns are the ones a row may not leave blank.
 */
public enum OneRosterFile {
    MANIFEST("manifest.csv", List.of("propertyName", "value"), Set.of("propertyName", "value")),
    ORGS(
            "orgs.csv",
            List.of("sourcedId", "status", "dateLastModified", "name", "type", "identifier", "parentSourcedId"),
            Set.of("sourcedId", "name", "type")),
    ACADEMIC_SESSIONS(
            "academicSessions.csv",
            List.of(
                    "sourcedId",
                    "status",
                    "dateLastModified",
                    "title",
                    "type",
                    "startDate",
                    "endDate",
                    "parentSourcedId",
                    "schoolYear"),
            Set.of("sourcedId", "title", "type", "startDate", "endDate", "schoolYear")),
    COURSES(
            "courses.csv",
            List.of(
                    "sourcedId",
                    "status",
                    "dateLastModified",
                    "schoolYearSourcedId",
                    "title",
                    "courseCode",
                    "grades",
                    "orgSourcedId",
                    "subjects",
                    "subjectCodes"),
            Set.of("sourcedId", "title", "orgSourcedId")),
    CLASSES(
            "classes.csv",
            List.of(
                    "sourcedId",
                    "status",
                    "dateLastModified",
                    "title",
                    "grades",
                    "courseSourcedId",
                    "classCode",
                    "classType",
                    "location",
                    "schoolSourcedId",
                    "termSourcedIds",
                    "subjects",
                    "subjectCodes",
                    "periods"),
            Set.of("sourcedId", "title", "courseSourcedId", "classType", "schoolSourcedId", "termSourcedIds")),
    USERS(
            "users.csv",
            List.of(
                    "sourcedId",
                    "status",
                    "dateLastModified",
                    "enabledUser",
                    "orgSourcedIds",
                    "role",
                    "username",
                    "userIds",
                    "givenName",
                    "familyName",
                    "middleName",
                    "identifier",
                    "email",
                    "sms",
                    "phone",
                    "agentSourcedIds",
                    "grades",
                    "password"),
            Set.of("sourcedId", "enabledUser", "orgSourcedIds", "role", "username", "givenName", "familyName")),
    ENROLLMENTS(
            "enrollments.csv",
            List.of(
                    "sourcedId",
                    "status",
                    "dateLastModified",
                    "classSourcedId",
                    "schoolSourcedId",
                    "userSourcedId",
                    "role",
                    "primary",
                    "beginDate",
                    "endDate"),
            Set.of("sourcedId", "classSourcedId", "schoolSourcedId", "userSourcedId", "role")),
    DEMOGRAPHICS(
            "demographics.csv",
            List.of(
                    "sourcedId",
                    "status",
                    "dateLastModified",
                    "birthDate",
                    "sex",
                    "americanIndianOrAlaskaNative",
                    "asian",
                    "blackOrAfricanAmerican",
                    "nativeHawaiianOrOtherPacificIslander",
                    "white",
                    "demographicRaceTwoOrMoreRaces",
                    "hispanicOrLatinoEthnicity",
                    "countryOfBirthCode",
                    "stateOfBirthAbbreviation",
                    "cityOfBirth",
                    "publicSchoolResidenceStatus"),
            Set.of("sourcedId"));

    /** Every file name the manifest must mention, in the spec's order, with whether we send it. */
    public static final List<String> MANIFEST_FILE_ENTRIES = List.of(
            "academicSessions",
            "categories",
            "classes",
            "classResources",
            "courses",
            "courseResources",
            "demographics",
            "enrollments",
            "lineItems",
            "orgs",
            "resources",
            "results",
            "users");

    /**
     * OneRoster 1.1 lets a file carry extension columns after the standard ones, named {@code metadata.<name>}
     * (public sample sets have {@code metadata.city} in orgs.csv). They are data, never a reason to reject a file.
     */
    public static final String EXTENSION_PREFIX = "metadata.";

    private final String fileName;
    private final List<String> columns;
    private final Set<String> required;

    OneRosterFile(String fileName, List<String> columns, Set<String> required) {
        this.fileName = fileName;
        this.columns = columns;
        this.required = required;
    }

    public String fileName() {
        return fileName;
    }

    /** The manifest's name for this file ({@code users} for {@code users.csv}). */
    public String manifestName() {
        return fileName.substring(0, fileName.length() - ".csv".length());
    }

    public List<String> columns() {
        return columns;
    }

    public boolean isRequired(String column) {
        return required.contains(column);
    }

    /** {@code metadata.<name>} with a non-empty name. */
    public static boolean isExtensionColumn(String column) {
        return column.startsWith(EXTENSION_PREFIX) && column.length() > EXTENSION_PREFIX.length();
    }

    public static Optional<OneRosterFile> byFileName(String name) {
        return Arrays.stream(values()).filter(f -> f.fileName.equals(name)).findFirst();
    }

    /** The rostering files (all but the manifest), in the order references resolve. */
    public static List<OneRosterFile> rosterFiles() {
        return List.of(ORGS, ACADEMIC_SESSIONS, COURSES, CLASSES, USERS, ENROLLMENTS, DEMOGRAPHICS);
    }
}
