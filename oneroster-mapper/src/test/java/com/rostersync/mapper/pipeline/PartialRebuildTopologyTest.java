package com.rostersync.mapper.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.rostersync.events.EntityType;
import com.rostersync.events.Keys;
import com.rostersync.events.Topics;
import com.rostersync.events.cycle.RosterChangeEvent;
import com.rostersync.events.roster.RosterRecord;
import com.rostersync.events.roster.School;
import com.rostersync.events.snapshot.SchoolFile;
import com.rostersync.events.snapshot.SchoolSnapshot;
import com.rostersync.mapper.Fixtures;
import com.rostersync.mapper.roster.RecordKey;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * Through the topology: a cycle of updates only is planned from the changed types and the last files, and its files are
 * those a mapper reading every record builds; anything else reads every record. Either way only the files that changed
 * travel as records of their own. (A restart starts with no school
 * followed, so its first cycles read every record: the driver keeps no store across a restart to show it here.)
 */
class PartialRebuildTopologyTest {

    private static final String TENANT = Fixtures.TENANT;
    private static final String SCHOOL = Fixtures.SCHOOL;

    private final JsonMapper json = JsonMapper.builder().findAndAddModules().build();

    @TempDir
    Path stateDir;

    @TempDir
    Path otherStateDir;

    @Test
    void usersRenamedAreRebuiltFromTheUsersAloneIntoTheFilesOfAFullRebuild() {
        List<RosterRecord> renamed = List.of(
                Fixtures.student("S-1", "Mary-Jane", "Smith-Jones"),
                Fixtures.withUsername(Fixtures.parent(), "guardian.p1"));
        SchoolSnapshot partial;
        try (Mapper mapper = new Mapper(stateDir)) {
            mapper.send(upserts(school().values()));
            SchoolSnapshot first = mapper.cycle().orElseThrow();
            assertThat(first.version()).isEqualTo(1);
            assertThat(mapper.filesSent())
                    .as("the first snapshot sends every file")
                    .hasSize(first.files().size());

            mapper.send(upserts(renamed));
            partial = mapper.cycle().orElseThrow();
            assertThat(partial.version()).isEqualTo(2);
            assertThat(mapper.filesSent())
                    .as("the others are named by hash, and the snapshot is put together from the topic")
                    .containsExactly("users.csv");
            assertThat(mapper.cycles("partial")).isEqualTo(1);
            assertThat(mapper.counted("rostersync.mapper.snapshot.files", "sent", "changed"))
                    .as("every file of the first snapshot, users.csv of the second")
                    .isEqualTo(first.files().size() + 1);
            assertThat(mapper.counted("rostersync.mapper.snapshot.files", "sent", "unchanged"))
                    .isEqualTo(partial.files().size() - 1);
            assertThat(mapper.cycles("full")).isEqualTo(1);
        }
        Map<RecordKey, RosterRecord> after = school();
        after.putAll(Fixtures.keyed(renamed));
        try (Mapper fresh = new Mapper(otherStateDir)) {
            fresh.send(upserts(after.values()));
            SchoolSnapshot full = fresh.cycle().orElseThrow();
            assertThat(fresh.cycles("full")).isEqualTo(1);
            assertThat(partial.files()).isEqualTo(full.files());
            assertThat(partial.contentHash()).isEqualTo(full.contentHash());
        }
        assertThat(partial.files().stream()
                        .filter(file -> file.name().equals("users.csv"))
                        .findFirst()
                        .orElseThrow()
                        .content())
                .contains("Smith-Jones")
                .contains("guardian.p1");
    }

