package com.rostersync.extractor.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.rostersync.events.EntityType;
import com.rostersync.events.Keys;
import com.rostersync.events.Topics;
import com.rostersync.events.cycle.ChangeCounts;
import com.rostersync.events.cycle.ChangeKind;
import com.rostersync.events.cycle.CycleCompleted;
import com.rostersync.events.cycle.RecordChanged;
import com.rostersync.events.cycle.RosterChangeEvent;
import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.events.outcome.Stage;
import com.rostersync.events.outcome.SyncOutcome;
import com.rostersync.events.roster.Person;
import com.rostersync.events.run.RunCounts;
import com.rostersync.events.run.RunRecorded;
import com.rostersync.extractor.source.RosterSource;
import com.rostersync.extractor.source.jdbc.JdbcRosterSource;
import com.rostersync.extractor.support.ExtractorHarness;
import com.rostersync.extractor.support.SisDatabase;
import com.rostersync.extractor.support.Tenants;
import com.rostersync.extractor.support.TopicReader;
import com.rostersync.tenants.ChangeTracking;
import com.rostersync.tenants.SecretResolver;
import com.rostersync.tenants.Tenant;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/** The extract cycle against a real broker: change detection, ordering, SCHOOLS_NOT_FOUND and restarts. */
@EmbeddedKafka(
        partitions = 1,
        topics = {Topics.ROSTER_CHANGES, Topics.EXTRACTOR_STATE, Topics.OUTCOMES, Topics.RUNS})
class ExtractCycleKafkaTest {

    private static final AtomicInteger TENANTS = new AtomicInteger();

    @TempDir
    Path dir;

    String bootstrap;
    SisDatabase sis;
    String tenantId;
    Function<Tenant, RosterSource> sources;
    TopicReader<RosterChangeEvent> changes;
    TopicReader<SyncOutcome> outcomes;
    TopicReader<String> state;
    ExtractorHarness extractor;

    @BeforeEach
    void setUp(EmbeddedKafkaBroker broker) {
        bootstrap = broker.getBrokersAsString();
        sis = SisDatabase.createIn(dir);
        tenantId = "district-" + TENANTS.incrementAndGet();
        JdbcRosterSource jdbc = new JdbcRosterSource(
                new SecretResolver(Map.of(Tenants.PASSWORD_REF, SisDatabase.PASSWORD), null), Duration.ofSeconds(5));
        sources = tenant -> jdbc;
        changes = new TopicReader<>(bootstrap, Topics.ROSTER_CHANGES, RosterChangeEvent.class);
        outcomes = new TopicReader<>(bootstrap, Topics.OUTCOMES, SyncOutcome.class);
        state = new TopicReader<>(bootstrap, Topics.EXTRACTOR_STATE, String.class);
        extractor = new ExtractorHarness(bootstrap, sources);
    }

    @AfterEach
    void tearDown() {
        extractor.close();
        changes.close();
        outcomes.close();
        state.close();
    }

    @Test
    void firstCyclePublishesEverySchoolsRecordsThenItsCycleCompleted() {
        SyncOutcome outcome = extractor.cycle.run(tenant(List.of("S1", "S2")));

        List<TopicReader.Keyed<RosterChangeEvent>> s1 =
                changes.newRecords(key -> key.equals(Keys.school(tenantId, "S1")));
        assertThat(s1).hasSize(10);
        assertThat(s1.subList(0, 9)).allSatisfy(e -> assertThat(e.value()).isInstanceOf(RecordChanged.class));
        CycleCompleted completed = (CycleCompleted) s1.get(9).value();
        assertThat(completed.counts())
                .containsEntry(EntityType.PERSON, new ChangeCounts(2, 2, 0))
                .containsEntry(EntityType.ENROLLMENT, new ChangeCounts(2, 2, 0));
        assertThat(s1).extracting(e -> e.value().cycleId()).containsOnly(completed.cycleId());
        assertThat(outcome.stage()).isEqualTo(Stage.EXTRACT);
        assertThat(outcome.reason()).isEqualTo(OutcomeReason.CYCLE_COMPLETED);
        assertThat(outcome.counts()).containsEntry("upserted", 18L);
        assertThat(outcomes.newValues(key -> key.equals(tenantId))).containsExactly(outcome);
        assertThat(state.newRecords(key -> key.startsWith(tenantId + "/"))).hasSize(18);
    }

