package com.rostersync.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.rostersync.localstack.sis.DemoCatalog;
import com.rostersync.tenants.DestinationAccount;
import com.rostersync.tenants.Tenant;
import com.rostersync.tenants.TenantRegistry;
import com.rostersync.tenants.TenantRegistryLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The tenant registries we hand out are valid for the real loader: the compose example and the local stack's. */
class DeploymentFilesTest {

    @Test
    void composeExampleRegistryIsValid() {
        TenantRegistry registry =
                TenantRegistryLoader.load(repositoryRoot().resolve("deploy/compose/tenants.example.yml"));
        assertThat(registry.tenants()).extracting(Tenant::id).containsExactly("maple", "riverside", "st-anne");
        Tenant riverside = registry.tenant("riverside").orElseThrow();
        assertThat(riverside.allowEmpty()).containsExactly("demographics");
        assertThat(riverside.destinations())
                .extracting(DestinationAccount::id, DestinationAccount::keepsExtensionColumns)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("riverside-high", true),
                        org.assertj.core.groups.Tuple.tuple("riverside-elementary", false));
    }

    @Test
    void localStackRegistryCoversEveryDemoSchoolAndDestination() {
        DemoCatalog catalog = DemoCatalog.standard();
        String yaml = TenantFile.yaml(
                catalog,
                "jdbc:h2:file:/tmp/x/sis/demo-sis",
                "sis",
                "127.0.0.1",
                2222,
                "[127.0.0.1]:2222 ssh-ed25519 AAAA",
                Duration.ofSeconds(2));
        TenantRegistry registry = TenantRegistryLoader.parse(yaml, "test");
        assertThat(registry.tenants()).hasSize(catalog.tenants().size());
        assertThat(registry.tenants())
                .flatExtracting(Tenant::schoolIds)
                .containsExactlyElementsOf(catalog.schools().stream()
                        .map(DemoCatalog.DemoSchool::id)
                        .toList());
        assertThat(registry.tenants())
                .filteredOn(t -> t.id().equals("st-anne"))
                .singleElement()
                .satisfies(t -> {
                    assertThat(t.name()).isEqualTo("St. Anne's Academy");
                    assertThat(t.syncInterval()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(t.destinations().get(0).directory()).isEqualTo("oneroster11/");
                });
    }

    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        return dir;
    }
}
