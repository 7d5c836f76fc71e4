package com.rostersync.tenants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The registry's thresholds, time zone, pause windows, mode and destination bindings. */
class TenantControlsRegistryTest {

    private static final String BASE =
            """
            tenants:
              - id: maple
                schoolIds: [MHS, MMS]
                source: {type: CSV_DROP, csvDrop: {folder: /data/maple}}
                destinations:
                  - {id: d1, host: h, username: u, passwordRef: P, knownHosts: k}
            """;

    /** The base registry with {@code lines} (YAML at the tenant's level, not indented) added to the tenant. */
    private static String withTenantLines(String lines) {
        return BASE.replace("    destinations:", lines.indent(4) + "    destinations:");
    }

    private static Tenant maple(String yaml) {
        return TenantRegistryLoader.parse(yaml, "test.yml").tenant("maple").orElseThrow();
    }

    @Test
    void aTenantWithoutSettingsIsADryRunWithTheDefaultThresholdsInUtc() {
        Tenant maple = maple(BASE);

        assertThat(maple.mode()).isEqualTo(Mode.DRY_RUN);
        assertThat(maple.controls().thresholds()).isEqualTo(new Thresholds(10, 75, null));
        assertThat(maple.controls().pauses().timeZone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(maple.destinations().get(0).allowedSchoolIds()).containsExactly("MHS", "MMS");
    }

    @Test
    void readsThresholdsWithSchoolOverridesModePausesAndBindings() {
        String yaml = withTenantLines(
                        """
                            mode: live
                            timeZone: America/Chicago
                            thresholds: {archivePercent: 5, updatePercent: 60, createPercent: 30}
                            schoolThresholds:
                              MMS: {updatePercent: 90}
                            pauses:
                              - date: 2026-12-24
                              - {from: 2027-03-15, to: 2027-03-19}
                              - everyYear: {from: 06-20, to: 08-15}
                            """)
                .replace("knownHosts: k}", "knownHosts: k, allowedSchoolIds: [MHS, MMS, MES]}");

        Tenant maple = maple(yaml);

        assertThat(maple.mode()).isEqualTo(Mode.LIVE);
        assertThat(maple.deletionThresholdPercent()).isEqualTo(5.0);
        assertThat(maple.controls().thresholdsFor("MHS")).isEqualTo(new Thresholds(5, 60, 30.0));
        assertThat(maple.controls().thresholdsFor("MMS")).isEqualTo(new Thresholds(5, 90, 30.0));
        Pauses pauses = maple.controls().pauses();
        assertThat(pauses.pausedUntil(Instant.parse("2026-12-24T23:00:00Z")))
                .contains(LocalDateTime.parse("2026-12-25T00:00"));
        // 2026-12-25T03:00Z is still the 24th in Chicago.
        assertThat(pauses.pausedUntil(Instant.parse("2026-12-25T03:00:00Z")))
                .contains(LocalDateTime.parse("2026-12-25T00:00"));
        assertThat(pauses.pausedUntil(Instant.parse("2026-12-25T12:00:00Z"))).isEmpty();
        assertThat(pauses.pausedUntil(Instant.parse("2027-03-16T12:00:00Z")))
                .contains(LocalDateTime.parse("2027-03-20T00:00"));
        assertThat(pauses.pausedUntil(Instant.parse("2027-07-01T12:00:00Z")))
                .contains(LocalDateTime.parse("2027-08-16T00:00"));
        assertThat(maple.destinations().get(0).allowedSchoolIds()).containsExactly("MHS", "MMS", "MES");
        assertThat(maple.destinations().get(0).schoolsNotAllowed(java.util.List.of("MHS", "OTHER")))
                .containsExactly("OTHER");
    }

    @Test
    void keepsTheOldDeletionThresholdKey() {
        Tenant maple = maple(BASE.replace("    destinations:", "    deletionThresholdPercent: 20\n    destinations:"));

        assertThat(maple.controls().thresholds()).isEqualTo(new Thresholds(20, 75, null));
    }

    @Test
    void aYearlyWindowMayWrapPastNewYear() {
        Pauses pauses = new Pauses(
                ZoneId.of("UTC"),
                java.util.List.of(PauseWindow.everyYear(java.time.MonthDay.of(12, 20), java.time.MonthDay.of(1, 5))));

        assertThat(pauses.pausedUntil(Instant.parse("2026-12-28T00:00:00Z")))
                .contains(LocalDateTime.parse("2027-01-06T00:00"));
        assertThat(pauses.pausedUntil(Instant.parse("2027-01-02T00:00:00Z")))
                .contains(LocalDateTime.parse("2027-01-06T00:00"));
        assertThat(pauses.pausedUntil(Instant.parse("2027-01-06T00:00:00Z"))).isEmpty();
    }

    @Test
    void adjoiningWindowsAreOnePause() {
        Pauses pauses = new Pauses(
                ZoneId.of("UTC"),
                java.util.List.of(
                        PauseWindow.once(
                                java.time.LocalDate.parse("2026-06-01"), java.time.LocalDate.parse("2026-06-19")),
                        PauseWindow.everyYear(java.time.MonthDay.of(6, 20), java.time.MonthDay.of(8, 15))));

        assertThat(pauses.pausedUntil(Instant.parse("2026-06-10T00:00:00Z")))
                .contains(LocalDateTime.parse("2026-08-16T00:00"));
    }

    @Test
    void namesTenantAndFieldOfEveryWrongControl() {
        String yaml = withTenantLines(
                """
                    mode: sometimes
                    timeZone: Mars/Olympus
                    deletionThresholdPercent: 10
                    thresholds: {archivePercent: 12, updatePercent: 120, creatPercent: 5}
                    schoolThresholds:
                      NOPE: {updatePercent: 50}
                    pauses:
                      - date: christmas
                      - {from: 2027-03-19, to: 2027-03-15}
                      - everyYear: {from: 13-01, to: 08-15}
                      - {from: 2027-03-19}
                    """);

        assertThatThrownBy(() -> TenantRegistryLoader.parse(yaml, "test.yml"))
                .isInstanceOfSatisfying(InvalidTenantRegistryException.class, e -> assertThat(e.problems())
                        .contains(
                                "tenant 'maple': mode must be live or dry-run",
                                "tenant 'maple': timeZone must be an IANA time zone id like America/Chicago or UTC",
                                "tenant 'maple': set the archive threshold once: deletionThresholdPercent or"
                                        + " thresholds.archivePercent",
                                "tenant 'maple': schoolThresholds: school 'NOPE' is not in the tenant's schoolIds",
                                "tenant 'maple': pauses[0].date must be a date like 2026-12-24",
                                "tenant 'maple': pauses[1].to must not be before from",
                                "tenant 'maple': pauses[2].everyYear.from must be a month and day like 06-20",
                                "tenant 'maple': pauses[3]: a range needs both from and to")
                        .anySatisfy(p ->
                                assertThat(p).startsWith("tenant 'maple': thresholds: unknown field 'creatPercent'")));
    }
}
