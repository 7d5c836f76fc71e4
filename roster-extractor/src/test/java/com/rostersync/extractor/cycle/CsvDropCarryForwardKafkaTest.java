package com.rostersync.extractor.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.rostersync.events.EntityType;
import com.rostersync.events.Topics;
import com.rostersync.events.cycle.ChangeKind;
import com.rostersync.events.cycle.CycleCompleted;
import com.rostersync.events.cycle.RecordChanged;
import com.rostersync.events.cycle.RosterChangeEvent;
import com.rostersync.events.outcome.FileFailure;
import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.events.outcome.SyncOutcome;
import com.rostersync.extractor.source.csv.CsvDropRosterSource;
import com.rostersync.extractor.source.csv.FolderDropFetcher;
import com.rostersync.extractor.support.Drops;
import com.rostersync.extractor.support.ExtractorHarness;
import com.rostersync.extractor.support.PausingWriter;
import com.rostersync.extractor.support.Tenants;
import com.rostersync.extractor.support.TopicReader;
import com.rostersync.tenants.Tenant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/** A bad file in a drop never becomes a deletion downstream, and the next good drop recovers by itself. */
@EmbeddedKafka(
        partitions = 1,
        topics = {Topics.ROSTER_CHANGES, Topics.EXTRACTOR_STATE, Topics.OUTCOMES})
class CsvDropCarryForwardKafkaTest {

    static final Duration SETTLE = Duration.ofMillis(300);

    /** Far longer than the pauses of the test's writer, so that only a stall of the machine shows it finished. */
    static final Duration WRITER_SETTLE = Duration.ofSeconds(1);

    @TempDir
    Path dir;

    String bootstrap;
    ExtractorHarness extractor;
    TopicReader<RosterChangeEvent> changes;
    Tenant tenant;

    @BeforeEach
    void firstGoodCycle(EmbeddedKafkaBroker broker, org.junit.jupiter.api.TestInfo test) {
        bootstrap = broker.getBrokersAsString();
        extractor = extractorSettling(SETTLE);
        changes = new TopicReader<>(bootstrap, Topics.ROSTER_CHANGES, RosterChangeEvent.class);
        tenant = Tenants.folderDrop(
                "anne-" + test.getTestMethod().orElseThrow().getName(),
                Drops.goodDropIn(dir).toString(),
                List.of("SA"));
        assertThat(extractor.cycle.run(tenant).reason()).isEqualTo(OutcomeReason.CYCLE_COMPLETED);
        assertThat(changes.newValues(this::ours)).hasSize(12);
    }

    @AfterEach
    void tearDown() {
        extractor.close();
        changes.close();
    }

    @Test
    void failedFileIsCarriedForwardNotDeletedAndTheNextGoodDropRecovers() {
        Drops.write(dir, "users.csv", "sourcedId,nickname\r\nU1,T\r\n");

        SyncOutcome failed = extractor.cycle.run(tenant);

        assertThat(failed.reason()).isEqualTo(OutcomeReason.FILE_FAILED);
        assertThat(failed.fileFailures()).extracting(FileFailure::file).containsExactly("users.csv");
        List<RosterChangeEvent> events = changes.newValues(this::ours);
        assertThat(events).noneMatch(e -> e instanceof RecordChanged);
        assertThat(extractor.state.school(tenant.id(), "SA").ids(EntityType.PERSON))
                .hasSize(3);

        Drops.write(dir, "users.csv", Drops.goodText("users.csv"));
        SyncOutcome recovered = extractor.cycle.run(tenant);
        assertThat(recovered.reason()).isEqualTo(OutcomeReason.CYCLE_COMPLETED);
        assertThat(recovered.fileFailures()).isEmpty();
        assertThat(changes.newValues(this::ours)).isEmpty();
    }

