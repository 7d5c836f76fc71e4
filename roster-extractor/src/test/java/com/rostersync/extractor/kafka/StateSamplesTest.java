package com.rostersync.extractor.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.rostersync.events.EntityType;
import com.rostersync.events.Keys;
import com.rostersync.events.roster.Person;
import com.rostersync.events.roster.Role;
import com.rostersync.events.roster.RosterRecord;
import com.rostersync.extractor.change.ContentHasher;
import com.rostersync.extractor.change.HashState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The extractor's state entry ({@code Topics.EXTRACTOR_STATE}: key {@code tenant/school/TYPE/sourcedId}, value the
 * record's content hash) has a stored sample per projection version, with the record it was made from, kept when the
 * next version comes: this build reads each back into its hashes, and hashes the stored record to the stored value,
 * so an upgrade republishes nothing that did not change. A missing sample is written from the example and the test
 * fails until it is committed.
 */
class StateSamplesTest {

    private static final Path SAMPLES = Path.of("src/test/resources/contract-samples/extractor-state");

    private final JsonMapper json =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private final ContentHasher hasher = new ContentHasher();

    /** One entry as it stands on the topic, and the record behind it. */
    record StateSample(int projectionVersion, String key, String value, RosterRecord record) {}

    private StateSample example() {
        Person person = new Person(
                "STU-1",
                List.of("MHS"),
                Role.STUDENT,
                "stu1",
                true,
                "Student",
                "Sample",
                null,
                "S-0001",
                "stu1@maple.example.org",
                null,
                null,
                List.of("09"),
                Map.of("sis", "1001"),
                List.of("GUA-1"));
        return new StateSample(
                ContentHasher.PROJECTION_VERSION,
                Keys.record("maple", "MHS", EntityType.PERSON, person.sourcedId()),
                hasher.hash(person),
                person);
    }

    @Test
    void theHashStateHasASampleThatThisBuildReadsHashesAndWritesAsStored() throws Exception {
        Path sample = SAMPLES.resolve("v" + ContentHasher.PROJECTION_VERSION + ".json");
        if (!Files.exists(sample)) {
            Files.createDirectories(sample.getParent());
            Files.writeString(sample, json.writeValueAsString(example()) + "\n");
            throw new AssertionError("sample written to " + sample + ": check and commit it");
        }
        StateSample read = json.readValue(sample.toFile(), StateSample.class);

        assertThat(read).isEqualTo(example());
        assertThat(json.readTree(json.writeValueAsString(read))).isEqualTo(json.readTree(sample.toFile()));
    }

    @Test
    void everyStoredSampleIsRestoredAndHashesToItsStoredValue() throws Exception {
        try (var samples = Files.list(SAMPLES)) {
            for (Path sample : samples.toList()) {
                StateSample stored = json.readValue(sample.toFile(), StateSample.class);
                HashState state = new HashState();

                HashStateRestorer.apply(
                        state, tenant -> true, stored.key(), stored.value().getBytes(StandardCharsets.UTF_8));

                String[] key = stored.key().split("/", 4);
                assertThat(state.school(key[0], key[1])
                                .matches(
                                        stored.record().entityType(),
                                        stored.record().sourcedId(),
                                        stored.value()))
                        .as("%s restored", sample)
                        .isTrue();
                assertThat(hasher.hash(stored.record()))
                        .as("%s: the record stored with it hashes as it did", sample)
                        .isEqualTo(stored.value());
            }
        }
    }
}
