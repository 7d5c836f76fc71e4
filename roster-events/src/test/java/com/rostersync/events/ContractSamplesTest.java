package com.rostersync.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.rostersync.events.cycle.RosterChangeEvent;
import com.rostersync.events.roster.RosterRecord;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every message type of the contract has a stored JSON sample of each revision it was written in, under
 * {@code contract-samples/<type>/v<major>.<minor>.json}. Samples are never deleted when the next revision comes: this
 * build must still read every one of them, and must write the current revision exactly as its sample shows.
 */
class ContractSamplesTest {

    private static final Path SAMPLES = Path.of("src/test/resources/contract-samples");
    private static final String CURRENT = "v" + SchemaVersion.CURRENT + "." + SchemaVersion.MINOR + ".json";

    private final JsonMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    @Test
    void everyMessageTypeOfTheContractHasASampleOfTheCurrentRevision() throws Exception {
        List<Class<?>> types = contractTypes();

        assertThat(types).hasSizeGreaterThanOrEqualTo(13);
        for (Class<?> type : types) {
            assertThat(SAMPLES.resolve(folderOf(type)).resolve(CURRENT))
                    .as("sample of %s (a new message type needs one)", type.getSimpleName())
                    .isRegularFile();
        }
    }

    @Test
    void everySampleOfEveryRevisionStillReads() throws Exception {
        int read = 0;
        for (Class<?> type : contractTypes()) {
            for (Path sample : samplesOf(type)) {
                Object value = json.readValue(sample.toFile(), readType(type));
                assertThat(value).as(sample.toString()).isInstanceOf(type);
                read++;
            }
        }
        assertThat(read).isGreaterThanOrEqualTo(13);
    }

    @Test
    void theCurrentRevisionIsWrittenExactlyAsItsSampleShows() throws Exception {
        for (Class<?> type : contractTypes()) {
            Path sample = SAMPLES.resolve(folderOf(type)).resolve(CURRENT);
            Object value = json.readValue(sample.toFile(), readType(type));

            JsonNode written = json.readTree(json.writerFor(readType(type)).writeValueAsString(value));

            assertThat(written)
                    .as("%s: a changed message type gets a new sample, the old one stays", sample)
                    .isEqualTo(json.readTree(sample.toFile()));
        }
    }

    @Test
    void eventsAndStateOfTheCurrentRevisionCarryItsVersion() throws Exception {
        for (Class<?> type : contractTypes()) {
            if (hasComponent(type, "schemaVersion")) {
                JsonNode sample = json.readTree(
                        SAMPLES.resolve(folderOf(type)).resolve(CURRENT).toFile());
                assertThat(sample.get("schemaVersion").asInt())
                        .as(type.getSimpleName())
                        .isEqualTo(SchemaVersion.CURRENT);
                assertThat(sample.get("schemaMinor").asInt())
                        .as(type.getSimpleName())
                        .isEqualTo(SchemaVersion.MINOR);
            }
        }
    }

    /** Top-level messages (records with a schema version) and the roster records they carry, found in the build. */
    static List<Class<?>> contractTypes() throws IOException, URISyntaxException, ClassNotFoundException {
        Path classes = Path.of(SchemaVersion.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        List<Class<?>> types = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name =
                        classes.relativize(file).toString().replace('/', '.').replace(".class", "");
                Class<?> type = Class.forName(name);
                if (type.isRecord()
                        && (hasComponent(type, "schemaVersion") || RosterRecord.class.isAssignableFrom(type))) {
                    types.add(type);
                }
            }
        }
        types.sort((a, b) -> a.getName().compareTo(b.getName()));
        return types;
    }

    private static boolean hasComponent(Class<?> type, String name) {
        return Arrays.stream(type.getRecordComponents())
                .map(RecordComponent::getName)
                .anyMatch(name::equals);
    }

    /** Polymorphic types are read through the interface that carries their type id, as consumers read them. */
    private static Class<?> readType(Class<?> type) {
        if (RosterRecord.class.isAssignableFrom(type)) {
            return RosterRecord.class;
        }
        if (RosterChangeEvent.class.isAssignableFrom(type)) {
            return RosterChangeEvent.class;
        }
        return type;
    }

    private static List<Path> samplesOf(Class<?> type) throws IOException {
        try (Stream<Path> files = Files.list(SAMPLES.resolve(folderOf(type)))) {
            return files.filter(f -> f.getFileName().toString().matches("v\\d+\\.\\d+.*\\.json"))
                    .sorted()
                    .toList();
        }
    }

    /** {@code SchoolSnapshot} keeps its samples in {@code school-snapshot}. */
    static String folderOf(Class<?> type) {
        return type.getSimpleName().replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    static TreeSet<String> folders() throws IOException {
        try (Stream<Path> dirs = Files.list(SAMPLES)) {
            return dirs.map(d -> d.getFileName().toString())
                    .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
        }
    }
}
