package com.rostersync.monitor.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.rostersync.tenants.Mode;
import com.rostersync.tenants.PauseWindow;
import com.rostersync.tenants.Pauses;
import com.rostersync.tenants.Tenant;
import com.rostersync.tenants.TenantControls;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class UploadStatusTest {

    private static final Instant JULY_1_NOON_UTC = Instant.parse("2027-07-01T12:00:00Z");

    @Test
    void aDryRunTenantShowsThatNothingIsUploadedEvenInsideAPause() {
        TenantControls controls =
                TenantControls.LIVE_DEFAULTS.withMode(Mode.DRY_RUN).withPauses(summerPause());

        UploadStatus status = UploadStatus.of(tenant(controls), JULY_1_NOON_UTC);

        assertThat(status.label()).isEqualTo("dry run: nothing is uploaded");
        assertThat(status.uploading()).isFalse();
    }

    @Test
    void aPausedTenantShowsWhenUploadsResumeInItsOwnTimeZone() {
        UploadStatus status =
                UploadStatus.of(tenant(TenantControls.LIVE_DEFAULTS.withPauses(summerPause())), JULY_1_NOON_UTC);

        assertThat(status.label()).isEqualTo("paused until 2027-08-16T00:00 (America/Chicago)");
        assertThat(status.uploading()).isFalse();
    }

    @Test
    void aLiveTenantOutsideItsPausesIsLive() {
        UploadStatus status = UploadStatus.of(
                tenant(TenantControls.LIVE_DEFAULTS.withPauses(summerPause())), Instant.parse("2027-09-01T12:00:00Z"));

        assertThat(status).isEqualTo(new UploadStatus("live", true));
    }

    private static Pauses summerPause() {
        return new Pauses(
                ZoneId.of("America/Chicago"),
                List.of(PauseWindow.once(LocalDate.of(2027, 6, 20), LocalDate.of(2027, 8, 15))));
    }

    private static Tenant tenant(TenantControls controls) {
        return new Tenant("maple", "Maple", null, List.of("MHS"), 10, Duration.ofMinutes(1), List.of(), List.of())
                .withControls(controls);
    }
}
