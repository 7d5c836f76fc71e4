package com.rostersync.mapper.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.rostersync.events.snapshot.SnapshotFile;
import com.rostersync.oneroster.FileSetHash;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LastFilesTest {

    private static final String SCHOOL = "maple/MHS";

    private KeyValueStore<String, byte[]> store;

    @BeforeEach
    void openStore() {
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("files"), Serdes.String(), Serdes.ByteArray())
                .withLoggingDisabled()
                .build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
    }

    @Test
    void theFilesReadBackAreTheOnesWrittenWithTheirHashRowsAndText() {
        LastFiles files = new LastFiles(
                "h1",
                List.of(
                        file("manifest.csv", "propertyName,value\n", 17),
                        file("users.csv", "sourcedId,givenName\nS-1,\"Зоя, \"\"Z\"\"\"\n", 1)));

        files.write(store, SCHOOL, null);

        assertThat(LastFiles.read(store, SCHOOL)).isEqualTo(files);
        assertThat(LastFiles.read(store, "maple/OTHER")).isNull();
    }

    @Test
    void aCycleRewritesOnlyTheFilesThatChanged() {
        SnapshotFile manifest = file("manifest.csv", "m1", 17);
        SnapshotFile enrollments = file("enrollments.csv", "e1", 1);
        LastFiles first = new LastFiles("h1", List.of(manifest, file("users.csv", "u1", 1), enrollments));
        first.write(store, SCHOOL, null);
        // Taken away behind the store's back: a file written again would be back.
        store.delete(SCHOOL + "#enrollments.csv");

        new LastFiles("h2", List.of(manifest, file("users.csv", "u2", 1), enrollments)).write(store, SCHOOL, first);

        assertThat(keys()).containsExactlyInAnyOrder(SCHOOL, SCHOOL + "#manifest.csv", SCHOOL + "#users.csv");
    }

    @Test
    void aFileNoLongerInTheSetIsRemoved() {
        SnapshotFile manifest = file("manifest.csv", "m1", 17);
        LastFiles first = new LastFiles("h1", List.of(manifest, file("demographics.csv", "d1", 1)));
        first.write(store, SCHOOL, null);
        LastFiles second = new LastFiles("h2", List.of(manifest));

        second.write(store, SCHOOL, first);

        assertThat(keys()).containsExactlyInAnyOrder(SCHOOL, SCHOOL + "#manifest.csv");
        assertThat(LastFiles.read(store, SCHOOL)).isEqualTo(second);
    }

    @Test
    void aHeaderNamingAFileThatIsNotStoredReadsAsNothingStored() {
        new LastFiles("h1", List.of(file("users.csv", "u1", 1))).write(store, SCHOOL, null);
        store.delete(SCHOOL + "#users.csv");

        assertThat(LastFiles.read(store, SCHOOL)).isNull();
    }

    private static SnapshotFile file(String name, String content, int rows) {
        return new SnapshotFile(name, content, rows, FileSetHash.ofContent(content));
    }

    private List<String> keys() {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all = store.all()) {
            all.forEachRemaining((KeyValue<String, byte[]> entry) -> keys.add(entry.key));
        }
        return keys;
    }
}
