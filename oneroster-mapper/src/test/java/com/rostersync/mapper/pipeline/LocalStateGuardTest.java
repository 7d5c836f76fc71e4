package com.rostersync.mapper.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStateGuardTest {

    @TempDir
    Path stateDir;

    private LocalStateGuard guard() {
        return new LocalStateGuard(stateDir, "oneroster-mapper");
    }

    @Test
    void stateWrittenAgainstAnotherClusterIsDeletedSoTheStoresAreRestoredFromTheNewBroker() throws Exception {
        assertThat(guard().keepOnlyStateOf("cluster-A")).isFalse();
        Path store = storeFile();

        assertThat(guard().keepOnlyStateOf("cluster-B")).isTrue();

        assertThat(store).doesNotExist();
        assertThat(stateDir.resolve("oneroster-mapper")).doesNotExist();
        assertThat(stateDir.resolve("oneroster-mapper.cluster-id")).content().isEqualToIgnoringNewLines("cluster-B");
    }

    @Test
    void stateOfTheSameClusterIsKeptAcrossRestarts() throws Exception {
        guard().keepOnlyStateOf("cluster-A");
        Path store = storeFile();

        assertThat(guard().keepOnlyStateOf("cluster-A")).isFalse();

        assertThat(store).exists();
    }

    @Test
    void stateOfUnknownOriginIsDeletedAndAnEmptyFolderJustRecordsTheCluster() throws Exception {
        Path store = storeFile();
        assertThat(guard().keepOnlyStateOf("cluster-A")).isTrue();
        assertThat(store).doesNotExist();

        LocalStateGuard other = new LocalStateGuard(stateDir, "other-app");
        assertThat(other.keepOnlyStateOf("cluster-A")).isFalse();
        assertThat(stateDir.resolve("other-app.cluster-id")).exists();
    }

    private Path storeFile() throws Exception {
        Path task = Files.createDirectories(stateDir.resolve("oneroster-mapper/0_1/rocksdb/records"));
        return Files.writeString(task.resolve("000001.sst"), "data");
    }
}
