package com.rostersync.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher refuses a classpath with test resources (a test jar's logback-test.xml would replace its logging). */
class RuntimeClasspathTest {

    @Test
    void findsALogbackTestXmlOnTheClasspath(@TempDir Path dir) throws Exception {
        Path clean = Files.createDirectories(dir.resolve("classes"));
        Path tests = Files.createDirectories(dir.resolve("test-classes"));
        Files.writeString(tests.resolve("logback-test.xml"), "<configuration/>");

        try (URLClassLoader runtime =
                        new URLClassLoader(new URL[] {clean.toUri().toURL()}, null);
                URLClassLoader withTests = new URLClassLoader(
                        new URL[] {clean.toUri().toURL(), tests.toUri().toURL()}, null)) {
            assertThat(LocalPlatform.testResourcesOn(runtime)).isEmpty();
            assertThat(LocalPlatform.testResourcesOn(withTests))
                    .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                    .contains("test-classes");
        }
    }
}
