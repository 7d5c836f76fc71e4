package com.rostersync.mapper.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import com.rostersync.events.snapshot.SnapshotFile;
import com.rostersync.mapper.Fixtures;
import com.rostersync.oneroster.CsvReader;
import com.rostersync.oneroster.FileSetHash;
import com.rostersync.oneroster.OneRosterFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SnapshotAssemblerGoldenTest {

    private static final SourceSystem SOURCE = new SourceSystem("RosterSync", "rostersync");

    private final List<SnapshotFile> files =
            new SnapshotAssembler().assemble(Fixtures.school(List.of()).values(), SOURCE);

    @ParameterizedTest
    @ValueSource(
            strings = {
                "manifest.csv",
                "orgs.csv",
                "academicSessions.csv",
                "courses.csv",
                "classes.csv",
                "users.csv",
                "enrollments.csv",
                "demographics.csv"
            })
    void writesTheFixtureSchoolExactlyAsTheGoldenFile(String name) throws IOException {
        SnapshotFile file =
                files.stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
        assertThat(file.content()).isEqualTo(golden(name));
    }

    @Test
    void sendsTheManifestAndEverySevenRosterFilesInOrder() {
        assertThat(files)
                .extracting(SnapshotFile::name)
                .containsExactly(
                        "manifest.csv",
                        "orgs.csv",
                        "academicSessions.csv",
                        "courses.csv",
                        "classes.csv",
                        "users.csv",
                        "enrollments.csv",
                        "demographics.csv");
        assertThat(files).extracting(SnapshotFile::rows).containsExactly(17, 2, 3, 2, 2, 4, 4, 1);
    }

    @Test
    void headersAreExactlyTheOneRosterColumns() {
        for (SnapshotFile file : files) {
            OneRosterFile kind = OneRosterFile.byFileName(file.name()).orElseThrow();
            assertThat(file.content()).startsWith(String.join(",", kind.columns()) + "\r\n");
        }
    }

    @Test
    void passwordColumnIsAlwaysEmptyAndEveryRowReadsBackStrictly() throws Exception {
        SnapshotFile users = files.stream()
                .filter(f -> f.name().equals("users.csv"))
                .findFirst()
                .orElseThrow();
        var table = CsvReader.read(OneRosterFile.USERS, users.content().getBytes(StandardCharsets.UTF_8));
        assertThat(table.rowProblems()).isEmpty();
        assertThat(table.rows()).hasSize(4).allSatisfy(row -> assertThat(row.get("password"))
                .isNullOrEmpty());
    }

    @Test
    void sameRosterInAnyOrderGivesTheSameFilesAndHash() {
        var reversed = new java.util.ArrayList<>(Fixtures.school(List.of()).values());
        java.util.Collections.reverse(reversed);
        List<SnapshotFile> again = new SnapshotAssembler().assemble(reversed, SOURCE);

        assertThat(again).isEqualTo(files);
        assertThat(FileSetHash.ofFileHashes(
                        again.stream().map(FileSetHash::withContentHash).toList()))
                .isEqualTo(FileSetHash.ofFileHashes(
                        files.stream().map(FileSetHash::withContentHash).toList()));
    }

    private static String golden(String name) throws IOException {
        try (InputStream in = SnapshotAssemblerGoldenTest.class.getResourceAsStream("/golden/" + name)) {
            return new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