    @Test
    void unchangedSourcePublishesNoEventsAndOneChangePublishesOneUpsert() {
        Tenant tenant = tenant(List.of("S1", "S2"));
        extractor.cycle.run(tenant);
        changes.newValues(this::ours);

        SyncOutcome quiet = extractor.cycle.run(tenant);
        assertThat(changes.newValues(this::ours)).isEmpty();
        assertThat(quiet.reason()).isEqualTo(OutcomeReason.CYCLE_COMPLETED);

        sis.execute("update people set family_name = 'Jones-Smith' where person_id = 'P2'");
        extractor.cycle.run(tenant);
        List<RosterChangeEvent> events = changes.newValues(this::ours);
        assertThat(events).hasSize(2);
        RecordChanged upsert = (RecordChanged) events.get(0);
        assertThat(upsert.kind()).isEqualTo(ChangeKind.UPSERT);
        assertThat(((Person) upsert.record()).familyName()).isEqualTo("Jones-Smith");
        assertThat(((CycleCompleted) events.get(1)).counts().get(EntityType.PERSON))
                .isEqualTo(new ChangeCounts(2, 1, 0));
    }

    @Test
    void cyclesThatChangedSomethingAreRecordedInTheSyncHistoryKeyedByTenant() {
        Tenant tenant = tenant(List.of("S1", "S2"));
        try (TopicReader<RunRecorded> runs = new TopicReader<>(bootstrap, Topics.RUNS, RunRecorded.class)) {
            SyncOutcome first = extractor.cycle.run(tenant);
            extractor.cycle.run(tenant);
            sis.execute("update people set family_name = 'Jones-Smith' where person_id = 'P2'");
            extractor.cycle.run(tenant);

            List<RunRecorded> recorded = runs.newValues(key -> key.equals(tenantId));
            assertThat(recorded).as("the quiet second cycle is not recorded").hasSize(2);
            assertThat(recorded.get(0).stage()).isEqualTo(Stage.EXTRACT);
            assertThat(recorded.get(0).reason()).isEqualTo(first.reason());
            assertThat(recorded.get(0).counts()).isEqualTo(new RunCounts(18, 0, 0, 0, 0));
            assertThat(recorded.get(0).tenantCycle().schoolIds()).containsExactly("S1", "S2");
            assertThat(recorded.get(1).counts()).isEqualTo(new RunCounts(0, 1, 0, 0, 0));
            assertThat(recorded.get(1).message()).doesNotContain("Jones-Smith");
        }
    }

    @Test
    void deletedRowIsPublishedAsDeleteAndTombstoned() {
        Tenant tenant = tenant(List.of("S1"));
        extractor.cycle.run(tenant);
        changes.newValues(this::ours);
        state.newRecords(this::ours);

        sis.execute("delete from enrollments where enrollment_id = 'E2'");
        extractor.cycle.run(tenant);

        List<RosterChangeEvent> events = changes.newValues(this::ours);
        assertThat(events).hasSize(2);
        assertThat(events.get(0)).isInstanceOfSatisfying(RecordChanged.class, delete -> {
            assertThat(delete.kind()).isEqualTo(ChangeKind.DELETE);
            assertThat(delete.sourcedId()).isEqualTo("E2");
            assertThat(delete.record()).isNull();
        });
        assertThat(state.newRecords(this::ours)).singleElement().satisfies(entry -> {
            assertThat(entry.key()).isEqualTo(Keys.record(tenantId, "S1", EntityType.ENROLLMENT, "E2"));
            assertThat(entry.value()).isNull();
        });
    }

    @Test
    void restartNeitherRepublishesNorMissesADeletionMadeWhileDown() {
        Tenant tenant = tenant(List.of("S1", "S2"));
        extractor.cycle.run(tenant);
        changes.newValues(this::ours);
        extractor.close();

        sis.execute("delete from enrollments where enrollment_id = 'E4'");
        extractor = new ExtractorHarness(bootstrap, sources);
        assertThat(extractor.restored).isGreaterThanOrEqualTo(18);
        extractor.cycle.run(tenant);

        List<TopicReader.Keyed<RosterChangeEvent>> events = changes.newRecords(this::ours);
        assertThat(events)
                .filteredOn(e -> e.value() instanceof RecordChanged)
                .singleElement()
                .satisfies(e -> {
                    RecordChanged delete = (RecordChanged) e.value();
                    assertThat(delete.kind()).isEqualTo(ChangeKind.DELETE);
                    assertThat(delete.sourcedId()).isEqualTo("E4");
                    assertThat(e.key()).isEqualTo(Keys.school(tenantId, "S2"));
                });
        assertThat(events)
                .filteredOn(e -> e.value() instanceof CycleCompleted)
                .as("first cycle since start announces every school once")
                .hasSize(2);

        extractor.cycle.run(tenant);
        assertThat(changes.newValues(this::ours))
                .as("after the first cycle, quiet again")
                .isEmpty();
    }

