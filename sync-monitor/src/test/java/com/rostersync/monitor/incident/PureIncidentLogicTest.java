package com.rostersync.monitor.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The incident rules stay plain Java (STYLE.md): Spring, Kafka and mail live at the edges, in other packages. */
class PureIncidentLogicTest {

    @Test
    void theIncidentPackageImportsNoSpringKafkaOrMail() throws IOException {
        Path sources = Path.of("src/main/java/com/rostersync/monitor/incident");
        List<Path> files;
        try (Stream<Path> list = Files.list(sources)) {
            files = list.filter(f -> f.toString().endsWith(".java")).toList();
        }

        assertThat(files).hasSizeGreaterThan(5);
        for (Path file : files) {
            assertThat(Files.readAllLines(file))
                    .as(file.getFileName().toString())
                    .noneMatch(line -> line.startsWith("import org.springframework")
                            || line.startsWith("import org.apache.kafka")
                            || line.startsWith("import jakarta.mail")
                            || line.startsWith("import tools.jackson"));
        }
    }
}
