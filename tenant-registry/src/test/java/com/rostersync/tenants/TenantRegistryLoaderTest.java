package com.rostersync.tenants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TenantRegistryLoaderTest {

    @Test
    void loadsTenantsWithDefaultsFilledIn() throws Exception {
        TenantRegistry registry = TenantRegistryLoader.load(
                Path.of(getClass().getResource("/tenants-valid.yml").toURI()));

        Tenant maple = registry.tenant("maple").orElseThrow();
        assertThat(maple.deletionThresholdPercent()).isEqualTo(15.0);
        assertThat(maple.syncInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(maple.source().jdbc().password()).isEqualTo(new SecretRef("MAPLE_SIS_PASSWORD"));
        assertThat(maple.destinations()).singleElement().satisfies(d -> {
            assertThat(d.directory()).isEqualTo("oneroster11/");
            assertThat(d.schoolIds()).containsExactly("MHS", "MMS");
        });
        Tenant stAnne = registry.tenant("st-anne").orElseThrow();
        assertThat(stAnne.deletionThresholdPercent()).isEqualTo(Tenant.DEFAULT_DELETION_THRESHOLD_PERCENT);
        assertThat(stAnne.destinations().get(0).port()).isEqualTo(22);
        assertThat(registry.destination("clever-st-anne")).isPresent();
    }

    @Test
    void rejectsUnknownQueryOverridesPasswordQueriesAndSchoolIdsThatBreakKeys() {
        String yaml =
                """
                tenants:
                  - id: maple
                    schoolIds: [S1, "A/B"]
                    source:
                      type: JDBC
                      jdbc:
                        url: jdbc:h2:mem:x
                        queries:
                          students: select 1
                          person: select person_id, password from people
                """;

        assertThatThrownBy(() -> TenantRegistryLoader.parse(yaml, "test.yml"))
                .isInstanceOfSatisfying(InvalidTenantRegistryException.class, e -> assertThat(e.problems())
                        .contains(
                                "tenant 'maple': source.jdbc.queries.person must not select a password column",
                                "tenant 'maple': schoolIds may not contain '/'")
                        .anySatisfy(p -> assertThat(p)
                                .startsWith("tenant 'maple': source.jdbc.queries: unknown entity 'students'")));
    }

    @Test
    void changeTrackingFillsItsDefaultsAndRejectsAColumnNameThatWouldBeSql() throws Exception {
        String tracked =
                """
                tenants:
                  - id: maple
                    schoolIds: [S1]
                    source:
                      type: JDBC
                      jdbc:
                        url: jdbc:h2:mem:x
                        changeTracking: {overlap: 2m}
                """;
        ChangeTracking tracking = TenantRegistryLoader.parse(tracked, "test.yml")
                .tenant("maple")
                .orElseThrow()
                .source()
                .jdbc()
                .changeTracking();
        assertThat(tracking).isEqualTo(ChangeTracking.on("updated_at").withOverlap(Duration.ofMinutes(2)));

        String bad = tracked.replace(
                "{overlap: 2m}", "{column: \"x; drop table people\", fullReadEvery: 0s, clockQuery: \"now()\"}");
        assertThatThrownBy(() -> TenantRegistryLoader.parse(bad, "test.yml"))
                .isInstanceOfSatisfying(InvalidTenantRegistryException.class, e -> assertThat(e.problems())
                        .contains(
                                "tenant 'maple': source.jdbc.changeTracking.column must be a plain column name"
                                        + " (letters, digits, _)",
                                "tenant 'maple': source.jdbc.changeTracking.fullReadEvery must be positive",
                                "tenant 'maple': source.jdbc.changeTracking.clockQuery must be one select returning"
                                        + " the database's current time"));
    }

    @Test
    void allowEmptyAndExtensionColumnsAreReadAndDefaultToNothingAllowedAndDropped() {
        String yaml =
                """
                tenants:
                  - id: st-anne
                    schoolIds: [SA]
                    allowEmpty: [courses, demographics]
                    source:
                      type: CSV_DROP
                      csvDrop: {folder: /drops/st-anne}
                    destinations:
                      - {id: keeps, host: h, username: u1, passwordRef: P, knownHosts: k, extensionColumns: keep}
                      - {id: default, host: h, username: u2, passwordRef: P, knownHosts: k}
                """;

        Tenant stAnne =
                TenantRegistryLoader.parse(yaml, "test.yml").tenant("st-anne").orElseThrow();

        assertThat(stAnne.allowEmpty()).containsExactlyInAnyOrder("courses", "demographics");
        assertThat(stAnne.allowsEmpty("users")).isFalse();
        assertThat(stAnne.destinations())
                .extracting(DestinationAccount::extensionColumns)
                .containsExactly(DestinationAccount.ExtensionColumns.KEEP, DestinationAccount.ExtensionColumns.DROP);
        Tenant plain = TenantRegistryLoader.parse(yaml.replace("    allowEmpty: [courses, demographics]\n", ""), "t")
                .tenant("st-anne")
                .orElseThrow();
        assertThat(plain.allowEmpty()).isEmpty();
    }

    @Test
    void allowEmptyWithAnUnknownOrAnOrgsNameAndABadExtensionSettingAreErrorsNamingTenantAndField() {
        String yaml =
                """
                tenants:
                  - id: st-anne
                    schoolIds: [SA]
                    allowEmpty: [course, orgs]
                    source:
                      type: CSV_DROP
                      csvDrop: {folder: /drops/st-anne}
                    destinations:
                      - {id: d1, host: h, username: u1, passwordRef: P, knownHosts: k, extensionColumns: maybe}
                """;

        assertThatThrownBy(() -> TenantRegistryLoader.parse(yaml, "test.yml"))
                .isInstanceOfSatisfying(InvalidTenantRegistryException.class, e -> assertThat(e.problems())
                        .containsExactlyInAnyOrder(
                                "tenant 'st-anne': allowEmpty has unknown file 'course' (allowed: academicSessions,"
                                        + " classes, courses, demographics, enrollments, users)",
                                "tenant 'st-anne': allowEmpty may not name orgs (the tenant's schools must be in its"
                                        + " source)",
                                "tenant 'st-anne': destinations[0].extensionColumns must be keep or drop"));
    }

    @Test
    void reportsEveryProblemNamingTenantAndField() {
        String yaml =
                """
                tenants:
                  - id: maple
                    schoolIds: []
                    deletionTreshold: 20
                    deletionThresholdPercent: 150
                    source:
                      type: JDBC
                      jdbc: {}
                    destinations:
                      - id: d1
                        host: h
                        username: u
                        schoolIds: [NOPE]
                    leaders: [not-an-address]
                """;

        assertThatThrownBy(() -> TenantRegistryLoader.parse(yaml, "test.yml"))
                .isInstanceOfSatisfying(InvalidTenantRegistryException.class, e -> assertThat(e.problems())
                        .contains(
                                "tenant 'maple': schoolIds must list at least one school id",
                                "tenant 'maple': deletionThresholdPercent must be between 0 and 100",
                                "tenant 'maple': source.jdbc: url is required",
                                "tenant 'maple': destinations[0]: knownHosts is required",
                                "tenant 'maple': destinations[0]: set exactly one of passwordRef and privateKeyRef",
                                "tenant 'maple': destinations[0].schoolIds: school 'NOPE' is not in the tenant's schoolIds",
                                "tenant 'maple': leaders has an entry that is not an e-mail address")
                        .anySatisfy(p -> assertThat(p).startsWith("tenant 'maple': unknown field 'deletionTreshold'")));
    }

    @Test
    void secretsResolveFromEnvironmentThenFilesAndNeverPrint(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        java.nio.file.Files.writeString(dir.resolve("FROM_FILE"), "file-value\n");
        SecretResolver resolver = new SecretResolver(Map.of("FROM_ENV", "env-value"), dir);

        Secret fromEnv = resolver.resolve(new SecretRef("FROM_ENV")).orElseThrow();
        assertThat(fromEnv.reveal()).isEqualTo("env-value");
        assertThat(resolver.resolve(new SecretRef("FROM_FILE")).orElseThrow().reveal())
                .isEqualTo("file-value");
        assertThat(fromEnv.toString()).doesNotContain("env-value").contains("FROM_ENV");
        assertThatThrownBy(() -> resolver.require(new SecretRef("MISSING"), "destination d1"))
                .hasMessageContaining("MISSING")
                .hasMessageContaining("destination d1");
    }
}
