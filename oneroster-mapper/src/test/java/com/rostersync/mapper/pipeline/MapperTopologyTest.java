package com.rostersync.mapper.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.rostersync.events.EntityType;
import com.rostersync.events.Keys;
import com.rostersync.events.Topics;
import com.rostersync.events.cycle.RosterChangeEvent;
import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.events.outcome.SyncOutcome;
import com.rostersync.events.snapshot.SchoolSnapshot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/** The topology without a broker: per-record state, the quiet period on the wall clock, dead letters. */
class MapperTopologyTest {

    private static final Duration QUIET = MapperTopologyDriver.QUIET;

    private final JsonMapper json = JsonMapper.builder().findAndAddModules().build();

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> changes;
    private TestOutputTopic<String, byte[]> snapshots;
    private final SnapshotTopicReader reader = new SnapshotTopicReader(json);
    private TestOutputTopic<String, byte[]> outcomes;
    private TestOutputTopic<String, byte[]> recordsChangelog;

    @BeforeEach
    void start() {
        driver = MapperTopologyDriver.start(json, stateDir, "mapper-test");
        changes = driver.createInputTopic(Topics.ROSTER_CHANGES, new StringSerializer(), new ByteArraySerializer());
        snapshots = driver.createOutputTopic(Topics.SNAPSHOTS, new StringDeserializer(), new ByteArrayDeserializer());
        outcomes = driver.createOutputTopic(Topics.OUTCOMES, new StringDeserializer(), new ByteArrayDeserializer());
        recordsChangelog = driver.createOutputTopic(
                "mapper-test-" + MapperTopology.RECORDS_STORE + "-changelog",
                new StringDeserializer(),
                new ByteArrayDeserializer());
    }

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void aBurstOfMarkersBecomesOneSnapshotOnceTheQuietPeriodIsOver() {
        send(RosterEvents.schoolWithStudents("maple", "S1", 3));
        send(List.of(RosterEvents.completed("maple", "S1")));
        driver.advanceWallClockTime(Duration.ofMillis(500));
        assertThat(outcomes.isEmpty()).as("still within the quiet period").isTrue();

        driver.advanceWallClockTime(QUIET);

        List<SchoolSnapshot> emitted = reader.snapshots(snapshots.readRecordsToList());
        assertThat(emitted).hasSize(1);
        assertThat(emitted.get(0).version()).isEqualTo(1);
        SyncOutcome outcome = json.readValue(outcomes.readValuesToList().get(0), SyncOutcome.class);
        assertThat(outcome.reason()).isEqualTo(OutcomeReason.SNAPSHOT_READY);
        assertThat(outcomes.isEmpty()).isTrue();
    }

    @Test
    void aChangeOfOneRecordWritesOnlyThatRecordAndItsPublishedVersion() {
        send(RosterEvents.schoolWithStudents("maple", "S1", 50));
        driver.advanceWallClockTime(QUIET.plusSeconds(1));
        assertThat(recordsChangelog.readKeyValuesToList()).hasSizeGreaterThan(100);

        send(List.of(
                RosterEvents.upsert("maple", "S1", RosterEvents.student("S1", 7000)),
                RosterEvents.completed("maple", "S1")));
        driver.advanceWallClockTime(QUIET.plusSeconds(1));

        String key = Keys.record("maple", "S1", EntityType.PERSON, RosterEvents.studentId(7000));
        assertThat(recordsChangelog.readKeyValuesToList().stream()
                        .map(kv -> kv.key)
                        .toList())
                .containsExactly(key, key + "#published");
        assertThat(reader.snapshots(snapshots.readRecordsToList()).get(1).version())
                .isEqualTo(2);
    }

