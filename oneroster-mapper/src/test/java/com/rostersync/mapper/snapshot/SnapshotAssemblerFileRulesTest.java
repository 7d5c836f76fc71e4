package com.rostersync.mapper.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import com.rostersync.events.roster.Course;
import com.rostersync.events.roster.Enrollment;
import com.rostersync.events.roster.Person;
import com.rostersync.events.roster.RosterRecord;
import com.rostersync.events.roster.School;
import com.rostersync.events.roster.Section;
import com.rostersync.events.snapshot.SnapshotFile;
import com.rostersync.mapper.Fixtures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** The manifest tells the truth about what is sent, and extension columns ride after the standard ones. */
class SnapshotAssemblerFileRulesTest {

    private static final SourceSystem SOURCE = new SourceSystem("RosterSync", "rostersync");

    @Test
    void aSchoolWithoutCoursesSendsNoCoursesFileAndTheManifestSaysAbsent() {
        List<RosterRecord> records = new ArrayList<>(Fixtures.school(List.of()).values());
        records.removeIf(r -> r instanceof Course || r instanceof Section || r instanceof Enrollment);

        List<SnapshotFile> files = new SnapshotAssembler().assemble(records, SOURCE);

        assertThat(files)
                .extracting(SnapshotFile::name)
                .containsExactly("manifest.csv", "orgs.csv", "academicSessions.csv", "users.csv", "demographics.csv");
        assertThat(files).allSatisfy(file -> assertThat(file.rows()).isPositive());
        assertThat(file(files, "manifest.csv").content())
                .contains(
                        "file.courses,absent\r\n",
                        "file.classes,absent\r\n",
                        "file.enrollments,absent\r\n",
                        "file.users,bulk\r\n",
                        "file.demographics,bulk\r\n");
    }

    @Test
    void extensionColumnsFollowTheStandardColumnsSortedByNameAndBlankWhereARecordHasNone() throws IOException {
        List<RosterRecord> records = new ArrayList<>(Fixtures.school(List.of()).values());
        records.replaceAll(record -> {
            if (record instanceof School s) {
                return new School(
                        s.sourcedId(),
                        s.name(),
                        s.identifier(),
                        s.districtSourcedId(),
                        s.districtName(),
                        Map.of("city", "Lakeside, North"));
            }
            if (record instanceof Person p && p.sourcedId().equals("S-1")) {
                return Fixtures.withMetadata(p, Map.of("pronouns", "she", "phoneticGivenName", "Mary Jane"));
            }
            if (record instanceof Person p && p.sourcedId().equals("T-1")) {
                return Fixtures.withMetadata(p, Map.of("phoneticGivenName", "Shiv"));
            }
            return record;
        });

        List<SnapshotFile> files = new SnapshotAssembler().assemble(records, SOURCE);

        assertThat(file(files, "orgs.csv").content()).isEqualTo(golden("orgs.csv"));
        assertThat(file(files, "users.csv").content()).isEqualTo(golden("users.csv"));
        assertThat(file(files, "courses.csv").content())
                .as("a file whose records have no extensions keeps exactly the standard header")
                .startsWith("sourcedId,status,dateLastModified,schoolYearSourcedId,title,courseCode,grades,"
                        + "orgSourcedId,subjects,subjectCodes\r\n");
    }

    @Test
    void theDistrictRowComesFromItsSchoolWithTheLeastSourcedIdWhateverTheRecordOrder() {
        School north = new School("MHS-N", "North", null, "D-1", "Maple District", Map.of());
        School south = new School("MHS-S", "South", null, "D-1", "Maple Schools (old name)", Map.of());

        String forward = file(new SnapshotAssembler().assemble(List.of(north, south), SOURCE), "orgs.csv")
                .content();
        String backward = file(new SnapshotAssembler().assemble(List.of(south, north), SOURCE), "orgs.csv")
                .content();

        assertThat(backward).isEqualTo(forward);
        assertThat(forward).contains("Maple District").doesNotContain("Maple Schools (old name)");
    }

    private static SnapshotFile file(List<SnapshotFile> files, String name) {
        return files.stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }

    private static String golden(String name) throws IOException {
        try (InputStream in = SnapshotAssemblerFileRulesTest.class.getResourceAsStream("/golden/extensions/" + name)) {
            return new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
