package com.rostersync.tenants;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * A tenant's pause windows, read in its time zone ({@code timeZone} in the registry, an IANA id), so that "June 20"
 * means the district's June 20 and not the server's.
 */
public record Pauses(ZoneId timeZone, List<PauseWindow> windows) {

    /** Never paused, in UTC. */
    public static final Pauses NONE = new Pauses(ZoneId.of("UTC"), List.of());

    public Pauses {
        timeZone = timeZone == null ? ZoneId.of("UTC") : timeZone;
        windows = windows == null ? List.of() : List.copyOf(windows);
    }

    /**
     * When the pause that covers {@code now} ends, as a local date-time of the tenant's zone; empty when no window
     * covers it. Windows that meet or overlap count as one pause, so the end given is when uploads really resume.
     */
    public Optional<LocalDateTime> pausedUntil(Instant now) {
        LocalDateTime local = LocalDateTime.ofInstant(now, timeZone);
        LocalDateTime end = null;
        LocalDateTime probe = local;
        // Each step moves past one window's end; the bound only guards against a registry of many chained windows.
        for (int step = 0; step <= windows.size() + 1; step++) {
            LocalDateTime found = endCovering(probe);
            if (found == null || (end != null && !found.isAfter(end))) {
                break;
            }
            end = found;
            probe = found;
        }
        return Optional.ofNullable(end);
    }

    /** The instant a pause covering {@code now} ends; empty when not paused. */
    public Optional<Instant> resumesAt(Instant now) {
        return pausedUntil(now).map(end -> end.atZone(timeZone).toInstant());
    }

    private LocalDateTime endCovering(LocalDateTime at) {
        LocalDateTime latest = null;
        for (PauseWindow window : windows) {
            Optional<LocalDateTime> end = window.endIfCovers(at.toLocalDate());
            if (end.isPresent() && (latest == null || end.get().isAfter(latest))) {
                latest = end.get();
            }
        }
        return latest;
    }
}