    @Test
    void aPublishedCopyIsAMarkUntilItsRecordChangesAndThenTheRecordAsTheReceiverGotIt() {
        send(RosterEvents.schoolWithStudents("maple", "S1", 3));
        driver.advanceWallClockTime(QUIET.plusSeconds(1));
        String leaving = Keys.record("maple", "S1", EntityType.PERSON, RosterEvents.studentId(0));
        assertThat(lastValues(recordsChangelog).get(leaving + "#published")).isEqualTo(RecordStore.SAME_AS_CURRENT);

        send(List.of(
                RosterEvents.delete("maple", "S1", EntityType.PERSON, RosterEvents.studentId(0)),
                RosterEvents.completed("maple", "S1")));
        driver.advanceWallClockTime(QUIET.plusSeconds(1));

        java.util.Map<String, byte[]> last = lastValues(recordsChangelog);
        assertThat(last).containsEntry(leaving, null);
        assertThat(new String(last.get(leaving + "#published"), StandardCharsets.UTF_8))
                .as("one of three students leaving is held by the archive threshold: the published copy stays whole")
                .contains("\"slot\":\"PUBLISHED\"", "Family0");
        SyncOutcome held = json.readValue(outcomes.readValuesToList().get(1), SyncOutcome.class);
        assertThat(held.reason()).isEqualTo(OutcomeReason.THRESHOLD);
    }

    @Test
    void anUnreadableChangeGoesToItsDeadLetterTopicAndTheStreamGoesOn() {
        TestOutputTopic<String, byte[]> deadLetters = driver.createOutputTopic(
                Topics.ROSTER_CHANGES_DLT, new StringDeserializer(), new ByteArrayDeserializer());
        changes.pipeInput("maple/BAD", "not json".getBytes());
        send(RosterEvents.schoolWithStudents("maple", "S2", 1));
        driver.advanceWallClockTime(QUIET.plusSeconds(1));

        assertThat(new String(deadLetters.readValue())).isEqualTo("not json");
        assertThat(reader.snapshots(snapshots.readRecordsToList()))
                .extracting(SchoolSnapshot::schoolId)
                .containsExactly("S2");
    }

    @Test
    void aChangeOfANewerMajorVersionIsRefusedNamingWhereItIsAndTheStreamGoesOn() {
        TestOutputTopic<String, byte[]> deadLetters = driver.createOutputTopic(
                Topics.ROSTER_CHANGES_DLT, new StringDeserializer(), new ByteArrayDeserializer());
        RosterChangeEvent event = RosterEvents.upsert("maple", "S3", RosterEvents.student("S3", 1));
        String newer = new String(json.writeValueAsBytes(event), StandardCharsets.UTF_8)
                .replaceFirst("\"schemaVersion\":1", "\"schemaVersion\":2");
        assertThat(newer).contains("\"schemaVersion\":2");
        Logger processorLog = (Logger) LoggerFactory.getLogger(SchoolCycleProcessor.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        processorLog.addAppender(logged);
        try {
            changes.pipeInput("maple/S3", newer.getBytes(StandardCharsets.UTF_8));
            send(RosterEvents.schoolWithStudents("maple", "S2", 1));
            driver.advanceWallClockTime(QUIET.plusSeconds(1));
        } finally {
            processorLog.detachAppender(logged);
        }

        assertThat(new String(deadLetters.readValue(), StandardCharsets.UTF_8))
                .as("the record itself, unchanged")
                .isEqualTo(newer);
        assertThat(logged.list).anySatisfy(line -> assertThat(line.getFormattedMessage())
                .contains(Topics.ROSTER_CHANGES + "-0@0")
                .contains("schema version 2.")
                .contains("reads major version 1"));
        assertThat(reader.snapshots(snapshots.readRecordsToList()))
                .extracting(SchoolSnapshot::schoolId)
                .as("the next school goes on")
                .containsExactly("S2");
    }

    private static java.util.Map<String, byte[]> lastValues(TestOutputTopic<String, byte[]> topic) {
        java.util.Map<String, byte[]> last = new java.util.HashMap<>();
        topic.readKeyValuesToList().forEach(kv -> last.put(kv.key, kv.value));
        return last;
    }

    private void send(List<? extends RosterChangeEvent> events) {
        for (RosterChangeEvent event : events) {
            changes.pipeInput(Keys.school(event.tenantId(), event.schoolId()), json.writeValueAsBytes(event));
        }
    }
}
