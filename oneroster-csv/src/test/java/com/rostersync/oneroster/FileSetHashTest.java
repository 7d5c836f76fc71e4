package com.rostersync.oneroster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rostersync.events.snapshot.SnapshotFile;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class FileSetHashTest {

    private static final String HEBREW = "Noa,\u05db\u05d4\u05df\r\n";

    private static SnapshotFile hashed(String name, String content) {
        return FileSetHash.withContentHash(new SnapshotFile(name, content, 1));
    }

    private static String set(SnapshotFile... files) {
        return FileSetHash.ofFileHashes(List.of(files));
    }

    @Test
    void aFileIsNamedByTheSha256OfItsUtf8Bytes() throws Exception {
        String expected = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(HEBREW.getBytes(StandardCharsets.UTF_8)));

        assertThat(hashed("users.csv", HEBREW).contentHash())
                .isEqualTo(expected)
                .isEqualTo(FileSetHash.ofContent(HEBREW))
                .isEqualTo(FileSetHash.ofBytes(HEBREW.getBytes(StandardCharsets.UTF_8)));
        SnapshotFile carried = new SnapshotFile("users.csv", HEBREW, 1, "as-sent");
        assertThat(FileSetHash.withContentHash(carried)).isSameAs(carried);
    }

    @Test
    void isTheDigestOfEachNameAndFileHashInNameOrderAsStoredHashesAre() throws Exception {
        // Snapshot and upload hashes are stored (school metadata, publisher state): a new way of computing must give
        // the same bytes.
        SnapshotFile users = hashed("users.csv", HEBREW);
        SnapshotFile orgs = hashed("orgs.csv", "a");
        MessageDigest expected = MessageDigest.getInstance("SHA-256");
        expected.update(("orgs.csv\0" + orgs.contentHash() + "\0users.csv\0" + users.contentHash() + "\0")
                .getBytes(StandardCharsets.UTF_8));

        assertThat(set(users, orgs)).isEqualTo(HexFormat.of().formatHex(expected.digest()));
    }

    @Test
    void aSetOfHashedFilesIsNamedByItsFilesHashesWhateverTheirOrderOrWhetherTheyCarryTheirText() {
        SnapshotFile users = hashed("users.csv", HEBREW);
        SnapshotFile orgs = hashed("orgs.csv", "a");
        SnapshotFile orgsByReference = SnapshotFile.reference("orgs.csv", 1, orgs.contentHash());

        assertThat(set(users, orgs))
                .isEqualTo(set(orgsByReference, users))
                .isNotEqualTo(set(orgs, hashed("users.csv", "Noa,x\r\n")))
                .isNotEqualTo(set(orgs))
                .isNotEqualTo(set(orgs, hashed("students.csv", HEBREW)));
    }

    @Test
    void aFileWithoutAContentHashCannotNameASetByHashes() {
        assertThatThrownBy(() -> set(new SnapshotFile("users.csv", "b", 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("users.csv");
    }
}
