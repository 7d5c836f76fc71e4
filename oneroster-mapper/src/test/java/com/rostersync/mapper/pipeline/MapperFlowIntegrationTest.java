package com.rostersync.mapper.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.rostersync.events.EntityType;
import com.rostersync.events.Keys;
import com.rostersync.events.Topics;
import com.rostersync.events.cycle.RosterChangeEvent;
import com.rostersync.events.cycle.TenantCycleRef;
import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.events.outcome.Stage;
import com.rostersync.events.outcome.SyncOutcome;
import com.rostersync.events.roster.RosterRecord;
import com.rostersync.events.run.ChangeAction;
import com.rostersync.events.run.ChangeReport;
import com.rostersync.events.run.ChangeRow;
import com.rostersync.events.run.RunCounts;
import com.rostersync.events.run.RunRecorded;
import com.rostersync.events.snapshot.SchoolSnapshot;
import com.rostersync.events.snapshot.SnapshotFile;
import com.rostersync.mapper.Fixtures;
import com.rostersync.mapper.LargeSchool;
import com.rostersync.mapper.cycle.SchoolCyclePlanner;
import com.rostersync.mapper.roster.SchoolRoster;
import com.rostersync.mapper.snapshot.SourceSystem;
import com.rostersync.oneroster.FileSetHash;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;

/** The walking-skeleton path through a real (embedded KRaft) broker: changes in, snapshot and outcome out. */
@SpringBootTest(
        properties = {
            "spring.config.name=oneroster-mapper",
            "rostersync.mapper.quiet-period=300ms",
            "rostersync.mapper.state-dir=${java.io.tmpdir}/mapper-flow-test-${random.uuid}",
            "rostersync.topics.partitions=1",
            "rostersync.tenants.file=src/test/resources/tenants-test.yml"
        })
