package com.rostersync.kernel.overrides;

import static org.assertj.core.api.Assertions.assertThat;

import com.rostersync.events.command.TenantControlOverride;
import com.rostersync.tenants.Mode;
import com.rostersync.tenants.PauseWindow;
import com.rostersync.tenants.Pauses;
import com.rostersync.tenants.Tenant;
import com.rostersync.tenants.TenantControls;
import com.rostersync.tenants.TenantRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ControlOverridesTest {

    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static final Pauses SUMMER =
            new Pauses(CHICAGO, List.of(PauseWindow.everyYear(MonthDay.of(6, 20), MonthDay.of(8, 15))));
    // 20:00 on December 1 in Chicago is already December 2 in UTC.
    private static final Instant EVENING =
            ZonedDateTime.of(2026, 12, 1, 20, 0, 0, 0, CHICAGO).toInstant();

    @Test
    void anOverriddenModeReplacesTheRegistrysAndKeepsItsPausesAndThresholds() {
        Tenant live = tenant("maple", TenantControls.liveArchiving(15).withPauses(SUMMER));

        Tenant overridden = ControlOverrides.apply(live, override("maple", "dry-run", null), EVENING);

        assertThat(overridden.mode()).isEqualTo(Mode.DRY_RUN);
        assertThat(overridden.controls().pauses()).isEqualTo(SUMMER);
        assertThat(overridden.controls().thresholds().archivePercent()).isEqualTo(15);
        assertThat(overridden.deletionThresholdPercent()).isEqualTo(15);
    }

    @Test
    void aPauseRunsFromTheTenantsTodayInItsZoneThroughTheLastDayAndTheRegistryWindowsStay() {
        Tenant live = tenant("maple", TenantControls.LIVE_DEFAULTS.withPauses(SUMMER));

        Tenant paused = ControlOverrides.apply(live, override("maple", null, LocalDate.of(2026, 12, 3)), EVENING);

        assertThat(paused.mode()).isEqualTo(Mode.LIVE);
        assertThat(paused.controls().pauses().windows())
                .containsExactly(
                        SUMMER.windows().get(0),
                        PauseWindow.once(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 3)));
        assertThat(paused.controls().pauses().pausedUntil(EVENING)).contains(LocalDateTime.of(2026, 12, 4, 0, 0));
    }

    @Test
    void aPauseWhoseLastDayHasPassedAddsNothing() {
        Tenant live = tenant("maple", TenantControls.LIVE_DEFAULTS.withPauses(SUMMER));

        Tenant after = ControlOverrides.apply(live, override("maple", null, LocalDate.of(2026, 11, 30)), EVENING);

        assertThat(after.controls().pauses()).isEqualTo(SUMMER);
        assertThat(after.controls().pauses().pausedUntil(EVENING)).isEmpty();
    }

    @Test
    void aModeThisBuildDoesNotKnowLeavesTheRegistrysMode() {
        Tenant dryRun = tenant("maple", TenantControls.LIVE_DEFAULTS.withMode(Mode.DRY_RUN));

        assertThat(ControlOverrides.apply(dryRun, override("maple", "shadow", null), EVENING)
                        .mode())
                .isEqualTo(Mode.DRY_RUN);
        assertThat(ControlOverrides.apply(dryRun, override("maple", " LIVE ", null), EVENING)
                        .mode())
                .isEqualTo(Mode.LIVE);
    }

    @Test
    void onlyTheOverriddenTenantsOfTheRegistryChange() {
        TenantRegistry registry = new TenantRegistry(List.of(
                tenant("maple", TenantControls.LIVE_DEFAULTS.withMode(Mode.DRY_RUN)),
                tenant("oak", TenantControls.LIVE_DEFAULTS.withMode(Mode.DRY_RUN))));

        TenantRegistry applied =
                ControlOverrides.apply(registry, Map.of("oak", override("oak", "live", null)), EVENING);

        assertThat(applied.tenant("maple").orElseThrow().mode()).isEqualTo(Mode.DRY_RUN);
        assertThat(applied.tenant("oak").orElseThrow().mode()).isEqualTo(Mode.LIVE);
        assertThat(ControlOverrides.apply(registry, Map.of(), EVENING)).isSameAs(registry);
    }

    private static TenantControlOverride override(String tenantId, String mode, LocalDate through) {
        return new TenantControlOverride(tenantId, mode, through, "ops-lead", EVENING, "reviewed");
    }

    private static Tenant tenant(String id, TenantControls controls) {
        return new Tenant(id, id, null, List.of("MHS"), 10, Duration.ofMinutes(1), List.of(), List.of())
                .withControls(controls);
    }
}