    @Test
    void changeTrackingReadsOnlyChangesAndAfterARestartReadsEverythingOnceWithoutRepublishing() {
        sis.withChangeTracking();
        Tenant tenant = Tenants.jdbc(
                tenantId,
                sis.url(),
                List.of("S1", "S2"),
                Map.of(),
                ChangeTracking.on("updated_at").withOverlap(Duration.ZERO));
        ExtractorHarness tracked = ExtractorHarness.withTrackingJdbc(bootstrap);
        tracked.cycle.run(tenant);
        changes.newValues(this::ours);

        sis.execute("update people set family_name = 'Jones-Smith' where person_id = 'P2'");
        tracked.cycle.run(tenant);
        assertThat(changes.newValues(this::ours))
                .filteredOn(e -> e instanceof RecordChanged)
                .singleElement()
                .satisfies(e -> assertThat(((RecordChanged) e).sourcedId()).isEqualTo("P2"));
        assertThat(reads(tracked, "incremental")).isEqualTo(1);
        tracked.close();

        sis.execute("delete from enrollments where enrollment_id = 'E4'");
        ExtractorHarness restarted = ExtractorHarness.withTrackingJdbc(bootstrap);
        try {
            restarted.cycle.run(tenant);
            assertThat(changes.newValues(this::ours))
                    .as("the full read after the restart publishes only the deletion made while down")
                    .filteredOn(e -> e instanceof RecordChanged)
                    .singleElement()
                    .satisfies(e -> assertThat(((RecordChanged) e).kind()).isEqualTo(ChangeKind.DELETE));
            assertThat(reads(restarted, "full")).isEqualTo(1);

            restarted.cycle.run(tenant);
            assertThat(changes.newValues(this::ours)).isEmpty();
            assertThat(reads(restarted, "incremental")).isEqualTo(1);
        } finally {
            restarted.close();
        }
    }

    @Test
    void aQueryReturningNoRowsForASchoolThatHadSomeIsASourceFailureAndArchivesNothing() {
        Tenant tenant = tenant(List.of("S1", "S2"));
        extractor.cycle.run(tenant);
        changes.newValues(this::ours);

        sis.execute("delete from enrollments where section_id = 'SEC2'");
        SyncOutcome failed = extractor.cycle.run(tenant);

        assertThat(failed.reason()).isEqualTo(OutcomeReason.FILE_FAILED);
        assertThat(failed.fileFailures()).singleElement().satisfies(f -> {
            assertThat(f.file()).isEqualTo("enrollment query");
            assertThat(f.reason())
                    .contains("of tenant " + tenantId, "school S2", "no rows", "had 2 enrollments published");
        });
        assertThat(changes.newValues(this::ours)).noneMatch(RecordChanged.class::isInstance);
        assertThat(extractor.state.school(tenantId, "S2").ids(EntityType.ENROLLMENT))
                .containsExactly("E3", "E4");

        sis.execute("insert into enrollments values ('E3', 'SEC2', 'P1', 'TEACHER', true, null, null)");
        SyncOutcome recovered = extractor.cycle.run(tenant);
        assertThat(recovered.reason()).isEqualTo(OutcomeReason.CYCLE_COMPLETED);
        assertThat(changes.newValues(this::ours))
                .filteredOn(RecordChanged.class::isInstance)
                .singleElement()
                .satisfies(e -> {
                    assertThat(((RecordChanged) e).kind()).isEqualTo(ChangeKind.DELETE);
                    assertThat(((RecordChanged) e).sourcedId()).isEqualTo("E4");
                });
    }

    @Test
    void aTypeTheTenantAllowsToBeEmptyIsReallyEmptied() {
        Tenant tenant = Tenants.allowingEmpty(tenant(List.of("S1", "S2")), "enrollments");
        extractor.cycle.run(tenant);
        changes.newValues(this::ours);

        sis.execute("delete from enrollments where section_id = 'SEC2'");
        SyncOutcome outcome = extractor.cycle.run(tenant);

        assertThat(outcome.reason()).isEqualTo(OutcomeReason.CYCLE_COMPLETED);
        assertThat(changes.newValues(this::ours))
                .filteredOn(RecordChanged.class::isInstance)
                .extracting(e -> ((RecordChanged) e).sourcedId())
                .containsExactly("E3", "E4");
    }

