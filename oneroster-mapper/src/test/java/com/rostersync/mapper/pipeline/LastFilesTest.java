package com.rostersync.mapper.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.rostersync.events.snapshot.SnapshotFile;
import com.rostersync.oneroster.FileSetHash;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
    void theFilesReadBackByReferenceWithTheirHashAndRowsAndNoText() {
        SnapshotFile users = file("users.csv", "sourcedId,givenName\nS-1,\"Зоя, \"\"Z\"\"\"\n", 1);
        LastFiles files = new LastFiles("h1", List.of(file("manifest.csv", "propertyName,value\n", 17), users));

        files.write(store, SCHOOL, null);

        LastFiles read = LastFiles.read(store, SCHOOL);
        assertThat(read).isEqualTo(files);
        assertThat(read.files())
                .allSatisfy(file -> assertThat(file.isReference()).isTrue());
        assertThat(read.files().get(1)).isEqualTo(SnapshotFile.reference("users.csv", 1, users.contentHash()));
        assertThat(store.get(SCHOOL + "#users.csv")).hasSizeLessThan(80);
        assertThat(LastFiles.read(store, "maple/OTHER")).isNull();
    }

    @Test
    void filesStoredWithTheirTextByTheVersionBeforeReadByReferenceAndAreRewrittenWithoutIt() throws IOException {
        SnapshotFile users = file("users.csv", "sourcedId\n" + "S-1\n".repeat(40), 40);
        store.put(SCHOOL, formatTwo(out -> {
            text(out, "h1");
            out.writeInt(1);
            text(out, "users.csv");
        }));
        store.put(SCHOOL + "#users.csv", formatTwo(out -> {
            out.writeInt(users.rows());
            text(out, users.content());
            text(out, users.contentHash());
        }));

        assertThat(LastFiles.read(store, SCHOOL)).isEqualTo(new LastFiles("h1", List.of(users)));
        assertThat(store.get(SCHOOL + "#users.csv"))
                .as("rewritten without its text")
                .hasSizeLessThan(80);
        assertThat(LastFiles.read(store, SCHOOL)).isEqualTo(new LastFiles("h1", List.of(users)));
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

    private interface Body {
        void write(DataOutputStream out) throws IOException;
    }

    /** An entry as the version that kept each file's text wrote it: format byte 2, length-prefixed UTF-8. */
    private static byte[] formatTwo(Body body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(2);
            body.write(out);
        }
        return bytes.toByteArray();
    }

    private static void text(DataOutputStream out, String text) throws IOException {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
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
