package com.rostersync.extractor.source.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.rostersync.events.EntityType;
import com.rostersync.events.outcome.FileFailure;
import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.events.roster.Person;
import com.rostersync.events.roster.RosterRecord;
import com.rostersync.events.roster.School;
import com.rostersync.events.roster.Term;
import com.rostersync.extractor.source.SourceFailure;
import com.rostersync.extractor.source.SourceRead;
import com.rostersync.extractor.support.Drops;
import com.rostersync.extractor.support.Tenants;
import com.rostersync.tenants.Tenant;
import com.rostersync.testsupport.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CsvDropRosterSourceTest {

    @TempDir
    Path dir;

    CsvDropRosterSource source = new CsvDropRosterSource(new FolderDropFetcher(), tenant -> {
        throw new AssertionError("no SFTP here");
    });

    @Test
    void goodDropBecomesSchoolScopedRecords() throws SourceFailure {
        SourceRead read = read(Drops.goodDropIn(dir));

        assertThat(read.fileFailures()).isEmpty();
        assertThat(read.carriedForward()).isEmpty();
        assertThat(read.foundSchoolIds()).containsExactly("SA");
        assertThat(ids(read.recordsOf("SA")))
                .containsExactlyInAnyOrder(
                        "SCHOOL/SA",
                        "TERM/Y27",
                        "TERM/F26",
                        "COURSE/CA",
                        "SECTION/KA",
                        "PERSON/U1",
                        "PERSON/U2",
                        "PERSON/U3",
                        "ENROLLMENT/N1",
                        "ENROLLMENT/N2",
                        "ENROLLMENT/N3");
        assertThat(find(read, "SA", School.class, "SA").districtName()).isEqualTo("Anne District");
        assertThat(find(read, "SA", Term.class, "F26").schoolSourcedId()).isEqualTo("SA");
        assertThat(find(read, "SA", Person.class, "U1").userIds()).containsEntry("SIS", "T1");
    }

    @Test
    void aDropChangingWhileItIsReadAfterAGoodReadLeavesThatReadStandingUntilItIsStill() throws Exception {
        Drops.goodDropIn(dir);
        AtomicBoolean moving = new AtomicBoolean();
        DropFetcher fetcher = midWriteWhile(moving);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        CsvDropRosterSource guarded = new CsvDropRosterSource(
                fetcher,
                tenant -> {
                    throw new AssertionError("no SFTP here");
                },
                meters);
        Tenant tenant = Tenants.folderDrop("anne", dir.toString(), List.of("SA"));
        guarded.read(tenant).commit().run();
        Drops.write(
                dir, "users.csv", Drops.headerOnly("users.csv") + "U1,,,true,SA,teacher,tlee,,Tom,Lee,,T1,,,,,,\r\n");
        moving.set(true);

        SourceRead meanwhile = guarded.read(tenant);

        assertThat(meanwhile.recordsBySchool()).isEmpty();
        assertThat(meanwhile.foundSchoolIds()).containsExactly("SA");
        assertThat(meanwhile.fileFailures()).isEmpty();
        assertThat(meanwhile.absentIds()).isEmpty();
        assertThat(meters.get("rostersync.extractor.drops.being.written")
                        .tag("source", "folder")
                        .counter()
                        .count())
                .isEqualTo(1.0);

        moving.set(false);
        SourceRead still = guarded.read(tenant);
        assertThat(ids(still.recordsOf("SA"))).contains("PERSON/U1").doesNotContain("PERSON/U2", "PERSON/U3");
    }

    @Test
    void aDropFoundMidWriteByEveryCycleForAQuarterOfAnHourIsReportedAndAWholeReadStartsTheCountAgain()
            throws Exception {
        Drops.goodDropIn(dir);
        MutableClock clock = new MutableClock(Instant.parse("2026-12-06T08:00:00Z"));
        AtomicBoolean moving = new AtomicBoolean();
        DropFetcher fetcher = midWriteWhile(moving);
        CsvDropRosterSource guarded = new CsvDropRosterSource(
                fetcher,
                tenant -> {
                    throw new AssertionError("no SFTP here");
                },
                clock,
                CsvDropRosterSource.DEFAULT_REREAD_EVERY,
                new SimpleMeterRegistry());
        Tenant tenant = Tenants.folderDrop("anne", dir.toString(), List.of("SA"));
        guarded.read(tenant).commit().run();

        moving.set(true);
        assertThat(guarded.read(tenant).recordsBySchool()).isEmpty();
        clock.advance(Duration.ofMinutes(14));
        assertThat(guarded.read(tenant).recordsBySchool()).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        assertThatThrownBy(() -> guarded.read(tenant)).isInstanceOfSatisfying(SourceFailure.class, failure -> {
            assertThat(failure.reason()).isEqualTo(OutcomeReason.SOURCE_UNAVAILABLE);
            assertThat(failure.getMessage()).contains("tenant anne", "users.csv", "for 15 minutes or more");
        });
        clock.advance(Duration.ofMinutes(7));
        String first = catchThrowable(() -> guarded.read(tenant)).getMessage();
        clock.advance(Duration.ofMinutes(1));
        assertThat(catchThrowable(() -> guarded.read(tenant)))
                .as("one incident: the same message every cycle")
                .hasMessage(first);

        moving.set(false);
        Drops.write(dir, "courses.csv", Drops.goodText("courses.csv") + "\r\n");
        guarded.read(tenant).commit().run();
        moving.set(true);
        clock.advance(Duration.ofMinutes(14));
        assertThat(guarded.read(tenant).recordsBySchool()).isEmpty();
    }

    @Test
    void aDropChangingWhileItIsReadWithNoReadToStandOnIsTheSourceUnavailableNamingTheFile() {
        Drops.goodDropIn(dir);
        CsvDropRosterSource guarded = new CsvDropRosterSource(
                tenant -> {
                    throw new DropBeingWritten(tenant.id(), dir.toString(), "users.csv");
                },
                tenant -> {
                    throw new AssertionError("no SFTP here");
                });

        assertThatThrownBy(() -> guarded.read(Tenants.folderDrop("anne", dir.toString(), List.of("SA"))))
                .isInstanceOfSatisfying(SourceFailure.class, failure -> {
                    assertThat(failure.reason()).isEqualTo(OutcomeReason.SOURCE_UNAVAILABLE);
                    assertThat(failure.getMessage()).contains("tenant anne", "users.csv", "still being written");
                });
    }

    @Test
    void anUnchangedDropIsNotReadAgainButItsFileProblemsStillStand() throws Exception {
        Drops.goodDropIn(dir);
        Drops.write(dir, "courses.csv", "");
        SourceRead first = read(dir);
        assertThat(first.complete()).isTrue();
        first.commit().run();

        SourceRead unchanged = read(dir);

        assertThat(unchanged.complete()).isFalse();
        assertThat(unchanged.recordsBySchool()).isEmpty();
        assertThat(unchanged.absentIdsOf("SA", (type, each) -> each.accept("anything")))
                .isEmpty();
        assertThat(unchanged.foundSchoolIds()).containsExactly("SA");
        assertThat(unchanged.fileFailures()).isEqualTo(first.fileFailures()).isNotEmpty();

        Drops.write(dir, "courses.csv", Drops.goodText("courses.csv"));
        SourceRead fixed = read(dir);
        assertThat(fixed.unread()).doesNotContain(EntityType.COURSE, EntityType.TERM);
        assertThat(fixed.carriedForward()).isEmpty();
        assertThat(fixed.fileFailures()).isEmpty();
    }

    @Test
    void aDropWhoseReadWasNotPublishedIsReadAgainAndSoIsAnyDropAfterRereadEvery() throws Exception {
        Drops.goodDropIn(dir);
        read(dir);
        assertThat(read(dir).complete())
                .as("the first read was never committed")
                .isTrue();

        CsvDropRosterSource hourly = new CsvDropRosterSource(
                new FolderDropFetcher(),
                tenant -> {
                    throw new AssertionError("no SFTP here");
                },
                java.time.Clock.systemUTC(),
                java.time.Duration.ZERO,
                new SimpleMeterRegistry());
        Tenant tenant = Tenants.folderDrop("st-anne", dir.toString(), List.of("SA"));
        hourly.read(tenant).commit().run();
        assertThat(hourly.read(tenant).complete()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "empty file|''|file is empty",
                "wrong header|'sourcedId,givenName\r\nU1,Tom\r\n'|wrong header",
                "not csv|'\"sourcedId,enabledUser\r\n'|not valid CSV"
            })
    void failedFileIsReportedAndItsTypeCarriedForwardWhileOthersAreRead(String name, String content, String reason)
            throws SourceFailure {
        Drops.write(Drops.goodDropIn(dir), "users.csv", content.replace("\\r\\n", "\r\n"));

        SourceRead read = read(dir);

        assertThat(read.fileFailures()).singleElement().satisfies(failure -> {
            assertThat(failure.file()).isEqualTo("users.csv");
            assertThat(failure.reason()).contains(reason);
        });
        assertThat(read.carriedForward()).contains(EntityType.PERSON, EntityType.DEMOGRAPHICS);
        assertThat(ids(read.recordsOf("SA"))).doesNotContain("PERSON/U1").contains("ENROLLMENT/N1", "SECTION/KA");
    }

    @Test
    void fileThatIsNotUtf8IsReported() throws Exception {
        Files.write(Drops.goodDropIn(dir).resolve("courses.csv"), new byte[] {(byte) 0xC3, (byte) 0x28, 'a', '\n'});

        SourceRead read = read(dir);

        assertThat(read.fileFailures()).containsExactly(new FileFailure("courses.csv", 0, null, "not UTF-8 text"));
        assertThat(read.carriedForward()).containsExactly(EntityType.COURSE);
    }

    @Test
    void unknownFileNameIsReportedAndTheRestIsRead() throws SourceFailure {
        Drops.write(Drops.goodDropIn(dir), "teachers.csv", "a,b\r\n1,2\r\n");

        SourceRead read = read(dir);

        assertThat(read.fileFailures())
                .extracting(FileFailure::file, FileFailure::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "teachers.csv", "unknown file name for a OneRoster 1.1 drop"));
        assertThat(read.carriedForward()).isEmpty();
        assertThat(read.recordsOf("SA")).hasSize(11);
    }

    @Test
    void brokenRowsAreReportedWithLineAndFieldAndCarriedForward() throws SourceFailure {
        String users = Drops.goodText("users.csv")
                .replace("U2,,,true,SA,student", "U2,,,true,SA,wizard")
                .replace("U3,,,true,SA,student,sam,,Sam,Ng,,2,,,,,06,", "U3,,,true,SA");
        Drops.write(Drops.goodDropIn(dir), "users.csv", users);

        SourceRead read = read(dir);

        assertThat(read.fileFailures())
                .extracting(FileFailure::file, FileFailure::line, FileFailure::field)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("users.csv", 3L, "role"),
                        org.assertj.core.groups.Tuple.tuple("users.csv", 4L, null));
        assertThat(read.carriedForwardIds()).containsEntry(EntityType.PERSON, Set.of("U2"));
        assertThat(read.carriedForward()).contains(EntityType.PERSON);
        assertThat(read.fileFailures().toString()).doesNotContain("wizard", "Sam");
    }

    @Test
    void missingFileIsAFailureUnlessTheManifestSaysAbsent() throws IOException, SourceFailure {
        Files.delete(Drops.goodDropIn(dir).resolve("enrollments.csv"));

        SourceRead read = read(dir);

        assertThat(read.fileFailures()).extracting(FileFailure::file).containsExactly("enrollments.csv");
        assertThat(read.carriedForward()).containsExactly(EntityType.ENROLLMENT);
    }

    @Test
    void oneZipIsReadLikePlainFiles() throws Exception {
        Files.createDirectories(dir);
        Files.write(dir.resolve("anne.zip"), Drops.zipOfGoodFiles("export/"));

        SourceRead read = read(dir);

        assertThat(read.fileFailures()).isEmpty();
        assertThat(read.recordsOf("SA")).hasSize(11);
    }

    @Test
    void brokenZipCarriesEverythingForward() throws Exception {
        Files.createDirectories(dir);
        Files.write(dir.resolve("anne.zip"), "not a zip".getBytes());

        SourceRead read = read(dir);

        assertThat(read.fileFailures()).extracting(FileFailure::file).contains("anne.zip");
        assertThat(read.carriedForward()).contains(EntityType.SCHOOL, EntityType.PERSON, EntityType.ENROLLMENT);
        assertThat(read.foundSchoolIds())
                .as("schools unknown, so none counts as missing")
                .isNull();
    }

    @Test
    void missingFolderIsSourceUnavailable() {
        assertThatThrownBy(() -> read(dir.resolve("nowhere")))
                .isInstanceOfSatisfying(SourceFailure.class, failure -> assertThat(failure.reason())
                        .isEqualTo(OutcomeReason.SOURCE_UNAVAILABLE));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {"header only|''", "header, then blank lines|'\r\n\r\n'", "byte order mark and CRLF|BOM"})
    void aHeaderOnlyFileIsAFileFailureAndItsTypeAndDependentsAreCarriedForward(String name, String after)
            throws SourceFailure {
        String header = Drops.headerOnly("users.csv");
        String content = "BOM".equals(after) ? "\uFEFF" + header : header + after.replace("\\r\\n", "\r\n");
        Drops.write(Drops.goodDropIn(dir), "users.csv", content);

        SourceRead read = read(dir);

        assertThat(read.fileFailures()).singleElement().satisfies(failure -> {
            assertThat(failure.file()).isEqualTo("users.csv");
            assertThat(failure.reason()).startsWith("users.csv has a header and no rows");
        });
        assertThat(read.carriedForward()).containsExactlyInAnyOrder(EntityType.PERSON, EntityType.DEMOGRAPHICS);
        assertThat(ids(read.recordsOf("SA"))).contains("ENROLLMENT/N1", "SECTION/KA");
    }

    @Test
    void aWholeDropOfHeaderOnlyFilesFailsEveryFileAndCarriesEveryType() throws SourceFailure {
        Drops.goodDropIn(dir);
        for (String file : Drops.GOOD_FILES) {
            if (!file.equals("manifest.csv")) {
                Drops.write(dir, file, Drops.headerOnly(file));
            }
        }

        SourceRead read = read(dir);

        assertThat(read.fileFailures())
                .extracting(FileFailure::file)
                .containsExactlyInAnyOrder(
                        "orgs.csv",
                        "academicSessions.csv",
                        "courses.csv",
                        "classes.csv",
                        "users.csv",
                        "enrollments.csv");
        assertThat(read.carriedForward())
                .contains(
                        EntityType.SCHOOL,
                        EntityType.TERM,
                        EntityType.COURSE,
                        EntityType.SECTION,
                        EntityType.PERSON,
                        EntityType.ENROLLMENT,
                        EntityType.DEMOGRAPHICS);
        assertThat(read.foundSchoolIds())
                .as("orgs.csv failed: no school counts as missing")
                .isNull();
    }

    @Test
    void aHeaderOnlyFileTheTenantAllowsToBeEmptyIsReadAsEmpty() throws SourceFailure {
        Drops.write(Drops.goodDropIn(dir), "courses.csv", Drops.headerOnly("courses.csv"));

        SourceRead read = source.read(
                Tenants.allowingEmpty(Tenants.folderDrop("st-anne", dir.toString(), List.of("SA")), "courses"));

        assertThat(read.fileFailures()).isEmpty();
        assertThat(read.carriedForward()).isEmpty();
        assertThat(ids(read.recordsOf("SA"))).doesNotContain("COURSE/CA").contains("SECTION/KA");
    }

    @Test
    void extensionColumnsAndOrgsOfEveryTypeAreReadAndEveryValidRowIsSynced() throws SourceFailure {
        SourceRead read = read(Drops.extendedDropIn(dir));

        assertThat(read.fileFailures()).isEmpty();
        assertThat(read.carriedForward()).isEmpty();
        assertThat(read.foundSchoolIds()).containsExactly("SA");
        assertThat(ids(read.recordsOf("SA"))).hasSize(11).contains("SCHOOL/SA", "PERSON/U1", "PERSON/U2", "PERSON/U3");
        School school = find(read, "SA", School.class, "SA");
        assertThat(school.metadata()).containsExactly(java.util.Map.entry("city", "Lakeside"));
        assertThat(school.districtSourcedId()).isEqualTo("D1");
        assertThat(find(read, "SA", Person.class, "U3").metadata())
                .containsOnly(java.util.Map.entry("phoneticGivenName", "sam"), java.util.Map.entry("pronouns", "they"));
        assertThat(find(read, "SA", Person.class, "U2").metadata())
                .as("blank extension cells are not data")
                .isEmpty();
    }

    @Test
    void aConfiguredSchoolTypedAsAnotherKindOfOrgIsNamedAndNotASchool() throws SourceFailure {
        Drops.writeEdited(Drops.goodDropIn(dir), "orgs.csv", ",school,", ",department,");

        SourceRead read = read(dir);

        assertThat(read.foundSchoolIds()).isEmpty();
        assertThat(read.fileFailures()).singleElement().satisfies(failure -> {
            assertThat(failure.file()).isEqualTo("orgs.csv");
            assertThat(failure.line()).isEqualTo(3);
            assertThat(failure.field()).isEqualTo("type");
            assertThat(failure.reason()).contains("SA", "department", "only school orgs");
        });
    }

    @Test
    void aSchoolWhoseParentIsNotADistrictIsWrittenWithoutADistrict() throws SourceFailure {
        Drops.writeEdited(Drops.extendedDropIn(dir), "orgs.csv", "district", "state");

        SourceRead read = read(dir);

        assertThat(read.fileFailures()).isEmpty();
        assertThat(find(read, "SA", School.class, "SA").districtSourcedId()).isNull();
    }

    @Test
    void aChangedUsersFileIsReadWithoutTheUnchangedEnrollmentsWhoseRecordsStand() throws Exception {
        Drops.goodDropIn(dir);
        read(dir).commit().run();
        String users = Drops.goodText("users.csv");
        Drops.write(dir, "users.csv", users.replace("U3,,,true,SA,student,sam,,Sam,Ng,,2,,,,,06,\r\n", ""));

        SourceRead usersOnly = read(dir);

        assertThat(usersOnly.complete()).isFalse();
        assertThat(usersOnly.unread())
                .containsExactlyInAnyOrder(
                        EntityType.TERM, EntityType.COURSE, EntityType.SECTION, EntityType.ENROLLMENT);
        assertThat(ids(usersOnly.recordsOf("SA"))).containsExactlyInAnyOrder("SCHOOL/SA", "PERSON/U1", "PERSON/U2");
        Map<EntityType, List<String>> published = Map.of(
                EntityType.SCHOOL, List.of("SA"),
                EntityType.PERSON, List.of("U1", "U2", "U3"),
                EntityType.ENROLLMENT, List.of("N1", "N2", "N3"));
        assertThat(usersOnly.absentIdsOf(
                        "SA",
                        (type, each) -> published.getOrDefault(type, List.of()).forEach(each)))
                .as("U3 left users.csv; the enrollments were not read, so none of them is gone")
                .isEqualTo(Map.of(EntityType.PERSON, Set.of("U3")));
    }

    @Test
    void aFileProblemOfAnUnreadFileStillStandsAndItsTypeStaysCarriedForward() throws Exception {
        Drops.goodDropIn(dir);
        Drops.write(dir, "enrollments.csv", Drops.headerOnly("enrollments.csv"));
        Drops.writeEdited(dir, "courses.csv", "CA,,,Y27,Art", "CA,,,Y27,Art,too,many,columns,here,x,y");
        SourceRead first = read(dir);
        assertThat(first.carriedForward()).contains(EntityType.ENROLLMENT, EntityType.COURSE);
        first.commit().run();
        Drops.writeEdited(dir, "users.csv", "Park", "Parker");

        SourceRead usersOnly = read(dir);

        assertThat(usersOnly.unread()).contains(EntityType.ENROLLMENT, EntityType.COURSE);
        assertThat(usersOnly.carriedForward()).containsAll(first.carriedForward());
        assertThat(usersOnly.fileFailures()).containsExactlyInAnyOrderElementsOf(first.fileFailures());
        usersOnly.commit().run();

        Drops.write(dir, "enrollments.csv", Drops.goodText("enrollments.csv"));
        SourceRead fixed = read(dir);
        assertThat(fixed.unread()).doesNotContain(EntityType.ENROLLMENT).contains(EntityType.PERSON);
        assertThat(fixed.carriedForward()).doesNotContain(EntityType.ENROLLMENT).contains(EntityType.COURSE);
        assertThat(fixed.fileFailures()).extracting(FileFailure::file).containsExactly("courses.csv");
    }

    @Test
    void aChangedClassesFileReadsTheEnrollmentsAndTermsMadeFromItAgain() throws Exception {
        Drops.goodDropIn(dir);
        read(dir).commit().run();
        Drops.writeEdited(dir, "classes.csv", "Art 1", "Art One");

        SourceRead classes = read(dir);

        assertThat(classes.unread()).containsExactlyInAnyOrder(EntityType.PERSON, EntityType.DEMOGRAPHICS);
        assertThat(ids(classes.recordsOf("SA")))
                .containsExactlyInAnyOrder(
                        "SCHOOL/SA",
                        "TERM/Y27",
                        "TERM/F26",
                        "COURSE/CA",
                        "SECTION/KA",
                        "ENROLLMENT/N1",
                        "ENROLLMENT/N2",
                        "ENROLLMENT/N3");
    }

    @Test
    void readsThatLeaveFilesUnreadDoNotPutOffTheHourlyReadOfTheWholeDrop() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-02T08:00:00Z"));
        CsvDropRosterSource hourly = new CsvDropRosterSource(
                new FolderDropFetcher(),
                tenant -> {
                    throw new AssertionError("no SFTP here");
                },
                clock,
                Duration.ofHours(1),
                new SimpleMeterRegistry());
        Tenant tenant = Tenants.folderDrop("st-anne", Drops.goodDropIn(dir).toString(), List.of("SA"));
        hourly.read(tenant).commit().run();
        String users = Drops.goodText("users.csv");

        clock.advance(Duration.ofMinutes(40));
        Drops.write(dir, "users.csv", users.replace("Park", "Parker"));
        SourceRead partial = hourly.read(tenant);
        assertThat(partial.complete()).isFalse();
        partial.commit().run();

        clock.advance(Duration.ofMinutes(30));
        Drops.write(dir, "users.csv", users.replace("Park", "Parks"));
        assertThat(hourly.read(tenant).complete())
                .as("70 minutes after the last read of every file")
                .isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "manifest.csv|file.demographics,absent|file.demographics,bulk",
                "notes.txt|||",
            })
    void aChangedManifestOrAFileComingOrGoingReadsTheWholeDrop(String file, String from, String to) throws Exception {
        Drops.goodDropIn(dir);
        read(dir).commit().run();
        if (from == null) {
            Drops.write(dir, file, "not a roster");
        } else {
            Drops.writeEdited(dir, file, from, to);
        }

        assertThat(read(dir).complete()).isTrue();
    }

    private SourceRead read(Path folder) throws SourceFailure {
        return source.read(Tenants.folderDrop("st-anne", folder.toString(), List.of("SA")));
    }

    private static List<String> ids(List<RosterRecord> records) {
        return records.stream().map(r -> r.entityType() + "/" + r.sourcedId()).toList();
    }

    private static <T extends RosterRecord> T find(SourceRead read, String school, Class<T> type, String id) {
        return read.recordsOf(school).stream()
                .filter(type::isInstance)
                .map(type::cast)
                .filter(r -> r.sourcedId().equals(id))
                .findFirst()
                .orElseThrow();
    }

    /** The folder's own fetcher, except that while {@code moving} holds it finds users.csv being written. */
    private DropFetcher midWriteWhile(AtomicBoolean moving) {
        FolderDropFetcher folder = new FolderDropFetcher();
        return new DropFetcher() {
            @Override
            public Map<String, byte[]> fetch(Tenant tenant) throws SourceFailure, DropBeingWritten {
                return fetchIfChanged(tenant, null).orElseThrow().files();
            }

            @Override
            public Optional<Drop> fetchIfChanged(Tenant tenant, String knownListing)
                    throws SourceFailure, DropBeingWritten {
                if (moving.get()) {
                    throw new DropBeingWritten(tenant.id(), dir.toString(), "users.csv");
                }
                return folder.fetchIfChanged(tenant, knownListing);
            }
        };
    }
}
