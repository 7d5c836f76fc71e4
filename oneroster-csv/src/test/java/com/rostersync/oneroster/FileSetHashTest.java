package com.rostersync.oneroster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rostersync.events.snapshot.SnapshotFile;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FileSetHashTest {

    private static SnapshotFile file(String name, String content) {
        return new SnapshotFile(name, content, 1);
    }

    @Test
    void doesNotDependOnTheOrderOfTheFiles() {
        assertThat(FileSetHash.of(List.of(file("orgs.csv", "a"), file("users.csv", "b"))))
                .isEqualTo(FileSetHash.of(List.of(file("users.csv", "b"), file("orgs.csv", "a"))));
    }

    @Test
    void changesWhenAnyByteOfAnyFileChanges() {
        assertThat(FileSetHash.of(List.of(file("orgs.csv", "a"), file("users.csv", "b"))))
                .isNotEqualTo(FileSetHash.of(List.of(file("orgs.csv", "a"), file("users.csv", "b "))));
    }

    @Test
    void keepsNameAndContentApart() {
        assertThat(FileSetHash.of(List.of(file("a", "bc")))).isNotEqualTo(FileSetHash.of(List.of(file("ab", "c"))));
    }

    @Test
    void isTheDigestOfEachNameAndContentInNameOrderAsStoredHashesWere() throws Exception {
        // Stored snapshot and upload hashes were taken this way: a new way of computing must give the same bytes.
        MessageDigest expected = MessageDigest.getInstance("SHA-256");
        expected.update("orgs.csv\0a\0users.csv\0Noa,\u05db\u05d4\u05df\r\n\0".getBytes(StandardCharsets.UTF_8));

        assertThat(FileSetHash.of(List.of(file("users.csv", "Noa,\u05db\u05d4\u05df\r\n"), file("orgs.csv", "a"))))
                .isEqualTo(HexFormat.of().formatHex(expected.digest()));
    }

    @Test
    void givesFilesAlreadyEncodedTheHashOfTheirText() {
        String users = "Noa,\u05db\u05d4\u05df\r\n";

        assertThat(FileSetHash.ofEncoded(Map.of(
                        "users.csv", users.getBytes(StandardCharsets.UTF_8),
                        "orgs.csv", "a".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(FileSetHash.of(List.of(file("orgs.csv", "a"), file("users.csv", users))));
    }

    @Test
    void aSetOfHashedFilesIsNamedByItsFilesHashesWhateverTheirOrderOrWhetherTheyCarryTheirText() {
        SnapshotFile users = FileSetHash.withContentHash(file("users.csv", "Noa,\u05db\u05d4\u05df\r\n"));
        SnapshotFile orgs = FileSetHash.withContentHash(file("orgs.csv", "a"));
        SnapshotFile orgsByReference = SnapshotFile.reference("orgs.csv", 1, orgs.contentHash());

        assertThat(users.contentHash()).isEqualTo(FileSetHash.ofContent("Noa,\u05db\u05d4\u05df\r\n"));
        assertThat(FileSetHash.ofFileHashes(List.of(users, orgs)))
                .isEqualTo(FileSetHash.ofFileHashes(List.of(orgsByReference, users)))
                .isNotEqualTo(FileSetHash.ofFileHashes(
                        List.of(orgs, FileSetHash.withContentHash(file("users.csv", "Noa,x\r\n")))))
                .isNotEqualTo(FileSetHash.ofFileHashes(List.of(orgs)));
    }

    @Test
    void aFileWithoutAContentHashCannotNameASetByHashes() {
        assertThatThrownBy(() -> FileSetHash.ofFileHashes(List.of(file("users.csv", "b"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("users.csv");
    }
}
