package com.rostersync.publisher.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.rostersync.events.SchemaVersion;
import com.rostersync.events.cycle.TenantCycleRef;
import com.rostersync.events.snapshot.SchoolSnapshot;
import com.rostersync.events.snapshot.SnapshotFile;
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

        assertThat(held.held("maple/MHS").inflated()).isEqualTo(snapshot);
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
        held.put("maple/MHS", com.rostersync.publisher.SnapshotFixtures.school("maple", "MHS", 1));
        SchoolSnapshot second = com.rostersync.publisher.SnapshotFixtures.school("maple", "MHS", 2);

        held.put("maple/MHS", second);

        assertThat(held.held("maple/MHS").inflated()).isEqualTo(second);
    }
}
