package com.rostersync.mapper.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.rostersync.events.EntityType;
import com.rostersync.events.Keys;
import com.rostersync.events.Topics;
import com.rostersync.events.command.DiscardHold;
import com.rostersync.events.cycle.RosterChangeEvent;
import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.events.outcome.SyncOutcome;
import com.rostersync.events.snapshot.SchoolSnapshot;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * A discard sent as the monitor sends it, through the topology: the held archives are dropped from the pending change,
 * the records stay in the files, the hold resolves, and the archives come back only after a full read that still
 * lacks the records.
 */
class DiscardHoldTopologyTest {

    private static final Duration QUIET = MapperTopologyDriver.QUIET;
    private static final String TENANT = "maple";
    private static final String SCHOOL = "S1";

    private final JsonMapper json = JsonMapper.builder().findAndAddModules().build();

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> changes;
    private TestInputTopic<String, byte[]> commands;
    private TestOutputTopic<String, byte[]> snapshots;
    private TestOutputTopic<String, byte[]> outcomes;

    @BeforeEach
    void start() {
        driver = MapperTopologyDriver.start(json, stateDir, "mapper-discard-test");
        changes = driver.createInputTopic(Topics.ROSTER_CHANGES, new StringSerializer(), new ByteArraySerializer());
        commands = driver.createInputTopic(Topics.COMMANDS, new StringSerializer(), new ByteArraySerializer());
        snapshots = driver.createOutputTopic(Topics.SNAPSHOTS, new StringDeserializer(), new ByteArrayDeserializer());
        outcomes = driver.createOutputTopic(Topics.OUTCOMES, new StringDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void aDiscardDropsTheHeldArchivesUntilAFullReadStillLacksTheRecords() {
        send(RosterEvents.schoolWithStudents(TENANT, SCHOOL, 100));
        tick();
        assertThat(lastOutcome().reason()).isEqualTo(OutcomeReason.SNAPSHOT_READY);

        List<RosterChangeEvent> deletions = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            deletions.add(RosterEvents.delete(TENANT, SCHOOL, EntityType.PERSON, RosterEvents.studentId(i)));
        }
        deletions.add(RosterEvents.completed(TENANT, SCHOOL, false));
        send(deletions);
        tick();
        SyncOutcome held = lastOutcome();
        assertThat(held.reason()).isEqualTo(OutcomeReason.THRESHOLD);
        assertThat(held.thresholdBreaches()).singleElement().satisfies(b -> assertThat(b.heldSample())
                .startsWith(RosterEvents.studentId(0)));

        commands.pipeInput(
                Keys.school(TENANT, SCHOOL),
                json.writeValueAsBytes(new DiscardHold(
                        "cmd-1", TENANT, SCHOOL, "ops-anna", Instant.now(), "the SIS export was cut short")));
        tick();

        SyncOutcome discarded = lastOutcome();
        assertThat(discarded.reason()).isEqualTo(OutcomeReason.SNAPSHOT_READY);
        assertThat(discarded.message()).contains("20 held changes discarded by ops-anna");
        assertThat(discarded.counts()).containsEntry("heldDeletions", 0L).containsEntry("archived", 0L);
        assertThat(latestUsers()).as("the records stay in the files").contains(RosterEvents.studentId(0) + ",");

        send(List.of(
                RosterEvents.upsert(TENANT, SCHOOL, RosterEvents.student(SCHOOL, 500)),
                RosterEvents.completed(TENANT, SCHOOL, false)));
        tick();
        assertThat(lastOutcome().reason())
                .as("an incremental read proposes nothing discarded again")
                .isEqualTo(OutcomeReason.SNAPSHOT_READY);
        assertThat(latestUsers()).contains(RosterEvents.studentId(0) + ",", RosterEvents.studentId(500) + ",");

        send(List.of(RosterEvents.completed(TENANT, SCHOOL, true)));
        tick();
        assertThat(lastOutcome().reason())
                .as("after a full read the source still lacks them: proposed (and held) again")
                .isEqualTo(OutcomeReason.THRESHOLD);
    }

    @Test
    void aDiscardWithNothingHeldChangesNothing() {
        send(RosterEvents.schoolWithStudents(TENANT, SCHOOL, 10));
        tick();

        commands.pipeInput(
                Keys.school(TENANT, SCHOOL),
                json.writeValueAsBytes(new DiscardHold("cmd-2", TENANT, SCHOOL, "ops-anna", Instant.now(), "test")));
        tick();

        SyncOutcome outcome = lastOutcome();
        assertThat(outcome.reason()).isEqualTo(OutcomeReason.SNAPSHOT_READY);
        assertThat(outcome.message()).contains("nothing held to discard");
        assertThat(latestUsers()).contains(RosterEvents.studentId(9) + ",");
    }

    private void tick() {
        driver.advanceWallClockTime(QUIET.plusSeconds(1));
    }

    private SyncOutcome lastOutcome() {
        List<byte[]> all = outcomes.readValuesToList();
        assertThat(all).as("an outcome of this cycle").isNotEmpty();
        return json.readValue(all.get(all.size() - 1), SyncOutcome.class);
    }

    private SchoolSnapshot latest;
    private final SnapshotTopicReader reader = new SnapshotTopicReader(json);

    private String latestUsers() {
        reader.snapshots(snapshots.readRecordsToList()).forEach(snapshot -> latest = snapshot);
        return latest.files().stream()
                .filter(f -> f.name().equals("users.csv"))
                .findFirst()
                .orElseThrow()
                .content();
    }

    private void send(List<? extends RosterChangeEvent> events) {
        for (RosterChangeEvent event : events) {
            changes.pipeInput(Keys.school(event.tenantId(), event.schoolId()), json.writeValueAsBytes(event));
        }
    }
}
