package com.rostersync.monitor.incident;

import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.events.outcome.SyncOutcome;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * When each district last completed a successful cycle, extract → map → publish: the input of the STALE check and of
 * the "seconds since last success" gauge. Uploads follow changes only, so a quiet district's cycle ends at the
 * extractor (nothing changed, nothing to map or upload) and its time advances with every completed extract; it does
 * not while any unit of the district is failing (the source, a destination), nor while a snapshot the mapper emitted
 * has not been uploaded yet (a publisher that stopped leaves its districts to age). Degraded but flowing outcomes
 * (VALIDATION, the holds, a FILE_FAILED drop file) do not stop it: those have their own incidents. A PAUSED or DRY_RUN
 * publish ends a cycle like an upload (the district asked for no upload, so it is not stale for it). A district
 * never seen succeed counts from when it was first tracked, so a new district gets the full stale period.
 *
 * <p>Only the times are restored after a restart; which units fail and which snapshots wait is learnt again from the
 * next outcomes.
 */
final class DistrictFreshness {

    private final Map<String, Instant> lastSuccess = new ConcurrentHashMap<>();
    private final Map<String, Pipeline> pipelines = new HashMap<>();

    public void restore(String tenantId, Instant at) {
        lastSuccess.merge(tenantId, at, DistrictFreshness::later);
    }

    /** Drops what is known of the matching districts (another monitor instance answers for them now). */
    public synchronized void forget(Predicate<String> tenants) {
        lastSuccess.keySet().removeIf(tenants);
        pipelines.keySet().removeIf(tenants);
    }

    /** Returns the new time when the outcome completes a successful cycle newer than what is known. */
    public synchronized Optional<Instant> record(SyncOutcome outcome) {
        if (outcome.tenantId() == null || outcome.stage() == null) {
            return Optional.empty();
        }
        Instant at = outcome.occurredAt() == null ? Instant.now() : outcome.occurredAt();
        Pipeline pipeline = pipelines.computeIfAbsent(outcome.tenantId(), t -> new Pipeline());
        boolean completed;
        switch (outcome.stage()) {
            case EXTRACT -> {
                completed = (outcome.reason() == OutcomeReason.CYCLE_COMPLETED
                                || outcome.reason() == OutcomeReason.FILE_FAILED)
                        && outcome.missingSchoolIds().isEmpty();
                pipeline.unit("EXTRACT", completed);
            }
            case MAP -> {
                // Not the end of a cycle: an unchanged school's cycle ended at its extract, a changed one's ends at
                // the upload.
                completed = false;
                pipeline.mapped(outcome, at);
            }
            case PUBLISH -> {
                // A pause or a dry run ends the cycle as the district configured it: not stale, and no failure.
                completed =
                        FailureReasons.isSuccessfulUpload(outcome) || FailureReasons.isDeliberatelyNotUploaded(outcome);
                pipeline.unit("PUBLISH/" + outcome.destinationId(), completed);
                if (completed) {
                    pipeline.published(outcome, at);
                }
            }
            default -> completed = false;
        }
        if (!completed || !pipeline.healthy()) {
            return Optional.empty();
        }
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

    /** One district's units that currently fail, and the schools whose newest snapshot awaits its upload. */
    private static final class Pipeline {
        private final Set<String> failing = new HashSet<>();
        private final Map<String, Long> versions = new HashMap<>();
        private final Map<String, Instant> awaitingUpload = new HashMap<>();

        void unit(String unit, boolean ok) {
            if (ok) {
                failing.remove(unit);
            } else {
                failing.add(unit);
            }
        }

        /** A higher snapshot version than last seen means the mapper emitted a snapshot the publisher must upload. */
        void mapped(SyncOutcome outcome, Instant at) {
            Long version = outcome.counts().get("version");
            if (version == null || outcome.schoolIds().isEmpty()) {
                return;
            }
            String school = outcome.schoolIds().get(0);
            Long before = versions.put(school, version);
            if (before != null && version > before) {
                awaitingUpload.putIfAbsent(school, at);
            }
        }

        void published(SyncOutcome outcome, Instant at) {
            for (String school : outcome.schoolIds()) {
                Instant waiting = awaitingUpload.get(school);
                if (waiting != null && !waiting.isAfter(at)) {
                    awaitingUpload.remove(school);
                }
            }
        }

        boolean healthy() {
            return failing.isEmpty() && awaitingUpload.isEmpty();
        }
    }
}