    @Test
    void aUsersFileRewrittenInPlaceWhileCyclesRunNeverPublishesTheStudentsNotWrittenYetAsDeleted() throws Exception {
        // Restarted before its first read of the drop: a source without a read to stand on reports a drop mid-write.
        extractor.close();
        extractor = extractorSettling(WRITER_SETTLE);
        String header = Drops.headerOnly("users.csv");
        StringBuilder students = new StringBuilder();
        for (int n = 100; n < 300; n++) {
            students.append("U")
                    .append(n)
                    .append(",,,true,SA,student,s")
                    .append(n)
                    .append(",,A,B,,,,,,,05,\r\n");
        }
        String rows = Drops.goodText("users.csv").substring(header.length()) + students;
        Drops.write(dir, "users.csv", header + rows);
        SyncOutcome grown = extractor.cycle.run(tenant);
        assertThat(grown.fileFailures()).isEmpty();
        assertThat(grown.reason()).isEqualTo(OutcomeReason.CYCLE_COMPLETED);
        assertThat(changes.newValues(this::ours))
                .filteredOn(RecordChanged.class::isInstance)
                .hasSize(200);

        // The export job rewrites the file in place, a few whole rows at a time: every pause leaves a valid file
        // that is missing the rows still to come, which read as deletions.
        String renamed = rows.replace("U150,,,true,SA,student,s150,,A,B", "U150,,,true,SA,student,s150,,A,C");
        List<String> pieces = new ArrayList<>(List.of(header));
        String[] lines = renamed.split("(?<=\r\n)");
        for (int line = 0; line < lines.length; line += 3) {
            pieces.add(String.join("", Arrays.asList(lines).subList(line, Math.min(line + 3, lines.length))));
        }
        PausingWriter writer = PausingWriter.start(
                dir.resolve("users.csv"), pieces, Duration.ofMillis(40), StandardOpenOption.TRUNCATE_EXISTING);
        List<OutcomeReason> whileWriting = new ArrayList<>();
        while (writer.isWriting()) {
            whileWriting.add(extractor.cycle.run(tenant).reason());
        }
        writer.join();
        SyncOutcome settled = extractor.cycle.run(tenant);

        assumeTrue(
                writer.pausedWellWithin(WRITER_SETTLE),
                "the writer thread itself stalled for " + writer.longestGap() + " on this machine");
        assertThat(whileWriting).hasSizeGreaterThan(1).containsOnly(OutcomeReason.CYCLE_COMPLETED);
        assertThat(settled.reason()).isEqualTo(OutcomeReason.CYCLE_COMPLETED);
        assertTheOnlyRecordChangeIsAnUpsertOf("U150");
        assertThat(extractor.state.school(tenant.id(), "SA").ids(EntityType.PERSON))
                .hasSize(203);
    }

    @Test
    void failedFilesTypeIsListedAsCarriedForwardOnTheCycleCompleted() {
        Drops.write(dir, "users.csv", "");
        Drops.writeEdited(dir, "classes.csv", "Art 1", "Art One");

        extractor.cycle.run(tenant);

        List<RosterChangeEvent> events = changes.newValues(this::ours);
        assertThat(events).hasSize(2);
        assertThat(((RecordChanged) events.get(0)).kind()).isEqualTo(ChangeKind.UPSERT);
        assertThat(((CycleCompleted) events.get(1)).carriedForward()).contains(EntityType.PERSON);
        assertThat(((CycleCompleted) events.get(1))
                        .counts()
                        .get(EntityType.PERSON)
                        .total())
                .isEqualTo(3);
    }

    @Test
    void brokenRowKeepsItsRecordWhileRealDeletionsInOtherFilesGoThrough() {
        Drops.writeEdited(dir, "users.csv", "U2,,,true,SA,student", "U2,,,maybe,SA,student");
        Drops.writeEdited(dir, "enrollments.csv", "N3,,,KA,SA,U3,student,,,\r\n", "");

        SyncOutcome outcome = extractor.cycle.run(tenant);

        assertThat(outcome.fileFailures()).singleElement().satisfies(f -> {
            assertThat(f.file()).isEqualTo("users.csv");
            assertThat(f.line()).isEqualTo(3);
            assertThat(f.field()).isEqualTo("enabledUser");
        });
        List<RecordChanged> records = newRecordChanges();
        assertThat(records).singleElement().satisfies(delete -> {
            assertThat(delete.kind()).isEqualTo(ChangeKind.DELETE);
            assertThat(delete.sourcedId()).isEqualTo("N3");
        });
    }

