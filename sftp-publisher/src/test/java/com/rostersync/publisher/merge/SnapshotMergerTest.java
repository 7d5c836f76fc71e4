package com.rostersync.publisher.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rostersync.events.snapshot.SchoolSnapshot;
import com.rostersync.events.snapshot.SnapshotFile;
import com.rostersync.oneroster.CsvReader;
import com.rostersync.oneroster.CsvRow;
import com.rostersync.oneroster.CsvWriter;
import com.rostersync.oneroster.OneRosterFile;
import com.rostersync.publisher.SnapshotFixtures;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnapshotMergerTest {

    private final SnapshotMerger merger = new SnapshotMerger();

    @Test
    void singleSchoolFilesComeOutIdenticalToTheSnapshot() throws Exception {
        SchoolSnapshot school = SnapshotFixtures.school("maple", "MHS", 1);

        MergedFileSet merged = merger.merge(List.of(school));

        assertThat(merged.filesWithText()).isEqualTo(school.files());
    }

    @Test
    void aTeacherInTwoSchoolsIsOneUserRowListingBothSchools() throws Exception {
        MergedFileSet merged = merger.merge(
                List.of(SnapshotFixtures.school("maple", "MMS", 1), SnapshotFixtures.school("maple", "MHS", 1)));

        List<CsvRow> users = rows(merged, OneRosterFile.USERS);
        assertThat(users).extracting(r -> r.get("sourcedId")).containsExactly("T-SHARED", "S-MHS", "S-MMS");
        assertThat(users.get(0).get("orgSourcedIds")).isEqualTo("MHS,MMS");
    }

    @Test
    void theDistrictOrgAppearsOnceAndNoFileHasADuplicateSourcedId() throws Exception {
        MergedFileSet merged = merger.merge(
                List.of(SnapshotFixtures.school("maple", "MHS", 1), SnapshotFixtures.school("maple", "MMS", 1)));

        assertThat(rows(merged, OneRosterFile.ORGS))
                .extracting(r -> r.get("sourcedId"))
                .containsExactly(SnapshotFixtures.DISTRICT, "MHS", "MMS");
        for (OneRosterFile file : OneRosterFile.rosterFiles()) {
            if (file == OneRosterFile.DEMOGRAPHICS) {
                continue;
            }
            List<String> ids =
                    rows(merged, file).stream().map(r -> r.get("sourcedId")).toList();
            assertThat(ids).as(file.fileName()).doesNotHaveDuplicates();
        }
        assertThat(rows(merged, OneRosterFile.ACADEMIC_SESSIONS)).hasSize(1);
        assertThat(rows(merged, OneRosterFile.ENROLLMENTS)).hasSize(4);
    }

    @Test
    void regeneratesTheManifestForTheFilesOfTheMergedSet() throws Exception {
        MergedFileSet merged = merger.merge(
                List.of(SnapshotFixtures.school("maple", "MHS", 1), SnapshotFixtures.school("maple", "MMS", 1)));

        List<CsvRow> manifest = rows(merged, OneRosterFile.MANIFEST);
        assertThat(manifest)
                .extracting(r -> r.get("propertyName") + "=" + r.get("value"))
                .contains(
                        "manifest.version=1.0",
                        "oneroster.version=1.1",
                        "file.users=bulk",
                        "file.orgs=bulk",
                        "file.demographics=absent",
                        "source.systemName=RosterSync");
        assertThat(merged.filesWithText()).extracting(SnapshotFile::name).doesNotContain("demographics.csv");
    }

    @Test
    void theHashDependsOnContentNotOnTheOrderOfSchools() throws Exception {
        SchoolSnapshot high = SnapshotFixtures.school("maple", "MHS", 1);
        SchoolSnapshot middle = SnapshotFixtures.school("maple", "MMS", 1);

        String one = merger.merge(List.of(high, middle)).contentHash();
        String other = merger.merge(List.of(middle, high)).contentHash();
        String changed = merger.merge(List.of(high, SnapshotFixtures.school("maple", "MMS", 2)))
                .contentHash();

        assertThat(one).isEqualTo(other).isNotEqualTo(changed);
    }

    @Test
    void anUnreadableSchoolFileNamesSchoolFileLineAndField() {
        SchoolSnapshot good = SnapshotFixtures.school("maple", "MHS", 1);
        SchoolSnapshot broken = SnapshotFixtures.school("maple", "MMS", 1);
        List<SnapshotFile> files = new ArrayList<>(broken.files().stream()
                .filter(f -> !f.name().equals("users.csv"))
                .toList());
        String header = String.join(",", OneRosterFile.USERS.columns());
        files.add(new SnapshotFile("users.csv", header + "\r\nU1,active,,true,MMS,student,,,,Family,,,,,,,,\r\n", 1));
        SchoolSnapshot invalid = new SchoolSnapshot(1, "maple", "MMS", 2, "h", broken.createdAt(), files, 0);

        assertThatThrownBy(() -> merger.merge(List.of(good, invalid)))
                .isInstanceOfSatisfying(MergeException.class, e -> {
                    assertThat(e.schoolId()).isEqualTo("MMS");
                    assertThat(e.file()).isEqualTo("users.csv");
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.field()).isEqualTo("username");
                });
    }

    @Test
    void aTypeNoSchoolHasRowsOfIsAbsentAndNoHeaderOnlyFileIsSent() throws Exception {
        SchoolSnapshot high = withFile(SnapshotFixtures.school("maple", "MHS", 1), headerOnly(OneRosterFile.COURSES));
        SchoolSnapshot middle = withFile(SnapshotFixtures.school("maple", "MMS", 1), headerOnly(OneRosterFile.COURSES));

        MergedFileSet merged = merger.merge(List.of(high, middle));

        assertThat(merged.filesWithText()).extracting(SnapshotFile::name).doesNotContain("courses.csv");
        assertThat(merged.filesWithText())
                .filteredOn(f -> !f.name().equals("manifest.csv"))
                .allSatisfy(f -> assertThat(f.rows()).isPositive());
        assertThat(rows(merged, OneRosterFile.MANIFEST))
                .extracting(r -> r.get("propertyName") + "=" + r.get("value"))
                .contains("file.courses=absent", "file.classes=bulk");
    }

    @Test
    void aTypeOneSchoolHasRowsOfIsSentWithThoseRows() throws Exception {
        SchoolSnapshot high = withFile(SnapshotFixtures.school("maple", "MHS", 1), headerOnly(OneRosterFile.COURSES));

        MergedFileSet merged = merger.merge(List.of(high, SnapshotFixtures.school("maple", "MMS", 1)));

        assertThat(rows(merged, OneRosterFile.COURSES))
                .extracting(r -> r.get("sourcedId"))
                .containsExactly("C-MMS");
        assertThat(rows(merged, OneRosterFile.MANIFEST))
                .extracting(r -> r.get("propertyName") + "=" + r.get("value"))
                .contains("file.courses=bulk");
    }

    @Test
    void aSingleSchoolsHeaderOnlyBulkFileIsNotPassedThrough() throws Exception {
        SchoolSnapshot high = withFile(SnapshotFixtures.school("maple", "MHS", 1), headerOnly(OneRosterFile.COURSES));

        MergedFileSet merged = merger.merge(List.of(high));

        assertThat(merged.filesWithText()).extracting(SnapshotFile::name).doesNotContain("courses.csv");
        assertThat(rows(merged, OneRosterFile.MANIFEST))
                .extracting(r -> r.get("propertyName") + "=" + r.get("value"))
                .contains("file.courses=absent", "file.users=bulk");
        assertThat(rows(merged, OneRosterFile.USERS)).hasSize(2);
    }

    @Test
    void aTypeEverySchoolsSourceEmptiedOnPurposeIsSentHeaderOnlySoTheReceiverArchivesIt() throws Exception {
        SchoolSnapshot high = emptiedOnPurpose(
                withFile(SnapshotFixtures.school("maple", "MHS", 1), headerOnly(OneRosterFile.COURSES)), "courses");
        SchoolSnapshot middle = emptiedOnPurpose(
                withFile(SnapshotFixtures.school("maple", "MMS", 1), headerOnly(OneRosterFile.COURSES)), "courses");

        MergedFileSet merged = merger.merge(List.of(high, middle));
        MergedFileSet alone = merger.merge(List.of(high));

        assertThat(rows(merged, OneRosterFile.COURSES)).isEmpty();
        assertThat(rows(merged, OneRosterFile.MANIFEST))
                .extracting(r -> r.get("propertyName") + "=" + r.get("value"))
                .contains("file.courses=bulk");
        assertThat(rows(alone, OneRosterFile.COURSES)).isEmpty();
    }

    @Test
    void aTypeOnlySomeSchoolsEmptiedOnPurposeStaysAbsent() throws Exception {
        SchoolSnapshot high = emptiedOnPurpose(
                withFile(SnapshotFixtures.school("maple", "MHS", 1), headerOnly(OneRosterFile.COURSES)), "courses");
        SchoolSnapshot middle = withFile(SnapshotFixtures.school("maple", "MMS", 1), headerOnly(OneRosterFile.COURSES));

        MergedFileSet merged = merger.merge(List.of(high, middle));

        assertThat(merged.filesWithText()).extracting(SnapshotFile::name).doesNotContain("courses.csv");
        assertThat(rows(merged, OneRosterFile.MANIFEST))
                .extracting(r -> r.get("propertyName") + "=" + r.get("value"))
                .contains("file.courses=absent");
    }

    @Test
    void extensionColumnsAreTheSortedUnionOfTheSchoolsForAnAccountThatKeepsThem() throws Exception {
        SchoolSnapshot high = withUsersExtension(SnapshotFixtures.school("maple", "MHS", 1), "pronouns", "they");
        SchoolSnapshot middle =
                withUsersExtension(SnapshotFixtures.school("maple", "MMS", 1), "phoneticGivenName", "pat");

        MergedFileSet kept = merger.merge(List.of(middle, high), true);

        SnapshotFile users = kept.filesWithText().stream()
                .filter(f -> f.name().equals("users.csv"))
                .findFirst()
                .orElseThrow();
        assertThat(users.content())
                .startsWith(String.join(",", OneRosterFile.USERS.columns())
                        + ",metadata.phoneticGivenName,metadata.pronouns\r\n");
        assertThat(rows(kept, OneRosterFile.USERS))
                .extracting(r -> r.get("sourcedId") + ":" + r.extensions())
                .containsExactly("T-SHARED:{pronouns=they}", "S-MHS:{pronouns=they}", "S-MMS:{phoneticGivenName=pat}");
        assertThat(merger.merge(List.of(high, middle), true).contentHash())
                .as("stable whatever the order of the schools")
                .isEqualTo(kept.contentHash());
    }

    @Test
    void extensionColumnsAreDroppedForAnAccountThatDoesNotKeepThemAndKeptByteForByteForOneThatDoes() throws Exception {
        SchoolSnapshot high = withUsersExtension(SnapshotFixtures.school("maple", "MHS", 1), "pronouns", "they");

        MergedFileSet dropped = merger.merge(List.of(high));
        MergedFileSet kept = merger.merge(List.of(high), true);

        assertThat(dropped.filesWithText())
                .filteredOn(f -> f.name().equals("users.csv"))
                .singleElement()
                .satisfies(f -> assertThat(f.content())
                        .startsWith(String.join(",", OneRosterFile.USERS.columns()) + "\r\n")
                        .doesNotContain("metadata.", "they"));
        assertThat(kept.filesWithText()).isEqualTo(high.files());
    }

    @Test
    void mergingFromTheRowsTextGivesTheBytesOfReadingEveryRow() throws Exception {
        List<SchoolSnapshot> schools = new ArrayList<>();
        for (String school : List.of("MHS", "MMS", "MES")) {
            List<List<String>> users = List.of(
                    SnapshotFixtures.user("T-SHARED", "MES,MHS,MMS", "teacher", "Pat", "Teacher"),
                    SnapshotFixtures.user("S-" + school, school, "student", "Ann, \"Jo\"\r\nLee", "O'Brien-Ünal"),
                    SnapshotFixtures.user("\"Q\"," + school, school, "student", "Quinn", "Comma, Jr."));
            SchoolSnapshot snapshot = withFile(
                    SnapshotFixtures.school("maple", school, 1),
                    new SnapshotFile("users.csv", CsvWriter.write(OneRosterFile.USERS, users), users.size()));
            for (SnapshotFile file : snapshot.files()) {
                OneRosterFile type = OneRosterFile.byFileName(file.name()).orElseThrow();
                if (type != OneRosterFile.MANIFEST) {
                    assertThat(CanonicalRows.split(type, file.content()))
                            .as(school + " " + file.name() + " is merged from its rows' text")
                            .isNotNull();
                }
            }
            schools.add(snapshot);
        }

        MergedFileSet fromText = merger.merge(schools);
        MergedFileSet fromRows = new SnapshotMerger(false).merge(schools);

        assertThat(fromText.filesWithText()).isEqualTo(fromRows.filesWithText());
        assertThat(fromText.contentHash()).isEqualTo(fromRows.contentHash());
        assertThat(rows(fromText, OneRosterFile.USERS))
                .extracting(r -> r.get("sourcedId"))
                .containsExactly("T-SHARED", "S-MES", "\"Q\",MES", "S-MHS", "\"Q\",MHS", "S-MMS", "\"Q\",MMS");
        assertThat(rows(fromText, OneRosterFile.USERS).get(1).get("givenName")).isEqualTo("Ann, \"Jo\"\r\nLee");
    }

    @Test
    void aSecondMergeAfterOneSchoolsUsersChangedGivesTheBytesOfAFreshMerge() throws Exception {
        SchoolSnapshot mhs = SnapshotFixtures.withContentHashes(SnapshotFixtures.school("maple", "MHS", 1));
        SchoolSnapshot mms = SnapshotFixtures.withContentHashes(SnapshotFixtures.school("maple", "MMS", 1));
        merger.merge(List.of(mhs, mms));
        List<List<String>> users = List.of(
                SnapshotFixtures.user("T-SHARED", "MHS,MMS", "teacher", "Pat", "Teacher"),
                SnapshotFixtures.user("S-MMS", "MMS", "student", "Renamed", "Student"));
        SchoolSnapshot changed = SnapshotFixtures.withContentHashes(withFile(
                mms, new SnapshotFile("users.csv", CsvWriter.write(OneRosterFile.USERS, users), users.size())));

        MergedFileSet again = merger.merge(List.of(mhs, changed));
        MergedFileSet fresh = new SnapshotMerger().merge(List.of(mhs, changed));

        assertThat(again.filesWithText()).isEqualTo(fresh.filesWithText());
        assertThat(again.contentHash()).isEqualTo(fresh.contentHash());
        assertThat(rows(again, OneRosterFile.USERS))
                .extracting(r -> r.get("givenName"))
                .contains("Renamed");
        assertThat(rows(again, OneRosterFile.ENROLLMENTS)).hasSize(4);
    }

    @Test
    void filesSharingARowAreUnitedByRowEveryTimeNeverPutEndToEnd() throws Exception {
        List<SchoolSnapshot> schools = List.of(
                SnapshotFixtures.withContentHashes(SnapshotFixtures.school("maple", "MHS", 1)),
                SnapshotFixtures.withContentHashes(SnapshotFixtures.school("maple", "MMS", 1)));

        merger.merge(schools);
        MergedFileSet again = merger.merge(schools);

        assertThat(rows(again, OneRosterFile.ORGS))
                .extracting(r -> r.get("sourcedId"))
                .containsExactly(SnapshotFixtures.DISTRICT, "MHS", "MMS");
        assertThat(rows(again, OneRosterFile.ACADEMIC_SESSIONS)).hasSize(1);
        assertThat(again.filesWithText())
                .isEqualTo(new SnapshotMerger().merge(schools).filesWithText());
    }

    @Test
    void filesNamedByHashesWhoseRowsWereDisjointAreNeitherSplitNorMadeAgainAndAreCheckedWhenMade() throws Exception {
        SchoolSnapshot mhs = SnapshotFixtures.withContentHashes(SnapshotFixtures.school("maple", "MHS", 1));
        SchoolSnapshot mms = SnapshotFixtures.withContentHashes(SnapshotFixtures.school("maple", "MMS", 1));
        MergedFileSet first = merger.merge(List.of(mhs, mms));
        SnapshotFile enrollments = fileOf(mms, OneRosterFile.ENROLLMENTS);
        // Same hash, other text (quoted where the writer quotes nothing): what the merger proved for the hash stands.
        String marked = enrollments.content().replaceFirst("\r\n([^,\r]+),", "\r\n\"$1\",");
        assertThat(marked).isNotEqualTo(enrollments.content());
        SchoolSnapshot sameHash = withFile(
                mms, new SnapshotFile(enrollments.name(), marked, enrollments.rows(), enrollments.contentHash()));

        MergedFileSet again = merger.merge(List.of(mhs, sameHash));

        assertThat(again.contentHash()).isEqualTo(first.contentHash());
        assertThat(again.sha256("enrollments.csv")).isEqualTo(first.sha256("enrollments.csv"));
        // Had it been split or read again, it would be made now; known by its digest, it is made only when an upload
        // must send it, and then checked against what it stood for, and refused.
        assertThatThrownBy(() -> again.bytes("enrollments.csv"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("enrollments.csv");
        assertThat(new String(again.bytes("users.csv"), StandardCharsets.UTF_8))
                .isEqualTo(new String(first.bytes("users.csv"), StandardCharsets.UTF_8));
    }

    @Test
    void aFileKnownByItsDigestIsMadeByteForByteAsTheMergeThatFirstMadeIt() throws Exception {
        List<SchoolSnapshot> schools = List.of(
                SnapshotFixtures.withContentHashes(SnapshotFixtures.school("maple", "MHS", 1)),
                SnapshotFixtures.withContentHashes(SnapshotFixtures.school("maple", "MMS", 1)));
        MergedFileSet first = merger.merge(schools);

        MergedFileSet again = merger.merge(schools);

        assertThat(again.filesWithText()).isEqualTo(first.filesWithText());
        assertThat(again.files()).isEqualTo(first.files());
        assertThat(again.size("enrollments.csv")).isEqualTo(first.bytes("enrollments.csv").length);
    }

    private static SnapshotFile fileOf(SchoolSnapshot snapshot, OneRosterFile file) {
        return fileOf(snapshot.files(), file);
    }

    private static SnapshotFile fileOf(MergedFileSet merged, OneRosterFile file) {
        return fileOf(merged.filesWithText(), file);
    }

    private static SnapshotFile fileOf(List<SnapshotFile> files, OneRosterFile file) {
        return files.stream()
                .filter(f -> f.name().equals(file.fileName()))
                .findFirst()
                .orElseThrow();
    }

    private static SnapshotFile headerOnly(OneRosterFile file) {
        return new SnapshotFile(file.fileName(), String.join(",", file.columns()) + "\r\n", 0);
    }

    /** The school with one extension column in its users.csv, set on every row (the fixture has no line breaks). */
    private static SchoolSnapshot withUsersExtension(SchoolSnapshot snapshot, String extension, String value) {
        SnapshotFile users = snapshot.files().stream()
                .filter(f -> f.name().equals("users.csv"))
                .findFirst()
                .orElseThrow();
        StringBuilder content = new StringBuilder();
        List<String> lines = users.content().lines().toList();
        content.append(lines.get(0)).append(",metadata.").append(extension).append("\r\n");
        lines.subList(1, lines.size())
                .forEach(line -> content.append(line).append(',').append(value).append("\r\n"));
        return withFile(snapshot, new SnapshotFile("users.csv", content.toString(), users.rows()));
    }

    private static SchoolSnapshot withFile(SchoolSnapshot snapshot, SnapshotFile replacement) {
        List<SnapshotFile> files = new ArrayList<>(snapshot.files());
        files.replaceAll(f -> f.name().equals(replacement.name()) ? replacement : f);
        return snapshot.withFiles(files);
    }

    private static SchoolSnapshot emptiedOnPurpose(SchoolSnapshot snapshot, String manifestName) {
        return new SchoolSnapshot(
                snapshot.schemaVersion(),
                snapshot.tenantId(),
                snapshot.schoolId(),
                snapshot.version(),
                snapshot.contentHash(),
                snapshot.createdAt(),
                snapshot.files(),
                snapshot.heldDeletions(),
                List.of(manifestName));
    }

    private static List<CsvRow> rows(MergedFileSet merged, OneRosterFile file) throws Exception {
        SnapshotFile found = merged.filesWithText().stream()
                .filter(f -> f.name().equals(file.fileName()))
                .findFirst()
                .orElseThrow();
        return CsvReader.read(file, found.content().getBytes(StandardCharsets.UTF_8))
                .rows();
    }
}
