package com.rostersync.localstack.sis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo SIS belongs to the stack's JVM: a second process is refused, and the stack keeps reading and writing. */
class SisDatabaseTest {

    @Test
    void aSecondProcessIsRefusedWhileTheStackHoldsTheDatabase(@TempDir Path dir) throws Exception {
        SisDatabase sis = new SisDatabase(dir, "pw");
        sis.create(new DemoSisGenerator(DemoCatalog.standard(), 1).generate(1));
        try (AutoCloseable held = sis.keepOpen()) {
            Process shell = new ProcessBuilder(List.of(
                            ProcessHandle.current().info().command().orElse("java"),
                            "-cp",
                            Path.of(org.h2.Driver.class
                                            .getProtectionDomain()
                                            .getCodeSource()
                                            .getLocation()
                                            .toURI())
                                    .toString(),
                            "org.h2.tools.Shell",
                            "-url",
                            sis.url(),
                            "-user",
                            SisDatabase.USERNAME,
                            "-password",
                            "pw",
                            "-sql",
                            "update people set given_name = 'X' where person_id = 'MHS-S0001'"))
                    .redirectErrorStream(true)
                    .start();
            assertThat(shell.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String output = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(output).as("the H2 shell's output").contains("90020");
            assertThat(sis.update("update people set given_name = 'Y' where person_id = 'MHS-S0001'"))
                    .as("the stack's own edits still work")
                    .isEqualTo(new SisDatabase.Edit(1, 1));
        }
    }
}
