package com.rostersync.monitor.console;

import com.rostersync.tenants.Mode;
import com.rostersync.tenants.Tenant;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether a tenant's files reach its destinations now, as the console shows it: a dry run never uploads, a pause
 * window holds uploads until its end (in the district's own time zone), otherwise it is live.
 */
record UploadStatus(String label, boolean uploading) {

    static UploadStatus of(Tenant tenant, Instant now) {
        if (tenant.controls().mode() == Mode.DRY_RUN) {
            return new UploadStatus("dry run: nothing is uploaded", false);
        }
        Optional<String> paused = tenant.controls()
                .pauses()
                .pausedUntil(now)
                .map(until -> "paused until " + until + " ("
                        + tenant.controls().pauses().timeZone() + ")");
        return paused.map(label -> new UploadStatus(label, false)).orElse(new UploadStatus("live", true));
    }
}
