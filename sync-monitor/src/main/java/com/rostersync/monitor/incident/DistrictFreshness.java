package com.rostersync.monitor.incident;

import com.rostersync.events.outcome.SyncOutcome;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each district last had a successful upload (UPLOADED or UNCHANGED): the input of the STALE check and of the
 * "seconds since last success" gauge. A district the monitor has never seen succeed counts from when it was first
 * tracked, so a new district gets the full stale period before it is reported.
 */
public final class DistrictFreshness {

    private final Map<String, Instant> lastSuccess = new ConcurrentHashMap<>();

    public void restore(String tenantId, Instant at) {
        lastSuccess.merge(tenantId, at, DistrictFreshness::later);
    }

    /** Returns the new time when the outcome is a success newer than what is known. */
    public Optional<Instant> record(SyncOutcome outcome) {
        if (!FailureReasons.isSuccessfulUpload(outcome) || outcome.tenantId() == null) {
            return Optional.empty();
        }
        Instant at = outcome.occurredAt() == null ? Instant.now() : outcome.occurredAt();
        Instant before = lastSuccess.get(outcome.tenantId());
        if (before != null && !at.isAfter(before)) {
            return Optional.empty();
        }
        lastSuccess.put(outcome.tenantId(), at);
        return Optional.of(at);
    }

    /** Starts tracking a district (from the registry); returns true when it was not tracked before. */
    public boolean track(String tenantId, Instant now) {
        return lastSuccess.putIfAbsent(tenantId, now) == null;
    }

    public Optional<Instant> lastSuccess(String tenantId) {
        return Optional.ofNullable(lastSuccess.get(tenantId));
    }

    public Map<String, Instant> snapshot() {
        return Map.copyOf(lastSuccess);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