    @Test
    void aHeaderOnlyUsersFileIsOneFileFailureNamingItAndPublishesNoDeletion() {
        Drops.write(dir, "users.csv", "\uFEFF" + Drops.headerOnly("users.csv"));

        SyncOutcome failed = extractor.cycle.run(tenant);

        assertThat(failed.reason()).isEqualTo(OutcomeReason.FILE_FAILED);
        assertThat(failed.fileFailures()).singleElement().satisfies(f -> {
            assertThat(f.file()).isEqualTo("users.csv");
            assertThat(f.reason()).contains("users.csv has a header and no rows");
        });
        assertThat(failed.counts()).containsEntry("deleted", 0L);
        assertThat(changes.newValues(this::ours)).noneMatch(e -> e instanceof RecordChanged);
        assertThat(extractor.state.school(tenant.id(), "SA").ids(EntityType.PERSON))
                .hasSize(3);
    }

    @Test
    void aStudentLeavingUsersCsvBesideAnUntouchedEnrollmentsFileIsOneDeletionAndNoFullRead() {
        Drops.writeEdited(dir, "users.csv", "U3,,,true,SA,student,sam,,Sam,Ng,,2,,,,,06,\r\n", "");

        SyncOutcome outcome = extractor.cycle.run(tenant);

        assertThat(outcome.reason()).isEqualTo(OutcomeReason.CYCLE_COMPLETED);
        assertThat(outcome.counts()).containsEntry("deleted", 1L).containsEntry("upserted", 0L);
        List<RosterChangeEvent> events = changes.newValues(this::ours);
        assertThat(events).hasSize(2);
        assertThat((RecordChanged) events.get(0)).satisfies(delete -> {
            assertThat(delete.kind()).isEqualTo(ChangeKind.DELETE);
            assertThat(delete.entityType()).isEqualTo(EntityType.PERSON);
            assertThat(delete.sourcedId()).isEqualTo("U3");
        });
        CycleCompleted marker = (CycleCompleted) events.get(1);
        assertThat(marker.wasFullRead())
                .as("a discarded enrollment change must not come back from a read that did not read enrollments")
                .isFalse();
        assertThat(marker.counts().get(EntityType.ENROLLMENT).total()).isEqualTo(3);
        assertThat(extractor.state.school(tenant.id(), "SA").ids(EntityType.ENROLLMENT))
                .containsExactlyInAnyOrder("N1", "N2", "N3");
    }

    @Test
    void aHeaderOnlyEnrollmentsFileBesideUntouchedUsersDeletesNothingAndNamesTheFileOnEveryCycle() {
        Drops.write(dir, "enrollments.csv", Drops.headerOnly("enrollments.csv"));
        SyncOutcome failed = extractor.cycle.run(tenant);
        Drops.writeEdited(dir, "users.csv", "Park", "Parker");

        SyncOutcome next = extractor.cycle.run(tenant);

        for (SyncOutcome outcome : List.of(failed, next)) {
            assertThat(outcome.reason()).isEqualTo(OutcomeReason.FILE_FAILED);
            assertThat(outcome.fileFailures()).extracting(FileFailure::file).containsExactly("enrollments.csv");
            assertThat(outcome.counts()).containsEntry("deleted", 0L);
        }
        assertTheOnlyRecordChangeIsAnUpsertOf("U2");
        assertThat(extractor.state.school(tenant.id(), "SA").ids(EntityType.ENROLLMENT))
                .hasSize(3);
    }

    @Test
    void aWholeDropOfHeaderOnlyFilesDeletesNothing() {
        for (String file : Drops.GOOD_FILES) {
            if (!file.equals("manifest.csv")) {
                Drops.write(dir, file, Drops.headerOnly(file));
            }
        }

        SyncOutcome failed = extractor.cycle.run(tenant);

        assertThat(failed.reason()).isEqualTo(OutcomeReason.FILE_FAILED);
        assertThat(failed.fileFailures()).hasSize(6);
        assertThat(failed.counts()).containsEntry("deleted", 0L);
        assertThat(changes.newValues(this::ours)).noneMatch(e -> e instanceof RecordChanged);
    }

