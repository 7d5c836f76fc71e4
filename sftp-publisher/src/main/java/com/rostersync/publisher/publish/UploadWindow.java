package com.rostersync.publisher.publish;

import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.tenants.Mode;
import com.rostersync.tenants.Tenant;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Whether a tenant's files may go out now: not in dry-run (the pipeline runs and reports, nothing is uploaded) and not
 * inside one of its pause windows, read in the tenant's time zone. A paused upload says when the pause ends, so the
 * coordinator uploads the latest content then without waiting for a new change.
 */
final class UploadWindow {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** Why nothing is uploaded now, with the message to report and, when paused, the instant the pause ends. */
    record Closed(OutcomeReason reason, String message, Optional<Instant> reopensAt) {}

    private UploadWindow() {}

    static Optional<Closed> closed(Tenant tenant, String destinationId, Instant now) {
        if (tenant.mode() == Mode.DRY_RUN) {
            return Optional.of(new Closed(
                    OutcomeReason.DRY_RUN,
                    "tenant " + tenant.id() + " is in dry-run: nothing uploaded to " + destinationId,
                    Optional.empty()));
        }
        Optional<LocalDateTime> until = tenant.controls().pauses().pausedUntil(now);
        return until.map(end -> new Closed(
                OutcomeReason.PAUSED,
                "paused until " + LOCAL.format(end) + " ("
                        + tenant.controls().pauses().timeZone().getId() + "): nothing uploaded to " + destinationId,
                tenant.controls().pauses().resumesAt(now)));
    }
}
