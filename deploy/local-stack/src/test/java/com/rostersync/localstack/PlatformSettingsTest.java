package com.rostersync.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlatformSettingsTest {

    @Test
    void localArgumentsConfigureTheLauncherAndTheRestGoToTheServices() {
        PlatformSettings settings = PlatformSettings.fromArguments(
                "--local.workdir=/tmp/y",
                "--local.ports.monitor=9999",
                "--local.sync-interval=5s",
                "--rostersync.monitor.stale-after=5m",
                "--logging.level.com.rostersync=DEBUG");
        assertThat(settings.workdir()).isEqualTo(Path.of("/tmp/y"));
        assertThat(settings.servicePorts())
                .containsEntry(LocalPlatform.MONITOR, 9999)
                .containsEntry(LocalPlatform.EXTRACTOR, 8081);
        assertThat(settings.syncInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.serviceProperties())
                .isEqualTo(Map.of("rostersync.monitor.stale-after", "5m", "logging.level.com.rostersync", "DEBUG"));
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        PlatformSettings settings = PlatformSettings.fromArguments();
        assertThat(settings.workdir()).isEqualTo(Path.of("target/local-stack"));
        assertThat(settings.servicePorts().values()).containsExactly(8081, 8082, 8083, 8084);
        assertThat(settings.demoPort()).isEqualTo(8080);
        assertThat(settings.syncInterval()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void rejectsArgumentsThatAreNotProperties() {
        assertThatThrownBy(() -> PlatformSettings.fromArguments("/tmp/x")).hasMessageContaining("--key=value");
    }
}
