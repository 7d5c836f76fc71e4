package com.rostersync.mapper.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rostersync.events.SchemaVersion;
import com.rostersync.events.Topics;
import com.rostersync.events.snapshot.SchoolFile;
import com.rostersync.events.snapshot.SchoolSnapshot;
import com.rostersync.events.snapshot.SnapshotFile;
import com.rostersync.oneroster.FileSetHash;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

class SnapshotPartsTest {

    private static final SnapshotFile USERS = hashed("users.csv", "sourcedId\r\nS-1\r\n");
    private static final SnapshotFile ENROLLMENTS = hashed("enrollments.csv", "sourcedId\r\nE-1\r\n");
    private static final SnapshotFile DEMOGRAPHICS = hashed("demographics.csv", "sourcedId\r\nS-1\r\n");

    @Test
    void withNothingKnownOnTheTopicEveryFileIsSentAndTheSnapshotNamesThemByHash() {
        SnapshotParts parts = SnapshotParts.of(snapshot(USERS, ENROLLMENTS), null);

        assertThat(parts.changed()).extracting(SchoolFile::name).containsExactly("users.csv", "enrollments.csv");
        assertThat(parts.changed())
                .extracting(SchoolFile::key)
                .containsExactly("maple/MHS/files/users.csv", "maple/MHS/files/enrollments.csv");
        assertThat(parts.dropped()).isEmpty();
        assertThat(parts.snapshot().files())
                .allSatisfy(file -> assertThat(file.isReference()).isTrue());
        assertThat(parts.snapshot().files().get(0).contentHash()).isEqualTo(FileSetHash.ofContent(USERS.content()));
        assertThat(parts.changed())
                .extracting(SchoolFile::content)
                .containsExactly(USERS.content(), ENROLLMENTS.content());
    }

    @Test
    void onlyTheFilesThatDifferFromTheTopicAreSentAndAFileNoLongerNamedGetsATombstone() {
        LastFiles onTopic = new LastFiles("h1", List.of(USERS, ENROLLMENTS, DEMOGRAPHICS));
        SnapshotFile renamed = hashed("users.csv", "sourcedId\r\nS-1-renamed\r\n");
        SnapshotFile enrollmentsKept =
                SnapshotFile.reference(ENROLLMENTS.name(), ENROLLMENTS.rows(), ENROLLMENTS.contentHash());

        SnapshotParts parts = SnapshotParts.of(snapshot(renamed, enrollmentsKept), onTopic);

        assertThat(parts.changed()).extracting(SchoolFile::content).containsExactly(renamed.content());
        assertThat(parts.changed().get(0).contentHash()).isEqualTo(FileSetHash.ofContent(renamed.content()));
        assertThat(parts.dropped()).containsExactly("maple/MHS/files/demographics.csv");
        assertThat(parts.snapshot().files())
                .extracting(SnapshotFile::contentHash)
                .containsExactly(
                        FileSetHash.ofContent(renamed.content()), FileSetHash.ofContent(ENROLLMENTS.content()));
    }

    @Test
    void aFileKeptByReferenceThatTheTopicDoesNotHoldIsRefusedNamingTheSchoolAndFile() {
        LastFiles onTopic = new LastFiles("h1", List.of(USERS));
        SnapshotFile notOnTopic =
                SnapshotFile.reference(ENROLLMENTS.name(), ENROLLMENTS.rows(), ENROLLMENTS.contentHash());

        assertThatThrownBy(() -> SnapshotParts.of(snapshot(USERS, notOnTopic), onTopic))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("school MHS")
                .hasMessageContaining("enrollments.csv");
    }

    @Test
    void aSchoolFileGoesToThePartitionTheProducerGivesTheSchoolsKey() {
        for (int partitions : new int[] {1, 3, 12}) {
            for (int i = 0; i < 200; i++) {
                String school = "tenant-" + i + "/school-" + (i * 7);
                Outbound file = new Outbound(Topics.SNAPSHOTS, new byte[0], school);

                Optional<Set<Integer>> chosen =
                        MapperTopology.partition(Topics.SNAPSHOTS, school + "/files/users.csv", file, partitions);

                assertThat(chosen)
                        .contains(Set.of(BuiltInPartitioner.partitionForKey(
                                school.getBytes(StandardCharsets.UTF_8), partitions)));
            }
        }
        assertThat(MapperTopology.partition(Topics.OUTCOMES, "maple", new Outbound(Topics.OUTCOMES, new byte[0]), 3))
                .as("a record without a partition key is left to the producer")
                .isEmpty();
    }

    private static SnapshotFile hashed(String name, String content) {
        return FileSetHash.withContentHash(new SnapshotFile(name, content, 1));
    }

    private static SchoolSnapshot snapshot(SnapshotFile... files) {
        return new SchoolSnapshot(
                SchemaVersion.CURRENT,
                "maple",
                "MHS",
                2,
                "h2",
                Instant.parse("2026-12-01T10:00:00Z"),
                List.of(files),
                0);
    }
}
