package com.rostersync.tenants;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TenantRegistryWatcherTest {

    private static final String TENANT =
            """
            tenants:
              - id: maple
                schoolIds: [MHS]
                deletionThresholdPercent: %s
                source: {type: CSV_DROP, csvDrop: {folder: /tmp/drop}}
            """;

    @TempDir
    Path dir;

    @Test
    void picksUpAChangedFileAndKeepsTheLastValidOneWhenTheNewOneIsBroken() throws Exception {
        Path file = dir.resolve("tenants.yml");
        Files.writeString(file, TENANT.formatted("10"));
        TenantRegistryWatcher watcher = new TenantRegistryWatcher(file);
        assertThat(watcher.current().tenant("maple").orElseThrow().deletionThresholdPercent())
                .isEqualTo(10.0);

        write(file, TENANT.formatted("25"), 1);
        assertThat(watcher.reloadIfChanged()).isTrue();
        assertThat(watcher.current().tenant("maple").orElseThrow().deletionThresholdPercent())
                .isEqualTo(25.0);

        write(file, TENANT.formatted("not-a-number"), 2);
        assertThat(watcher.reloadIfChanged()).isFalse();
        assertThat(watcher.current().tenant("maple").orElseThrow().deletionThresholdPercent())
                .isEqualTo(25.0);
    }

    private static void write(Path file, String text, int secondsLater) throws Exception {
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(secondsLater)));
    }
}
