package com.rostersync.publisher.publish;

import com.rostersync.events.cycle.TenantCycleRef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToLongFunction;

/**
 * Holds a destination back while a tenant cycle that touched its schools is only partly mapped, so each destination is
 * uploaded once per cycle with the whole cycle in it, never with one school's new data beside another's old data. A
 * school counts as mapped for every open cycle of its tenant that started no later than the cycle its snapshot or MAP
 * outcome names (the mapper folds a burst of cycles into one snapshot), once the publisher holds at least the snapshot
 * version the mapper reported. The wait is bounded: after {@code maxWait} the destination goes out with what it has
 * and the schools that never came are reported, once per destination.
 */
final class TenantCycleGate {

    /** How long a cycle may hold its destinations when nothing else is configured. */
    static final Duration DEFAULT_WAIT = Duration.ofMinutes(5);

    private final Duration maxWait;
    private final Map<String, Map<String, OpenCycle>> openByTenant = new HashMap<>();
    /**
     * Cycles already let through, by id, with their start: a school's snapshot and its MAP outcome both report it
     * mapped, and the second may come after the upload. Without this it would open the cycle again with only that
     * school mapped, and hold the destination's next change for the whole wait.
     */
    private final Map<String, Instant> closed = new HashMap<>();

    TenantCycleGate(Duration maxWait) {
        this.maxWait = maxWait;
    }

    /**
     * The mapper finished {@code schoolId} for {@code cycle} with snapshot {@code version} (a snapshot received, or
     * a MAP outcome). A cycle not seen before opens, unless it started longer ago than the wait allows (a snapshot
     * read again from the compacted topic after a restart).
     */
    synchronized void schoolMapped(String tenantId, String schoolId, TenantCycleRef cycle, long version, Instant now) {
        if (cycle == null || cycle.cycleId() == null || cycle.startedAt() == null) {
            return;
        }
        Map<String, OpenCycle> open = openByTenant.computeIfAbsent(tenantId, t -> new LinkedHashMap<>());
        boolean recent = !cycle.startedAt().isBefore(now.minus(maxWait));
        // Older cycles cannot open again anyway (not recent): their ids need not be kept.
        closed.values().removeIf(started -> started.isBefore(now.minus(maxWait)));
        if (recent
                && !open.containsKey(cycle.cycleId())
                && !closed.containsKey(cycle.cycleId())
                && cycle.schoolIds().contains(schoolId)) {
            open.put(cycle.cycleId(), new OpenCycle(cycle, now.plus(maxWait)));
        }
        for (OpenCycle candidate : open.values()) {
            if (!candidate.ref.startedAt().isAfter(cycle.startedAt())
                    && candidate.ref.schoolIds().contains(schoolId)) {
                candidate.mapped.merge(schoolId, version, Math::max);
            }
        }
    }

    /**
     * What the destination covering {@code schools} of the tenant must wait for now. {@code heldVersion} gives the
     * snapshot version the publisher holds per school (negative: none).
     */
    synchronized Verdict judge(
            String tenantId,
            String destinationId,
            Collection<String> schools,
            ToLongFunction<String> heldVersion,
            Instant now) {
        Map<String, OpenCycle> open = openByTenant.get(tenantId);
        if (open == null || open.isEmpty()) {
            return Verdict.READY;
        }
        Set<String> waiting = new TreeSet<>();
        Set<String> abandoned = new TreeSet<>();
        Instant deadline = null;
        for (Iterator<OpenCycle> it = open.values().iterator(); it.hasNext(); ) {
            OpenCycle cycle = it.next();
            if (cycle.complete(heldVersion)) {
                it.remove();
                closed.put(cycle.ref.cycleId(), cycle.ref.startedAt());
                continue;
            }
            if (now.isAfter(cycle.deadline.plus(maxWait))) {
                // Every destination had a whole wait to report it; nothing is held by it any more.
                it.remove();
                closed.put(cycle.ref.cycleId(), cycle.ref.startedAt());
                continue;
            }
            List<String> missing = new ArrayList<>();
            for (String school : schools) {
                if (cycle.ref.schoolIds().contains(school) && !cycle.mapped(school, heldVersion)) {
                    missing.add(school);
                }
            }
            if (missing.isEmpty()) {
                continue;
            }
            if (now.isBefore(cycle.deadline)) {
                waiting.addAll(missing);
                deadline = deadline == null || cycle.deadline.isBefore(deadline) ? cycle.deadline : deadline;
            } else if (cycle.reportedTo.add(destinationId)) {
                abandoned.addAll(missing);
            }
        }
        if (!waiting.isEmpty()) {
            return new Verdict(List.copyOf(waiting), List.of(), Optional.of(deadline));
        }
        return abandoned.isEmpty() ? Verdict.READY : new Verdict(List.of(), List.copyOf(abandoned), Optional.empty());
    }

    /**
     * @param waiting   schools of an open cycle not mapped yet: do not upload before {@code until}
     * @param abandoned schools whose cycle was given up on: upload, and report them missing
     */
    record Verdict(List<String> waiting, List<String> abandoned, Optional<Instant> until) {

        static final Verdict READY = new Verdict(List.of(), List.of(), Optional.empty());

        boolean mustWait() {
            return !waiting.isEmpty();
        }
    }

    private static final class OpenCycle {
        private final TenantCycleRef ref;
        private final Instant deadline;
        private final Map<String, Long> mapped = new HashMap<>();
        private final Set<String> reportedTo = new HashSet<>();

        private OpenCycle(TenantCycleRef ref, Instant deadline) {
            this.ref = ref;
            this.deadline = deadline;
        }

        private boolean mapped(String school, ToLongFunction<String> heldVersion) {
            Long version = mapped.get(school);
            // Version 0: the mapper never emitted a snapshot of the school (its own record is invalid).
            return version != null && (version == 0 || heldVersion.applyAsLong(school) >= version);
        }

        private boolean complete(ToLongFunction<String> heldVersion) {
            return ref.schoolIds().stream().allMatch(school -> mapped(school, heldVersion));
        }
    }
}
