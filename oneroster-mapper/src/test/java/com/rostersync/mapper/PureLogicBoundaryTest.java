package com.rostersync.mapper;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rules (assembly, validation, threshold, id churn, periods, planning) stay plain Java: no Spring, no Kafka. */
class PureLogicBoundaryTest {

    private static final Path SOURCES = Path.of("src/main/java/com/rostersync/mapper");

    @ParameterizedTest
    @ValueSource(strings = {"roster", "snapshot", "validation", "threshold", "churn", "cycle"})
    void pureLogicPackagesImportNeitherSpringNorKafka(String feature) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.list(SOURCES.resolve(feature))) {
            files = walk.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            assertThat(Files.readAllLines(file))
                    .as(file.toString())
                    .noneMatch(line -> line.startsWith("import org.springframework")
                            || line.startsWith("import org.apache.kafka"));
        }
    }
}
