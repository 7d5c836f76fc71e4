package com.rostersync.publisher;

import com.rostersync.events.SchemaVersion;
import com.rostersync.events.snapshot.SchoolSnapshot;
import com.rostersync.events.snapshot.SnapshotFile;
import com.rostersync.oneroster.CsvWriter;
import com.rostersync.oneroster.FileSetHash;
import com.rostersync.oneroster.OneRosterFile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Small, valid OneRoster snapshots of the schools of one district, written the way the mapper writes them. */
public final class SnapshotFixtures {

    public static final String DISTRICT = "D1";

    private SnapshotFixtures() {}

    /** A school with the district org, one teacher shared by all schools, one student of its own and one class. */
    public static SchoolSnapshot school(String tenantId, String schoolId, long version) {
        return school(tenantId, schoolId, version, "Student " + version);
    }

    public static SchoolSnapshot school(String tenantId, String schoolId, long version, String studentName) {
        List<SnapshotFile> files = new ArrayList<>();
        files.add(file(
                OneRosterFile.MANIFEST,
                List.of(
                        List.of("manifest.version", "1.0"),
                        List.of("oneroster.version", "1.1"),
                        List.of("file.academicSessions", "bulk"),
                        List.of("file.categories", "absent"),
                        List.of("file.classes", "bulk"),
                        List.of("file.classResources", "absent"),
                        List.of("file.courses", "bulk"),
                        List.of("file.courseResources", "absent"),
                        List.of("file.demographics", "absent"),
                        List.of("file.enrollments", "bulk"),
                        List.of("file.lineItems", "absent"),
                        List.of("file.orgs", "bulk"),
                        List.of("file.resources", "absent"),
                        List.of("file.results", "absent"),
                        List.of("file.users", "bulk"),
                        List.of("source.systemName", "RosterSync"),
                        List.of("source.systemCode", tenantId))));
        files.add(file(
                OneRosterFile.ORGS,
                List.of(
                        List.of(DISTRICT, "active", "", "Maple District", "district", "", ""),
                        List.of(schoolId, "active", "", "School " + schoolId, "school", schoolId, DISTRICT))));
        files.add(file(
                OneRosterFile.ACADEMIC_SESSIONS,
                List.of(List.of(
                        "Y2026", "active", "", "2025-2026", "schoolYear", "2025-08-15", "2026-06-15", "", "2026"))));
        files.add(file(
                OneRosterFile.COURSES,
                List.of(List.of(
                        "C-" + schoolId, "active", "", "Y2026", "Math " + schoolId, "M1", "09", schoolId, "", ""))));
        files.add(file(
                OneRosterFile.CLASSES,
                List.of(List.of(
                        "K-" + schoolId,
                        "active",
                        "",
                        "Math " + schoolId + " P1",
                        "09",
                        "C-" + schoolId,
                        "",
                        "scheduled",
                        "",
                        schoolId,
                        "Y2026",
                        "",
                        "",
                        "1"))));
        files.add(file(
                OneRosterFile.USERS,
                List.of(
                        user("T-SHARED", schoolId, "teacher", "Pat", "Teacher"),
                        user("S-" + schoolId, schoolId, "student", studentName, "Learner"))));
        files.add(file(
                OneRosterFile.ENROLLMENTS,
                List.of(
                        List.of(
                                "E-T-" + schoolId,
                                "active",
                                "",
                                "K-" + schoolId,
                                schoolId,
                                "T-SHARED",
                                "teacher",
                                "true",
                                "",
                                ""),
                        List.of(
                                "E-S-" + schoolId,
                                "active",
                                "",
                                "K-" + schoolId,
                                schoolId,
                                "S-" + schoolId,
                                "student",
                                "false",
                                "",
                                ""))));
        return new SchoolSnapshot(
                SchemaVersion.CURRENT,
                tenantId,
                schoolId,
                version,
                "hash-" + schoolId + "-" + version,
                Instant.parse("2026-11-23T10:00:00Z"),
                files,
                0);
    }

    /**
     * The snapshot with every file carrying the hash of its content, as the publisher holds a snapshot whose files a
     * 1.3 mapper named by hash.
     */
    public static SchoolSnapshot withContentHashes(SchoolSnapshot snapshot) {
        return snapshot.withFiles(snapshot.files().stream()
                .map(f -> new SnapshotFile(f.name(), f.content(), f.rows(), FileSetHash.ofContent(f.content())))
                .toList());
    }

    /** A snapshot whose users.csv is this many bytes or more, to cut a connection in the middle of it. */
    public static SchoolSnapshot largeSchool(String tenantId, String schoolId, long version, int users) {
        SchoolSnapshot base = school(tenantId, schoolId, version);
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            rows.add(user("S-" + schoolId + "-" + i, schoolId, "student", "Given" + i, "Family" + i));
        }
        List<SnapshotFile> files = new ArrayList<>(
                base.files().stream().filter(f -> !f.name().equals("users.csv")).toList());
        files.add(file(OneRosterFile.USERS, rows));
        return new SchoolSnapshot(
                base.schemaVersion(), tenantId, schoolId, version, base.contentHash(), base.createdAt(), files, 0);
    }

    public static List<String> user(String id, String org, String role, String given, String family) {
        return List.of(
                id,
                "active",
                "",
                "true",
                org,
                role,
                id.toLowerCase(),
                "",
                given,
                family,
                "",
                id,
                "",
                "",
                "",
                "",
                role.equals("student") ? "09" : "",
                "");
    }

    private static SnapshotFile file(OneRosterFile file, List<List<String>> rows) {
        return new SnapshotFile(file.fileName(), CsvWriter.write(file, rows), rows.size());
    }
}