    @Test
    void aCreateADeleteOrAChangeOfTheSchoolRecordIsRebuiltFromEveryRecord() {
        try (Mapper mapper = new Mapper(stateDir)) {
            mapper.send(upserts(school().values()));
            mapper.cycle();

            mapper.send(upserts(List.of(Fixtures.student("S-9", "New", "Student"))));
            assertThat(mapper.cycle()).isPresent();
            assertThat(mapper.filesSent())
                    .as("a cycle from every record too sends only the files that changed")
                    .containsExactly("users.csv");
            mapper.send(List.of(RosterEvents.delete(TENANT, SCHOOL, EntityType.PERSON, "S-9")));
            assertThat(mapper.cycle()).isPresent();
            assertThat(mapper.cycles("partial")).isZero();
            assertThat(mapper.cycles("full")).isEqualTo(3);

            mapper.send(upserts(List.of(Fixtures.student("S-2", "Zoya", "Ivanova"))));
            assertThat(mapper.cycle()).isPresent();
            assertThat(mapper.cycles("partial"))
                    .as("clean again after the full cycles")
                    .isEqualTo(1);

            School school = Fixtures.school();
            mapper.send(upserts(List.of(
                    new School(school.sourcedId(), school.name(), school.identifier(), "D2", "Another District"))));
            mapper.cycle();
            assertThat(mapper.cycles("full"))
                    .as("the school record makes the org ids users refer to")
                    .isEqualTo(4);
        }
    }

    /** The fixture school with thirty more students, so that one archive stays under the deletion threshold. */
    private static Map<RecordKey, RosterRecord> school() {
        List<RosterRecord> students = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            students.add(Fixtures.student("S-" + (100 + i), "Given " + i, "Family " + i));
        }
        return Fixtures.school(students);
    }

    private static List<RosterChangeEvent> upserts(java.util.Collection<? extends RosterRecord> records) {
        List<RosterChangeEvent> events = new ArrayList<>();
        records.forEach(record -> events.add(RosterEvents.upsert(TENANT, SCHOOL, record)));
        return events;
    }

    /** One mapper on a state directory, with its metrics. */
    private final class Mapper implements AutoCloseable {
        private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
        private final TopologyTestDriver driver;
        private final TestInputTopic<String, byte[]> changes;
        private final TestOutputTopic<String, byte[]> snapshots;
        private final SnapshotTopicReader reader = new SnapshotTopicReader(json);
        private List<String> filesSent = List.of();

        Mapper(Path dir) {
            driver = MapperTopologyDriver.start(json, dir, "mapper-partial-test", meters);
            changes = driver.createInputTopic(Topics.ROSTER_CHANGES, new StringSerializer(), new ByteArraySerializer());
            snapshots =
                    driver.createOutputTopic(Topics.SNAPSHOTS, new StringDeserializer(), new ByteArrayDeserializer());
        }

        void send(List<? extends RosterChangeEvent> events) {
            for (RosterChangeEvent event : events) {
                changes.pipeInput(Keys.school(event.tenantId(), event.schoolId()), json.writeValueAsBytes(event));
            }
        }

        /** Ends the school's cycle and returns the snapshot it emitted, if its content changed. */
        Optional<SchoolSnapshot> cycle() {
            send(List.of(RosterEvents.completed(TENANT, SCHOOL)));
            driver.advanceWallClockTime(MapperTopologyDriver.QUIET.plus(Duration.ofSeconds(1)));
            int sentBefore = reader.fileRecords().size();
            List<SchoolSnapshot> emitted = reader.snapshots(snapshots.readRecordsToList());
            assertThat(emitted).as("at most one snapshot per cycle").hasSizeLessThan(2);
            List<SchoolFile> sent = reader.fileRecords();
            filesSent = sent.subList(sentBefore, sent.size()).stream()
                    .map(SchoolFile::name)
                    .toList();
            return emitted.stream().findFirst();
        }

        /** The names of the files the last cycle sent as records of their own. */
        List<String> filesSent() {
            return filesSent;
        }

        double cycles(String rebuild) {
            return counted("rostersync.mapper.cycles", "rebuild", rebuild);
        }

        double counted(String name, String tag, String value) {
            Counter counter = meters.find(name).tag(tag, value).counter();
            return counter == null ? 0 : counter.count();
        }

        @Override
        public void close() {
            driver.close();
        }
    }
}
