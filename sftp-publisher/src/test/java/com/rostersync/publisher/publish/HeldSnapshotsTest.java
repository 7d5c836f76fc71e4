package com.rostersync.publisher.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rostersync.events.SchemaVersion;
import com.rostersync.events.cycle.TenantCycleRef;
import com.rostersync.events.snapshot.SchoolFile;
import com.rostersync.events.snapshot.SchoolSnapshot;
import com.rostersync.events.snapshot.SnapshotFile;
import com.rostersync.oneroster.FileSetHash;
import com.rostersync.oneroster.SchoolFileIndex;
import com.rostersync.publisher.SnapshotFixtures;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeldSnapshotsTest {

    final HeldSnapshots held = new HeldSnapshots();

    @Test
    void aHeldSnapshotComesBackWithEveryFileAndFieldAsReceived() {
        String users =
                "sourcedId,givenName,familyName\r\n" + "P1,Ethan,כהן\r\n".repeat(2_000) + "P2,\"Smith, Jr.\",Zoë\r\n";
        SchoolSnapshot snapshot = new SchoolSnapshot(
                SchemaVersion.CURRENT,
                "maple",
                "MHS",
                7,
                "hash-7",
                Instant.parse("2026-12-02T08:00:00Z"),
                List.of(
                        new SnapshotFile("users.csv", users, 2_001),
                        new SnapshotFile("demographics.csv", "", 0),
                        new SnapshotFile("manifest.csv", "propertyName,value\r\n", 1)),
                3,
                List.of("demographics"),
                new TenantCycleRef("c1", Instant.parse("2026-12-02T07:59:00Z"), List.of("MHS")));

        held.put("maple/MHS", snapshot);

        assertThat(held.held("maple/MHS").files().snapshot()).isEqualTo(snapshot);
        assertThat(held.held("maple/MHS").shell().files())
                .extracting(SnapshotFile::content)
                .containsOnly("");
    }

    @Test
    void aSchoolNeverReceivedHasNoSnapshot() {
        assertThat(held.held("maple/NONE")).isNull();
    }

    @Test
    void theLatestSnapshotOfASchoolReplacesTheOneBefore() {
        held.put("maple/MHS", SnapshotFixtures.school("maple", "MHS", 1));
        SchoolSnapshot second = SnapshotFixtures.school("maple", "MHS", 2);

        held.put("maple/MHS", second);

        assertThat(held.held("maple/MHS").files().snapshot()).isEqualTo(second);
    }

    @Test
    void filesNamedByHashComeFromTheirRecordsAndANextFileWaitsForItsSnapshot() {
        SchoolSnapshot first = holdByReference(SnapshotFixtures.school("maple", "MHS", 1, "First"));
        SchoolSnapshot second = SnapshotFixtures.school("maple", "MHS", 2, "Second");
        SnapshotFile users = second.files().stream()
                .filter(file -> file.name().equals("users.csv"))
                .findFirst()
                .orElseThrow();

        held.putFile(record(users));

        assertThat(held.held("maple/MHS").files().snapshot().files())
                .as("until its snapshot comes, the school is held as the first snapshot made it, with hashes")
                .isEqualTo(SnapshotFixtures.withContentHashes(first).files());

        held.put("maple/MHS", byReference(second));

        assertThat(held.held("maple/MHS").files().snapshot().files())
                .isEqualTo(SnapshotFixtures.withContentHashes(second).files());
    }

    @Test
    void aSnapshotNamingAFileWithoutItsRecordIsRefusedAndTheLastOneStays() {
        SchoolSnapshot first = holdByReference(SnapshotFixtures.school("maple", "MHS", 1, "First"));
        SchoolSnapshot second = SnapshotFixtures.school("maple", "MHS", 2, "Second");

        assertThatThrownBy(() -> held.put("maple/MHS", byReference(second)))
                .isInstanceOf(SchoolFileIndex.MissingSchoolFile.class)
                .hasMessageContaining("users.csv")
                .hasMessageContaining("MHS");
        held.dropFile(record(first.files().get(0)).key());
        assertThatThrownBy(() -> held.put("maple/MHS", byReference(first)))
                .as("a dropped file is no longer there to be named")
                .isInstanceOf(SchoolFileIndex.MissingSchoolFile.class);

        assertThat(held.held("maple/MHS").files().snapshot().files())
                .isEqualTo(SnapshotFixtures.withContentHashes(first).files());
    }

    /** Holds the snapshot as a 1.3 mapper sends it: every file as a record, then the snapshot naming them. */
    private SchoolSnapshot holdByReference(SchoolSnapshot snapshot) {
        snapshot.files().forEach(file -> held.putFile(record(file)));
        held.put("maple/MHS", byReference(snapshot));
        return snapshot;
    }

    private static SchoolFile record(SnapshotFile file) {
        return new SchoolFile("maple", "MHS", file, FileSetHash.ofContent(file.content()));
    }

    private static SchoolSnapshot byReference(SchoolSnapshot snapshot) {
        return snapshot.withFiles(snapshot.files().stream()
                .map(f -> SnapshotFile.reference(f.name(), f.rows(), FileSetHash.ofContent(f.content())))
                .toList());
    }
}