@EmbeddedKafka(
        partitions = 1,
        topics = {Topics.ROSTER_CHANGES, Topics.COMMANDS},
        bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MapperFlowIntegrationTest {

    @Autowired
    private KafkaTemplate<String, Object> template;

    @Autowired
    private MeterRegistry meters;

    @Autowired
    private StreamsBuilderFactoryBean streams;

    @Value("${spring.kafka.bootstrap-servers}")
    private String bootstrap;

    private TopicProbe<SchoolSnapshot> snapshots;
    private TopicProbe<SyncOutcome> outcomes;
    private TopicProbe<RunRecorded> runs;
    private TopicProbe<ChangeReport> reports;

    @BeforeAll
    void probes() {
        snapshots = new TopicProbe<>(bootstrap, Topics.SNAPSHOTS, SchoolSnapshot.class);
        outcomes = new TopicProbe<>(bootstrap, Topics.OUTCOMES, SyncOutcome.class);
        runs = new TopicProbe<>(bootstrap, Topics.RUNS, RunRecorded.class);
        reports = new TopicProbe<>(bootstrap, Topics.CHANGE_REPORTS, ChangeReport.class);
    }

    @AfterAll
    void closeProbes() {
        snapshots.close();
        outcomes.close();
        runs.close();
        reports.close();
    }

    @Test
    void aTaskProcessesItsChangesWithoutWaitingOnItsEmptyCommandsPartition() {
        assertThat(streams.getStreamsConfiguration().get(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG))
                .isEqualTo(StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
    }

    @Test
    void recordsEachSchoolCycleAsARunWithAChangeReportOfFieldNamesOnly() {
        TenantCycleRef first = new TenantCycleRef("birch-1", Instant.now(), List.of(Fixtures.SCHOOL));
        for (RosterRecord record : Fixtures.school(List.of()).values()) {
            send(RosterEvents.upsert("birch", Fixtures.SCHOOL, record));
        }
        send(RosterEvents.completed("birch", Fixtures.SCHOOL, first));

        RunRecorded created = runs.await("birch", run -> first.equals(run.tenantCycle()));
        assertThat(created.stage()).isEqualTo(Stage.MAP);
        assertThat(created.schoolId()).isEqualTo(Fixtures.SCHOOL);
        assertThat(created.reason()).isEqualTo(OutcomeReason.SNAPSHOT_READY);
        assertThat(created.counts().created())
                .isEqualTo(Fixtures.school(List.of()).size());
        assertThat(created.finishedAt()).isAfterOrEqualTo(created.startedAt());
        assertThat(reports.await(created.runId(), report -> true).rows())
                .hasSize(Fixtures.school(List.of()).size())
                .allMatch(row -> row.action() == ChangeAction.CREATED);

        TenantCycleRef second = new TenantCycleRef("birch-2", Instant.now(), List.of(Fixtures.SCHOOL));
        send(RosterEvents.upsert("birch", Fixtures.SCHOOL, Fixtures.student("S-1", "Ottoline", "Quenby")));
        send(RosterEvents.completed("birch", Fixtures.SCHOOL, second));

        RunRecorded renamed = runs.await("birch", run -> second.equals(run.tenantCycle()));
        assertThat(renamed.counts()).isEqualTo(new RunCounts(0, 1, 0, 0, 0));
        ChangeReport report = reports.await(renamed.runId(), r -> true);
        assertThat(report.rows())
                .containsExactly(new ChangeRow(
                        ChangeAction.UPDATED, EntityType.PERSON, "S-1", List.of("givenName", "familyName"), null));
        assertThat(report.toString()).doesNotContain("Ottoline", "Quenby");
    }

    @Test
    void emitsTheFixtureSchoolsGoldenFilesAfterItsCycle() throws IOException {
        sendSchool("maple");
        String key = Keys.school("maple", Fixtures.SCHOOL);

        SchoolSnapshot snapshot = snapshots.await(key, s -> true);
        assertThat(snapshot.version()).isEqualTo(1);
        for (SnapshotFile file : snapshot.files()) {
            assertThat(file.content()).as(file.name()).isEqualTo(golden(file.name()));
        }
        // Outcomes are keyed by the tenant (one monitor instance answers for a whole district).
        SyncOutcome outcome = outcomes.await("maple", o -> o.schoolIds().contains(Fixtures.SCHOOL));
        assertThat(outcome.stage()).isEqualTo(Stage.MAP);
        assertThat(outcome.reason()).isEqualTo(OutcomeReason.SNAPSHOT_READY);
        assertThat(outcome.validationIssues()).isEmpty();

        assertThat(meters.get("rostersync.mapper.snapshots.emitted").counter().count())
                .isPositive();
        assertThat(meters.get("rostersync.outcomes.sent")
                        .tags("stage", "MAP", "reason", "SNAPSHOT_READY")
                        .counter()
                        .count())
                .isPositive();
        assertThat(meters.get("rostersync.mapper.deletions.held")
                        .tag("entity", "PERSON")
                        .gauge()
                        .value())
                .isZero();
    }

    @Test
    void coalescesABurstOfCyclesAndEmitsNothingWhenNothingChanged() {
        String key = Keys.school("oak", Fixtures.SCHOOL);
        sendSchool("oak");
        send(RosterEvents.completed("oak", Fixtures.SCHOOL));
        send(RosterEvents.completed("oak", Fixtures.SCHOOL));
        outcomes.await("oak", o -> true);

        send(RosterEvents.completed("oak", Fixtures.SCHOOL));
        await("oak", 2);

        assertThat(outcomes.drain("oak")).hasSize(2).allMatch(o -> o.reason() == OutcomeReason.SNAPSHOT_READY);
        assertThat(snapshots.drain(key)).hasSize(1);
    }

    @Test
    void snapshotAndOutcomeNameTheTenantCycleTheyClose() {
        String key = Keys.school("elm", Fixtures.SCHOOL);
        TenantCycleRef first = new TenantCycleRef("elm-1", Instant.now(), List.of(Fixtures.SCHOOL, "OTHER"));
        for (RosterRecord record : Fixtures.school(List.of()).values()) {
            send(RosterEvents.upsert("elm", Fixtures.SCHOOL, record));
        }
        send(RosterEvents.completed("elm", Fixtures.SCHOOL, first));

        assertThat(snapshots.await(key, s -> true).tenantCycle()).isEqualTo(first);
        assertThat(outcomes.await("elm", o -> true).tenantCycle()).isEqualTo(first);

        TenantCycleRef unchanged = new TenantCycleRef("elm-2", Instant.now(), List.of(Fixtures.SCHOOL));
        send(RosterEvents.completed("elm", Fixtures.SCHOOL, unchanged));
        assertThat(outcomes.await("elm", o -> unchanged.equals(o.tenantCycle())).counts())
                .as("no new snapshot; the outcome names the version the publisher already has")
                .containsEntry("version", 1L);
    }

    @Test
    void unreadableChangeGoesToTheDeadLetterTopic() {
        try (var producer = new KafkaProducer<>(
                        Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                        new StringSerializer(),
                        new StringSerializer());
                var dlt = new TopicProbe<>(bootstrap, Topics.ROSTER_CHANGES_DLT, String.class)) {
            producer.send(new ProducerRecord<>(Topics.ROSTER_CHANGES, "maple/BAD", "\"not an event\""));
            producer.flush();
            assertThat(dlt.await("maple/BAD", v -> true)).isEqualTo("not an event");
        }
    }

    @Test
    void aTenThousandStudentSnapshotPassesTheBroker() throws Exception {
        SchoolRoster roster = new SchoolRoster("big", "BIG");
        roster.current().putAll(Fixtures.keyed(LargeSchool.records("BIG", 10_000)));
        SchoolSnapshot snapshot = new SchoolCyclePlanner(new SourceSystem("RosterSync", "rostersync"))
                .plan(roster, 10, Instant.now())
                .snapshot()
                .orElseThrow();
        long bytes = snapshot.files().stream()
                .mapToLong(f -> f.content().getBytes(StandardCharsets.UTF_8).length)
                .sum();
        assertThat(bytes).as("far above Kafka's 1 MB default message size").isGreaterThan(5_000_000);

        template.send(Topics.SNAPSHOTS, "big/BIG", snapshot).get(60, TimeUnit.SECONDS);

        SchoolSnapshot received = snapshots.await("big/BIG", s -> true, Duration.ofSeconds(60));
        assertThat(received.contentHash()).isEqualTo(snapshot.contentHash());
        // The set's hash names each file by the hash of its text: the text received is the text sent.
        assertThat(FileSetHash.ofFileHashes(received.files().stream()
                        .map(file ->
                                FileSetHash.withContentHash(new SnapshotFile(file.name(), file.content(), file.rows())))
                        .toList()))
                .isEqualTo(snapshot.contentHash());
        assertThat(received.files())
                .filteredOn(f -> f.name().equals("users.csv"))
                .singleElement()
                .extracting(SnapshotFile::rows)
                .isEqualTo(10_400);
    }

    private void await(String key, int outcomesCount) {
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .until(() -> outcomes.drain(key).size() >= outcomesCount);
    }

    private void sendSchool(String tenant) {
        for (RosterRecord record : Fixtures.school(List.of()).values()) {
            send(RosterEvents.upsert(tenant, Fixtures.SCHOOL, record));
        }
        send(RosterEvents.completed(tenant, Fixtures.SCHOOL));
    }

    private void send(RosterChangeEvent event) {
        template.send(Topics.ROSTER_CHANGES, Keys.school(event.tenantId(), event.schoolId()), event);
    }

    private static String golden(String name) throws IOException {
        try (InputStream in = MapperFlowIntegrationTest.class.getResourceAsStream("/golden/" + name)) {
            return new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
