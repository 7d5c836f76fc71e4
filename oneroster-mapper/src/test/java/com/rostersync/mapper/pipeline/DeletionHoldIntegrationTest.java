package com.rostersync.mapper.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.rostersync.events.EntityType;
import com.rostersync.events.Keys;
import com.rostersync.events.SchemaVersion;
import com.rostersync.events.Topics;
import com.rostersync.events.command.ApproveHold;
import com.rostersync.events.cycle.RosterChangeEvent;
import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.events.outcome.SyncOutcome;
import com.rostersync.events.outcome.ThresholdBreach;
import com.rostersync.events.run.ChangeAction;
import com.rostersync.events.snapshot.SchoolSnapshot;
import com.rostersync.mapper.OneRosterMapperApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * The deletion threshold end to end (seed: SchoolStatus; Clever's sync holds), 501 students at 10%: 50 deletions go
 * through, 51 are held while a new student still flows, the hold survives a restart of the service, and it is
 * released by an approval command or by raising the tenant's threshold in the registry.
 */
@EmbeddedKafka(
        partitions = 1,
        topics = {Topics.ROSTER_CHANGES, Topics.COMMANDS})
class DeletionHoldIntegrationTest {

    private static final String PASS = "S50";
    private static final String HOLD = "S51";
    private static final String RAISE = "SRAISE";

    @TempDir
    Path dir;

    @Test
    void holdsSurviveARestartAndAreReleasedByApprovalOrARaisedThreshold(EmbeddedKafkaBroker broker) throws IOException {
        Path tenants = dir.resolve("tenants.yml");
        writeTenants(tenants, "10");
        String bootstrap = broker.getBrokersAsString();
        try (var snapshots = new TopicProbe<>(bootstrap, Topics.SNAPSHOTS, SchoolSnapshot.class);
                var outcomes = new TopicProbe<>(bootstrap, Topics.OUTCOMES, SyncOutcome.class)) {
            try (ConfigurableApplicationContext app = start(bootstrap, tenants, dir.resolve("state"))) {
                send(app, RosterEvents.schoolWithStudents("maple", PASS, 501));
                send(app, RosterEvents.schoolWithStudents("maple", HOLD, 501));
                send(app, RosterEvents.schoolWithStudents("oak", RAISE, 501));
                for (String school : List.of("maple/" + PASS, "maple/" + HOLD, "oak/" + RAISE)) {
                    assertThat(users(snapshots.await(school, s -> s.version() == 1)))
                            .isEqualTo(501);
                }

                send(app, deletions("maple", PASS, 50));
                List<RosterChangeEvent> held = new java.util.ArrayList<>(deletions("maple", HOLD, 51));
                held.add(0, RosterEvents.upsert("maple", HOLD, RosterEvents.student(HOLD, 9999)));
                send(app, held);
                send(app, deletions("oak", RAISE, 51));

                assertThat(users(snapshots.await("maple/" + PASS, s -> s.version() == 2)))
                        .isEqualTo(451);
                SyncOutcome threshold = outcomes.await(
                        "maple", o -> o.schoolIds().contains(HOLD) && o.reason() == OutcomeReason.THRESHOLD);
                assertThat(threshold.thresholdBreaches())
                        .usingRecursiveFieldByFieldElementComparatorIgnoringFields("heldSample")
                        .containsExactly(new ThresholdBreach(
                                EntityType.PERSON,
                                51,
                                501,
                                50,
                                51 * 100.0 / 501,
                                10.0,
                                "students",
                                true,
                                ChangeAction.ARCHIVED,
                                List.of()));
                assertThat(threshold.thresholdBreaches().get(0).heldSample()).hasSize(ThresholdBreach.SAMPLE_SIZE);
                SchoolSnapshot withNewStudent = snapshots.await("maple/" + HOLD, s -> s.version() == 2);
                assertThat(users(withNewStudent))
                        .as("held students stay, the new one arrives")
                        .isEqualTo(502);
                assertThat(withNewStudent.heldDeletions()).isEqualTo(51);
                outcomes.await("oak", o -> o.schoolIds().contains(RAISE) && o.reason() == OutcomeReason.THRESHOLD);
            }

            try (ConfigurableApplicationContext app = start(bootstrap, tenants, dir.resolve("state"))) {
                SchoolStates states = app.getBean(SchoolStates.class);
                org.awaitility.Awaitility.await()
                        .atMost(java.time.Duration.ofSeconds(60))
                        .ignoreExceptions()
                        .untilAsserted(
                                () -> assertThat(states.meta("maple", HOLD).heldDeletions())
                                        .containsEntry(EntityType.PERSON, 51L));
                send(app, List.of(RosterEvents.completed("maple", HOLD)));
                outcomes.awaitCount(
                        "maple", o -> o.schoolIds().contains(HOLD) && o.reason() == OutcomeReason.THRESHOLD, 2);
                assertThat(snapshots.drain("maple/" + HOLD))
                        .extracting(SchoolSnapshot::version)
                        .containsExactly(1L, 2L);

                writeTenants(tenants, "11.0");
                SchoolSnapshot raised = snapshots.await("oak/" + RAISE, s -> s.version() == 2);
                assertThat(users(raised)).isEqualTo(450);
                assertThat(raised.heldDeletions()).isZero();

                app.getBean(KafkaTemplate.class)
                        .send(
                                Topics.COMMANDS,
                                Keys.school("maple", HOLD),
                                new ApproveHold(
                                        SchemaVersion.CURRENT,
                                        "cmd-1",
                                        "maple",
                                        HOLD,
                                        "lead@maple.example.org",
                                        Instant.now(),
                                        null));
                SchoolSnapshot approved = snapshots.await("maple/" + HOLD, s -> s.version() == 3);
                assertThat(users(approved)).isEqualTo(451);
                assertThat(outcomes.await(
                                        "maple",
                                        o -> o.schoolIds().contains(HOLD)
                                                && o.reason() == OutcomeReason.SNAPSHOT_READY
                                                && o.counts().get("version") == 3L)
                                .thresholdBreaches())
                        .isEmpty();
            }
        }
    }

    private static ConfigurableApplicationContext start(String bootstrap, Path tenants, Path stateDir) {
        return OneRosterMapperApplication.builder()
                .run(
                        "--spring.kafka.bootstrap-servers=" + bootstrap,
                        "--spring.main.web-application-type=none",
                        "--rostersync.tenants.file=" + tenants,
                        "--rostersync.tenants.poll-interval=100ms",
                        "--rostersync.mapper.quiet-period=200ms",
                        "--rostersync.mapper.state-dir=" + stateDir,
                        "--rostersync.topics.partitions=1");
    }

    @SuppressWarnings("unchecked")
    private static void send(ConfigurableApplicationContext app, List<RosterChangeEvent> events) {
        KafkaTemplate<String, Object> template = app.getBean(KafkaTemplate.class);
        events.forEach(e -> template.send(Topics.ROSTER_CHANGES, Keys.school(e.tenantId(), e.schoolId()), e));
        template.flush();
    }

    private static List<RosterChangeEvent> deletions(String tenant, String school, int count) {
        List<RosterChangeEvent> events = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(RosterEvents.delete(tenant, school, EntityType.PERSON, RosterEvents.studentId(i)));
        }
        events.add(RosterEvents.completed(tenant, school));
        return events;
    }

    private static int users(SchoolSnapshot snapshot) {
        return snapshot.files().stream()
                .filter(f -> f.name().equals("users.csv"))
                .findFirst()
                .orElseThrow()
                .rows();
    }

    private static void writeTenants(Path file, String oakPercent) throws IOException {
        Files.writeString(
                file,
                """
                tenants:
                  - id: maple
                    schoolIds: [S50, S51]
                    deletionThresholdPercent: 10
                    source: {type: CSV_DROP, csvDrop: {folder: /tmp/drops/maple}}
                  - id: oak
                    schoolIds: [SRAISE]
                    deletionThresholdPercent: %s
                    source: {type: CSV_DROP, csvDrop: {folder: /tmp/drops/oak}}
                """
                        .formatted(oakPercent));
    }
}