    @Test
    void aHeaderOnlyFileTheTenantAllowsToBeEmptyReallyEmptiesTheType() {
        Tenant allowing = Tenants.allowingEmpty(tenant, "enrollments");
        Drops.write(dir, "enrollments.csv", Drops.headerOnly("enrollments.csv"));

        SyncOutcome outcome = extractor.cycle.run(allowing);

        assertThat(outcome.reason()).isEqualTo(OutcomeReason.CYCLE_COMPLETED);
        assertThat(changes.newValues(this::ours))
                .filteredOn(RecordChanged.class::isInstance)
                .extracting(e -> ((RecordChanged) e).kind() + " " + ((RecordChanged) e).sourcedId())
                .containsExactly("DELETE N1", "DELETE N2", "DELETE N3");
    }

    @Test
    void aUsersFileWithRowsOnlyForAnotherSchoolIsAFailureNamingTheSchoolAndStaysOneWhileTheDropIsUnchanged() {
        Drops.writeEdited(dir, "users.csv", ",SA,", ",OTHER,");

        SyncOutcome failed = extractor.cycle.run(tenant);

        assertThat(failed.reason()).isEqualTo(OutcomeReason.FILE_FAILED);
        assertThat(failed.fileFailures()).singleElement().satisfies(f -> {
            assertThat(f.file()).isEqualTo("users.csv");
            assertThat(f.reason()).contains("school SA", "had 3 users published", "carried forward");
        });
        assertThat(changes.newValues(this::ours)).noneMatch(e -> e instanceof RecordChanged);

        SyncOutcome again = extractor.cycle.run(tenant);
        assertThat(again.reason()).isEqualTo(OutcomeReason.FILE_FAILED);
        assertThat(again.fileFailures()).isEqualTo(failed.fileFailures());
        assertThat(changes.newValues(this::ours)).isEmpty();
    }

    @Test
    void extensionColumnsRepublishOnlyTheRecordsThatCarryThem() {
        Drops.extendedDropIn(dir);

        SyncOutcome outcome = extractor.cycle.run(tenant);

        assertThat(outcome.reason()).isEqualTo(OutcomeReason.CYCLE_COMPLETED);
        assertThat(outcome.fileFailures()).isEmpty();
        assertThat(changes.newValues(this::ours))
                .filteredOn(RecordChanged.class::isInstance)
                .extracting(e -> ((RecordChanged) e).kind() + " " + ((RecordChanged) e).sourcedId())
                .as("U2 has no extension values: its JSON, and so its hash, is what it was")
                .containsExactlyInAnyOrder("UPSERT SA", "UPSERT U1", "UPSERT U3");
    }

    @Test
    void aFileTheDropMarksAbsentAfterItsRecordsWerePublishedIsAFailureNotAnArchive() throws Exception {
        Files.delete(dir.resolve("users.csv"));
        Drops.writeEdited(dir, "manifest.csv", "file.users,bulk", "file.users,absent");

        SyncOutcome failed = extractor.cycle.run(tenant);

        assertThat(failed.reason()).isEqualTo(OutcomeReason.FILE_FAILED);
        assertThat(failed.fileFailures()).singleElement().satisfies(f -> {
            assertThat(f.file()).isEqualTo("users.csv");
            assertThat(f.reason()).contains("school SA", "had 3 users published");
        });
        assertThat(changes.newValues(this::ours)).noneMatch(e -> e instanceof RecordChanged);
    }

    /** The service's fetcher: a changed drop is taken once its newest file is {@code settle} old. */
    private ExtractorHarness extractorSettling(Duration settle) {
        CsvDropRosterSource source = new CsvDropRosterSource(new FolderDropFetcher(settle, Clock.systemUTC()), t -> {
            throw new AssertionError("folder drops only");
        });
        return new ExtractorHarness(bootstrap, t -> source);
    }

    private boolean ours(String key) {
        return key.startsWith(tenant.id() + "/");
    }

    /** The record changes (not the cycle markers) of ours published since the last look. */
    private List<RecordChanged> newRecordChanges() {
        return changes.newValues(this::ours).stream()
                .filter(RecordChanged.class::isInstance)
                .map(RecordChanged.class::cast)
                .toList();
    }

    private void assertTheOnlyRecordChangeIsAnUpsertOf(String sourcedId) {
        assertThat(newRecordChanges()).singleElement().satisfies(update -> {
            assertThat(update.kind()).isEqualTo(ChangeKind.UPSERT);
            assertThat(update.sourcedId()).isEqualTo(sourcedId);
        });
    }
}
