package com.rostersync.mapper.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.rostersync.events.EntityType;
import com.rostersync.events.SchemaVersion;
import com.rostersync.events.cycle.TenantCycleRef;
import com.rostersync.mapper.Fixtures;
import com.rostersync.mapper.roster.SchoolMeta;
import com.rostersync.mapper.state.StateEntry.Slot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every kind of value on the mapper's changelog has a stored sample, kept when the next version comes: a restarted
 * mapper of this build must read each one back, and writes the current version exactly as its sample shows. A missing
 * sample is written from the example below and the test fails until it is committed.
 */
class StateSamplesTest {

    private static final Path SAMPLES = Path.of("src/test/resources/contract-samples");
    private static final String CURRENT = "v" + SchemaVersion.CURRENT + ".json";

    private final JsonMapper json =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /** One example per kind of changelog value: a record (current or published) and a school's metadata (holds). */
    private static final Map<String, StateEntry> EXAMPLES = Map.of(
            "state-entry-record",
            StateEntry.record("maple", "MHS", Slot.PUBLISHED, EntityType.PERSON, "T-1", Fixtures.teacher()),
            "state-entry-meta",
            StateEntry.meta(
                    "maple",
                    "MHS",
                    new SchoolMeta(
                            7,
                            "abc",
                            true,
                            Map.of(EntityType.PERSON, 51L),
                            false,
                            51L,
                            new TenantCycleRef("c-42", Instant.parse("2026-12-01T10:15:26Z"), List.of("MHS", "MMS")))));

    @Test
    void everyKindOfChangelogValueHasASampleThatThisBuildReadsAndWritesAsStored() throws Exception {
        for (Map.Entry<String, StateEntry> example : EXAMPLES.entrySet()) {
            Path sample = SAMPLES.resolve(example.getKey()).resolve(CURRENT);
            if (!Files.exists(sample)) {
                Files.createDirectories(sample.getParent());
                Files.writeString(sample, json.writeValueAsString(example.getValue()) + "\n");
                throw new AssertionError("sample written to " + sample + ": check and commit it");
            }
            StateEntry read = json.readValue(sample.toFile(), StateEntry.class);

            assertThat(read).as(sample.toString()).isEqualTo(example.getValue());
            assertThat(json.readTree(json.writeValueAsString(read))).isEqualTo(json.readTree(sample.toFile()));
        }
    }

    @Test
    void everyStoredSampleOfEveryVersionStillReads() throws Exception {
        try (var folders = Files.list(SAMPLES)) {
            for (Path folder : folders.toList()) {
                assertThat(EXAMPLES)
                        .as("example for samples in " + folder)
                        .containsKey(folder.getFileName().toString());
                try (var samples = Files.list(folder)) {
                    for (Path sample : samples.toList()) {
                        assertThat(json.readValue(sample.toFile(), StateEntry.class)
                                        .schemaVersion())
                                .isLessThanOrEqualTo(SchemaVersion.CURRENT);
                    }
                }
            }
        }
    }
}
