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
    void theDemoKeepsItsWorkFolderOnlyWhenGivenAsAStateFolder() {
        PlatformSettings wiped = PlatformSettings.fromArguments();
        PlatformSettings kept = PlatformSettings.fromArguments("--local.state=/tmp/state");
        assertThat(wiped.keepState()).isFalse();
        assertThat(kept.keepState()).isTrue();
        assertThat(kept.workdir()).isEqualTo(Path.of("/tmp/state"));
        assertThat(kept.demo()).isTrue();
        assertThat(kept.demoPort()).isEqualTo(8080);
        assertThat(kept.smtp()).isEmpty();
    }

    @Test
    void ownTenantsRunWithoutTheDemoAndMailThroughTheGivenServer() {
        PlatformSettings settings = PlatformSettings.fromArguments(
                "--local.tenants=/etc/rs/tenants.yml",
                "--local.secrets=/etc/rs/secrets",
                "--local.state=/var/rs",
                "--local.smtp=mail.example.org:2525");
        assertThat(settings.demo()).isFalse();
        assertThat(settings.demoPort()).isNegative();
        assertThat(settings.keepState()).isTrue();
        assertThat(settings.operator())
                .contains(new PlatformSettings.OperatorTenants(
                        Path.of("/etc/rs/tenants.yml"), Path.of("/etc/rs/secrets")));
        assertThat(settings.smtp()).contains(new PlatformSettings.SmtpRelay("mail.example.org", 2525));
    }

    @Test
    void refusesCombinationsThatCannotRun() {
        assertThatThrownBy(() -> PlatformSettings.fromArguments(
                        "--local.tenants=t.yml", "--local.secrets=s", "--local.state=d", "--local.demo=true"))
                .hasMessageContaining("--local.demo=true");
        assertThatThrownBy(() -> PlatformSettings.fromArguments("--local.tenants=t.yml", "--local.state=d"))
                .hasMessageContaining("--local.secrets=... is needed");
        assertThatThrownBy(() -> PlatformSettings.fromArguments("--local.tenants=t.yml", "--local.secrets=s"))
                .hasMessageContaining("--local.state=... is needed");
        assertThatThrownBy(() -> PlatformSettings.fromArguments("--local.demo=false"))
                .hasMessageContaining("--local.tenants=... is needed");
        assertThatThrownBy(() -> PlatformSettings.fromArguments("--local.state=d", "--local.workdir=w"))
                .hasMessageContaining("either");
        assertThatThrownBy(() -> PlatformSettings.fromArguments("--local.smtp=mailhost"))
                .hasMessageContaining("host:port");
        assertThatThrownBy(() -> PlatformSettings.fromArguments("--local.smtp=mailhost:smtp"))
                .hasMessageContaining("--local.smtp must be a port number");
    }

    @Test
    void rejectsArgumentsThatAreNotProperties() {
        assertThatThrownBy(() -> PlatformSettings.fromArguments("/tmp/x")).hasMessageContaining("--key=value");
    }
}
