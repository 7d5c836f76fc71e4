package com.rostersync.publisher.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rostersync.events.snapshot.SnapshotFile;
import com.rostersync.oneroster.FileSetHash;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MergedFileSetTest {

    private static final SnapshotFile USERS = new SnapshotFile("users.csv", "u1,Noa,\u05db\u05d4\u05df\r\n", 1);
    private static final SnapshotFile ORGS = new SnapshotFile("orgs.csv", "MHS,Maple\r\n", 1);

    @Test
    void holdsEachFileAsTheUtf8BytesItsSizeAndHashAreTakenFrom() {
        MergedFileSet set = MergedFileSet.of(List.of(USERS, ORGS));

        assertThat(set.bytes("users.csv")).isEqualTo(USERS.content().getBytes(StandardCharsets.UTF_8));
        assertThat(set.size("users.csv")).isEqualTo(USERS.content().getBytes(StandardCharsets.UTF_8).length);
        assertThat(set.totalBytes())
                .isEqualTo(USERS.content().getBytes(StandardCharsets.UTF_8).length
                        + ORGS.content().length())
                .isGreaterThan(USERS.content().length() + ORGS.content().length());
        assertThat(set.files())
                .containsExactly(
                        SnapshotFile.reference("users.csv", 1, FileSetHash.ofContent(USERS.content())),
                        SnapshotFile.reference("orgs.csv", 1, FileSetHash.ofContent(ORGS.content())));
        assertThat(set.contentHash()).isEqualTo(FileSetHash.ofFileHashes(set.files()));
        assertThat(set.filesWithText()).containsExactly(USERS, ORGS);
    }

    @Test
    void aKnownFileIsMadeOnlyWhenItsBytesAreAskedForAndOnlyAsTheTextItWasKnownBy() {
        AtomicInteger made = new AtomicInteger();
        String sha256 = FileSetHash.ofContent(USERS.content());
        long size = USERS.content().getBytes(StandardCharsets.UTF_8).length;
        MergedFileSet set = MergedFileSet.ofParts(
                List.of(MergedFileSet.Part.made(ORGS), MergedFileSet.Part.known("users.csv", 1, sha256, size, () -> {
                    made.incrementAndGet();
                    return USERS.content();
                })));

        assertThat(set.contentHash())
                .isEqualTo(MergedFileSet.of(List.of(USERS, ORGS)).contentHash());
        assertThat(set.totalBytes())
                .isEqualTo(MergedFileSet.of(List.of(USERS, ORGS)).totalBytes());
        assertThat(made).hasValue(0);
        assertThat(set.bytes("users.csv")).isEqualTo(USERS.content().getBytes(StandardCharsets.UTF_8));
        set.bytes("users.csv");
        assertThat(made).hasValue(1);

        MergedFileSet lying = MergedFileSet.ofParts(
                List.of(MergedFileSet.Part.known("users.csv", 1, sha256, size, () -> "u1,Noa,Other\r\n")));
        assertThatThrownBy(() -> lying.bytes("users.csv"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("users.csv");
    }

    @Test
    void refusesTwoFilesOfOneName() {
        assertThatThrownBy(() -> MergedFileSet.of(List.of(USERS, ORGS, USERS)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("users.csv");
    }
}
