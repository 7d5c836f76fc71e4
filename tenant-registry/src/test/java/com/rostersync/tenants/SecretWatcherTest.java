package com.rostersync.tenants;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretWatcherTest {

    private static final String REGISTRY =
            """
            tenants:
              - id: maple
                schoolIds: [MHS]
                source:
                  type: JDBC
                  jdbc: {url: "jdbc:h2:mem:maple", username: sis, passwordRef: MAPLE_SIS_PASSWORD}
                destinations:
                  - id: clever-maple
                    host: 127.0.0.1
                    username: maple-clever
                    passwordRef: MAPLE_CLEVER_PASSWORD
                    knownHosts: "[127.0.0.1]:22 ssh-ed25519 AAAA"
            """;

    @TempDir
    Path secrets;

    @Test
    void reportsTheNamesOfSecretsRotatedOnDiskAndNothingWhenTheyAreUnchanged() throws Exception {
        Files.writeString(secrets.resolve("MAPLE_SIS_PASSWORD"), "first\n");
        Files.writeString(secrets.resolve("MAPLE_CLEVER_PASSWORD"), "sftp-one\n");
        TenantRegistry registry = TenantRegistryLoader.parse(REGISTRY, "test");
        List<Set<String>> told = new ArrayList<>();
        SecretWatcher watcher = new SecretWatcher(() -> registry, new SecretResolver(Map.of(), secrets));
        watcher.onChange(told::add);

        assertThat(watcher.checkNow()).isEmpty();
        Files.writeString(secrets.resolve("MAPLE_CLEVER_PASSWORD"), "sftp-two\n");
        assertThat(watcher.checkNow()).containsExactly("MAPLE_CLEVER_PASSWORD");
        assertThat(watcher.checkNow()).isEmpty();
        Files.delete(secrets.resolve("MAPLE_SIS_PASSWORD"));
        assertThat(watcher.checkNow()).containsExactly("MAPLE_SIS_PASSWORD");
        assertThat(told).containsExactly(Set.of("MAPLE_CLEVER_PASSWORD"), Set.of("MAPLE_SIS_PASSWORD"));
    }

    @Test
    void namesTheSecretsOfASourceAndOfADestination() {
        Tenant maple =
                TenantRegistryLoader.parse(REGISTRY, "test").tenant("maple").orElseThrow();

        assertThat(SecretWatcher.secretNames(maple.source())).containsExactly("MAPLE_SIS_PASSWORD");
        assertThat(SecretWatcher.secretNames(maple.destinations().get(0))).containsExactly("MAPLE_CLEVER_PASSWORD");
        assertThat(SecretWatcher.secretNames(maple)).containsExactly("MAPLE_SIS_PASSWORD", "MAPLE_CLEVER_PASSWORD");
    }
}