    @Test
    void anIncrementalReadThatFindsEveryRecordOfATypeGoneIsHeldAndStaysHeldWhileTheSourceIsEmpty() {
        sis.withChangeTracking();
        Tenant tenant = Tenants.jdbc(
                tenantId,
                sis.url(),
                List.of("S1", "S2"),
                Map.of(),
                ChangeTracking.on("updated_at").withOverlap(Duration.ZERO));
        ExtractorHarness tracked = ExtractorHarness.withTrackingJdbc(bootstrap);
        try {
            tracked.cycle.run(tenant);
            changes.newValues(this::ours);

            sis.execute("delete from enrollments where section_id = 'SEC2'");
            SyncOutcome failed = tracked.cycle.run(tenant);
            assertThat(reads(tracked, "incremental")).isEqualTo(1);
            assertThat(failed.reason()).isEqualTo(OutcomeReason.FILE_FAILED);
            assertThat(failed.fileFailures()).extracting(f -> f.file()).containsExactly("enrollment query");
            assertThat(changes.newValues(this::ours)).noneMatch(RecordChanged.class::isInstance);

            SyncOutcome quiet = tracked.cycle.run(tenant);
            assertThat(quiet.reason())
                    .as("the next incremental read cannot see that the source is still empty; the failure stands")
                    .isEqualTo(OutcomeReason.FILE_FAILED);
            assertThat(changes.newValues(this::ours)).noneMatch(RecordChanged.class::isInstance);
        } finally {
            tracked.close();
        }
    }

    private static double reads(ExtractorHarness harness, String mode) {
        return harness.meters
                .counter("rostersync.extractor.reads", "mode", mode)
                .count();
    }

    @Test
    void missingSchoolPublishesNothingAndNamesTheSchool() {
        SyncOutcome outcome = extractor.cycle.run(tenant(List.of("S1", "GONE")));

        assertThat(outcome.reason()).isEqualTo(OutcomeReason.SCHOOLS_NOT_FOUND);
        assertThat(outcome.missingSchoolIds()).containsExactly("GONE");
        assertThat(changes.newValues(this::ours)).isEmpty();
        assertThat(state.newRecords(this::ours)).isEmpty();
        assertThat(outcomes.newValues(key -> key.equals(tenantId))).containsExactly(outcome);
    }

    @Test
    void schoolRemovedFromSourceDoesNotArchiveItsStudentsAndNextGoodCycleRecovers() {
        Tenant tenant = tenant(List.of("S1", "S2"));
        extractor.cycle.run(tenant);
        changes.newValues(this::ours);
        sis.execute(
                "alter table schools rename to schools_backup",
                "create table schools as select * from schools_backup where school_id <> 'S2'");

        assertThat(extractor.cycle.run(tenant).reason()).isEqualTo(OutcomeReason.SCHOOLS_NOT_FOUND);
        assertThat(changes.newValues(this::ours)).isEmpty();

        sis.execute("drop table schools", "alter table schools_backup rename to schools");
        SyncOutcome recovered = extractor.cycle.run(tenant);
        assertThat(recovered.reason()).isEqualTo(OutcomeReason.CYCLE_COMPLETED);
        assertThat(recovered.missingSchoolIds()).isEmpty();
        assertThat(changes.newValues(this::ours)).isEmpty();
    }

    @Test
    void credentialFailureIsReportedAndPublishesNothing() {
        JdbcRosterSource wrong = new JdbcRosterSource(
                new SecretResolver(Map.of(Tenants.PASSWORD_REF, "nope"), null), Duration.ofSeconds(5));
        ExtractorHarness broken = new ExtractorHarness(bootstrap, tenant -> wrong);
        try {
            SyncOutcome outcome = broken.cycle.run(tenant(List.of("S1")));
            assertThat(outcome.reason()).isEqualTo(OutcomeReason.SOURCE_CREDENTIALS);
            assertThat(outcome.message()).doesNotContain("nope");
            assertThat(changes.newValues(this::ours)).isEmpty();
            assertThat(broken.meters
                            .get("rostersync.outcomes.sent")
                            .tag("reason", "SOURCE_CREDENTIALS")
                            .counter()
                            .count())
                    .isEqualTo(1);
        } finally {
            broken.close();
        }
    }

    private boolean ours(String key) {
        return key.startsWith(tenantId + "/");
    }

    private Tenant tenant(List<String> schools) {
        return Tenants.jdbc(tenantId, sis.url(), schools, Map.of());
    }
}
