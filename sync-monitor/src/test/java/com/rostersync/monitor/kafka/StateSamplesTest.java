package com.rostersync.monitor.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.rostersync.events.EntityType;
import com.rostersync.events.SchemaVersion;
import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.events.outcome.Stage;
import com.rostersync.events.outcome.ThresholdBreach;
import com.rostersync.monitor.incident.Incident;
import com.rostersync.monitor.incident.IncidentDetails;
import com.rostersync.monitor.incident.MailKind;
import com.rostersync.monitor.incident.UnitOfWork;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every value the monitor keeps in its compacted topics (incidents with what was announced, each district's last
 * success) has a stored sample per version, kept when the next version comes: this build reads each back and writes
 * the current one exactly as stored. A missing sample is written from the example and the test fails until committed.
 */
class StateSamplesTest {

    private static final Path SAMPLES = Path.of("src/test/resources/contract-samples");
    /** The sample of this build's revision; an older one stays beside it and must still read. */
    private static final String CURRENT = "v" + SchemaVersion.CURRENT + "." + SchemaVersion.MINOR + ".json";

    private static final Instant T0 = Instant.parse("2026-12-01T10:15:30Z");

    /** As Boot configures it for the service: unknown properties (derived ones such as "open") are ignored. */
    private final JsonMapper json = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final Map<String, Object> examples = Map.of(
            "incident",
            new Incident(
                            "MAP/maple/MHS/THRESHOLD",
                            new UnitOfWork(Stage.MAP, "maple", "MHS"),
                            OutcomeReason.THRESHOLD,
                            T0,
                            T0.plusSeconds(60),
                            null,
                            new IncidentDetails(
                                    "3 of 10 students held",
                                    List.of("MHS"),
                                    List.of(),
                                    List.of(),
                                    List.of(new ThresholdBreach(
                                            EntityType.PERSON, 3, 10, 1, 30.0, 10.0, "students", true)),
                                    List.of(),
                                    null,
                                    List.of(),
                                    0,
                                    null),
                            null,
                            null,
                            null,
                            0,
                            null)
                    .announce(MailKind.OPENED, T0),
            "last-success",
            new KafkaIncidentStore.LastSuccess("maple", T0));

    @Test
    void everyStateValueHasASampleThatThisBuildReadsAndWritesAsStored() throws Exception {
        for (Map.Entry<String, Object> example : examples.entrySet()) {
            Path sample = SAMPLES.resolve(example.getKey()).resolve(CURRENT);
            if (!Files.exists(sample)) {
                Files.createDirectories(sample.getParent());
                Files.writeString(sample, json.writeValueAsString(example.getValue()) + "\n");
                throw new AssertionError("sample written to " + sample + ": check and commit it");
            }
            Object read = json.readValue(sample.toFile(), example.getValue().getClass());

            assertThat(read).as(sample.toString()).isEqualTo(example.getValue());
            assertThat(json.readTree(json.writeValueAsString(read))).isEqualTo(json.readTree(sample.toFile()));
        }
    }

    @Test
    void everyStoredSampleOfEveryVersionStillReads() throws Exception {
        try (var folders = Files.list(SAMPLES)) {
            for (Path folder : folders.toList()) {
                Object example = examples.get(folder.getFileName().toString());
                assertThat(example).as("example for samples in " + folder).isNotNull();
                try (var samples = Files.list(folder)) {
                    for (Path sample : samples.toList()) {
                        assertThat(json.readValue(sample.toFile(), example.getClass()))
                                .isNotNull();
                    }
                }
            }
        }
    }
}
