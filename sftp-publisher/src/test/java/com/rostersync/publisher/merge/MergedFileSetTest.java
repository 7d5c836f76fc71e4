package com.rostersync.publisher.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rostersync.events.snapshot.SnapshotFile;
import com.rostersync.oneroster.FileSetHash;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MergedFileSetTest {

    private static final SnapshotFile USERS = new SnapshotFile("users.csv", "u1,Noa,\u05db\u05d4\u05df\r\n", 1);
    private static final SnapshotFile ORGS = new SnapshotFile("orgs.csv", "MHS,Maple\r\n", 1);

    @Test
    void holdsEachFileAsTheUtf8BytesItsSizeAndHashAreTakenFrom() {
        MergedFileSet set = MergedFileSet.of(List.of(USERS, ORGS));

        assertThat(set.bytes("users.csv")).isEqualTo(USERS.content().getBytes(StandardCharsets.UTF_8));
        assertThat(set.totalBytes())
                .isEqualTo(USERS.content().getBytes(StandardCharsets.UTF_8).length
                        + ORGS.content().length())
                .isGreaterThan(USERS.content().length() + ORGS.content().length());
        assertThat(set.contentHash()).isEqualTo(FileSetHash.of(List.of(ORGS, USERS)));
        assertThat(set.files()).containsExactly(USERS, ORGS);
    }

    @Test
    void refusesTwoFilesOfOneName() {
        assertThatThrownBy(() -> MergedFileSet.of(List.of(USERS, ORGS, USERS)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("users.csv");
    }
}
