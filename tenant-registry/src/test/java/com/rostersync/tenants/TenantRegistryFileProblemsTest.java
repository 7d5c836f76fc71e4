package com.rostersync.tenants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the registry says about a file that Jackson can only half read: every problem at once, at its field. */
class TenantRegistryFileProblemsTest {

    private static List<String> problemsOf(String yaml) {
        try {
            TenantRegistryLoader.parse(yaml, "test.yml");
        } catch (InvalidTenantRegistryException invalid) {
            return invalid.problems();
        }
        throw new AssertionError("the registry was accepted");
    }

    @Test
    void namesEveryWrongValueAndUnknownKeyAtItsFieldInOneRun() {
        String yaml =
                """
                tenants:
                  - id: maple
                    schoolIds: [MHS]
                    syncInterval: soon
                    deletionThresholdPercent: lots
                    source:
                      type: ORACLE
                      jdbc: {url: "jdbc:h2:mem:x", timeout: 30, pasword: X}
                    destinations:
                      - {id: d1, host: h, port: 70000, username: u, passwordRef: P, knownHosts: k, minInterval: -1s}
                      - {id: d1, host: h, username: u, privateKeyRef: K, knownHosts: k, schoolIds: MHS}
                  - id: maple
                    schoolIds: [S1, S1]
                    source: CSV_DROP
                """;

        assertThat(problemsOf(yaml))
                .contains(
                        "tenant 'maple': syncInterval must be a duration like 30s, 5m or PT1H",
                        "tenant 'maple': deletionThresholdPercent must be a number",
                        "tenant 'maple': source.type must be JDBC or CSV_DROP",
                        "tenant 'maple': source.jdbc.timeout must be a duration like 30s, 5m or PT1H",
                        "tenant 'maple': destinations[0].port must be between 1 and 65535",
                        "tenant 'maple': destinations[0].minInterval must not be negative",
                        "tenant 'maple': destinations[1].schoolIds must be a list",
                        "tenant 'maple': destinations id 'd1' is used twice",
                        "tenant 'maple': id is used by another tenant",
                        "tenant 'maple': schoolIds lists a school twice",
                        "tenant 'maple': source must be a mapping of fields")
                .anySatisfy(p -> assertThat(p)
                        .startsWith("tenant 'maple': source.jdbc: unknown field 'pasword' (allowed: ")
                        .contains("passwordRef"));
    }

    @Test
    void anSftpDropNeedsItsLoginAndExactlyOneSecretAndALocalDropNeedsNeither() {
        String yaml =
                """
                tenants:
                  - id: st-anne
                    schoolIds: [SA]
                    source:
                      type: csv_drop
                      csvDrop: {host: sftp.example.org, folder: /drops}
                """;

        assertThat(problemsOf(yaml))
                .containsExactlyInAnyOrder(
                        "tenant 'st-anne': source.csvDrop: set either folder (a local drop) or host (an SFTP site),"
                                + " not both or neither",
                        "tenant 'st-anne': source.csvDrop: an SFTP drop (host) needs username, knownHosts and"
                                + " directory",
                        "tenant 'st-anne': source.csvDrop: set exactly one of passwordRef and privateKeyRef");
        assertThat(problemsOf(yaml.replace("type: csv_drop\n", "type: CSV_DROP\n")
                        .replace("csvDrop: {host: sftp.example.org, folder: /drops}", "")))
                .containsExactly("tenant 'st-anne': source: csvDrop is required for type CSV_DROP");
    }

    @Test
    void readsDurationsTheWaySpringBootReadsItsOwnProperties() {
        String yaml =
                """
                tenants:
                  - id: maple
                    schoolIds: [MHS]
                    syncInterval: 1d
                    source:
                      type: JDBC
                      jdbc:
                        url: jdbc:h2:mem:x
                        timeout: 1500ms
                        changeTracking: {overlap: PT90S, fullReadEvery: 12h}
                """;

        Tenant maple =
                TenantRegistryLoader.parse(yaml, "test.yml").tenant("maple").orElseThrow();

        assertThat(maple.syncInterval()).isEqualTo(Duration.ofDays(1));
        assertThat(maple.source().jdbc().timeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(maple.source().jdbc().changeTracking().overlap()).isEqualTo(Duration.ofSeconds(90));
        assertThat(maple.source().jdbc().changeTracking().fullReadEvery()).isEqualTo(Duration.ofHours(12));
    }

    @Test
    void aTenantWithoutAnIdIsNamedByItsPositionAndAFileThatIsNotYamlSaysSo() {
        assertThat(
                        problemsOf(
                                """
                        tenants:
                          - schoolIds: [S1]
                            source: {type: CSV_DROP, csvDrop: {folder: /d}}
                        """))
                .containsExactly("tenants[0]: id is required");
        assertThat(problemsOf("tenants: [ {id: x")).singleElement().satisfies(p -> assertThat(p)
                .startsWith("not valid YAML: "));
        assertThat(problemsOf("tenants: []")).containsExactly("tenants must list at least one tenant");
        assertThat(problemsOf("tenant: []"))
                .containsExactly("unknown field 'tenant' (allowed: tenants)", "tenants must list at least one tenant");
        assertThatThrownBy(() -> TenantRegistryLoader.parse("", "empty.yml"))
                .hasMessageContaining("empty.yml")
                .hasMessageContaining("tenants must list at least one tenant");
    }
}
