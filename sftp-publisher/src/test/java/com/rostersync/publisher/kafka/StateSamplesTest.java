package com.rostersync.publisher.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.rostersync.events.SchemaVersion;
import com.rostersync.publisher.publish.PublishedState;
import com.rostersync.publisher.upload.PlacedFile;
import com.rostersync.publisher.upload.Placement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The publisher's state value ({@code Topics.PUBLISHER_STATE}) has a stored sample per version, kept when the next
 * version comes: this build reads each back, and writes the current one exactly as stored. A missing sample is
 * written from the example and the test fails until it is committed.
 */
class StateSamplesTest {

    private static final Path SAMPLES = Path.of("src/test/resources/contract-samples/published-state");

    private final JsonMapper json =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final PublishedState example = new PublishedState(
            SchemaVersion.CURRENT,
            "maple-clever",
            "maple",
            "h-123",
            Instant.parse("2026-12-01T10:15:30Z"),
            2,
            9_120,
            new Placement(
                    "SFTP login maple-clever@sftp.clever.com:22 oneroster11",
                    List.of(
                            new PlacedFile("users.csv", 9_000, "ab12", Instant.parse("2026-12-01T10:15:29Z")),
                            new PlacedFile("enrollments.csv", 39_093, "cd34", Instant.parse("2026-11-30T22:01:07Z")),
                            new PlacedFile("manifest.csv", 120, "ef56", Instant.parse("2026-12-01T10:15:29Z")))));

    @Test
    void thePublishedStateHasASampleThatThisBuildReadsAndWritesAsStored() throws Exception {
        Path sample = SAMPLES.resolve("v" + SchemaVersion.CURRENT + ".json");
        if (!Files.exists(sample)) {
            Files.createDirectories(sample.getParent());
            Files.writeString(sample, json.writeValueAsString(example) + "\n");
            throw new AssertionError("sample written to " + sample + ": check and commit it");
        }
        PublishedState read = json.readValue(sample.toFile(), PublishedState.class);

        assertThat(read).isEqualTo(example);
        assertThat(json.readTree(json.writeValueAsString(read))).isEqualTo(json.readTree(sample.toFile()));
    }

    @Test
    void aStateFromBeforePlacementsWereKeptReadsWithoutOneSoTheNextUploadSendsEveryFile() throws Exception {
        PublishedState read =
                json.readValue(SAMPLES.resolve("v1-without-placement.json").toFile(), PublishedState.class);

        assertThat(read.contentHash()).isEqualTo("h-123");
        assertThat(read.placement()).isNull();
    }

    @Test
    void everyStoredSampleStillReads() throws Exception {
        try (var samples = Files.list(SAMPLES)) {
            for (Path sample : samples.toList()) {
                assertThat(json.readValue(sample.toFile(), PublishedState.class).destinationId())
                        .isNotBlank();
            }
        }
    }
}
