package com.rostersync.extractor.cycle;

import com.rostersync.tenants.Tenant;
import com.rostersync.tenants.TenantRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every tenant's cycle every {@code syncInterval} (or the interval a caller gives a tenant) on a bounded pool, at
 * each {@link #tick()} a timer of the service calls. A tenant never has two cycles at once, and a cycle that overruns the cycle timeout is interrupted; so a
 * slow or hanging district holds one thread at most and never delays the others (thousands of tenants). Tenants added
 * to or removed from the registry take effect on the next tick.
 */
public final class CycleScheduler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CycleScheduler.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(3);

    private final Supplier<TenantRegistry> registry;
    private final Consumer<Tenant> cycle;
    private final Duration cycleTimeout;
    private final Clock clock;
    private final ThreadPoolExecutor workers;
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private final Map<String, Instant> nextDue = new ConcurrentHashMap<>();
    private final Predicate<String> owns;
    private final Function<Tenant, Duration> interval;

    /** A scheduler that runs every tenant of the registry every sync interval (one extractor instance). */
    public CycleScheduler(
            Supplier<TenantRegistry> registry,
            Consumer<Tenant> cycle,
            ThreadPoolExecutor workers,
            Duration cycleTimeout,
            Clock clock) {
        this(registry, cycle, workers, cycleTimeout, clock, tenantId -> true, Tenant::syncInterval);
    }

    /**
     * A scheduler that starts cycles only for the tenants {@code owns} accepts at each tick: with several extractor
     * instances, each tenant belongs to one of them at a time, so no tenant is read and published twice. A tenant's
     * next cycle is due {@code interval} after its last one started, unless {@link #runSoon} brings it forward. The
     * cycles run on {@code workers}, whose queue bounds the due cycles that may wait for a thread; this scheduler stops
     * them.
     */
    public CycleScheduler(
            Supplier<TenantRegistry> registry,
            Consumer<Tenant> cycle,
            ThreadPoolExecutor workers,
            Duration cycleTimeout,
            Clock clock,
            Predicate<String> owns,
            Function<Tenant, Duration> interval) {
        this.owns = owns;
        this.interval = interval;
        this.registry = registry;
        this.cycle = cycle;
        this.cycleTimeout = cycleTimeout;
        this.clock = clock;
        this.workers = workers;
    }

    /**
     * Makes a tenant's next cycle due at the next tick instead of after its sync interval, e.g. because a secret it
     * uses changed, so a source that failed on credentials is read again promptly.
     */
    public void runSoon(String tenantId) {
        nextDue.remove(tenantId);
    }

    /** Starts due cycles and interrupts overrunning ones; tests drive it without a timer. */
    public void tick() {
        try {
            Instant now = clock.instant();
            running.forEach((tenantId, run) -> {
                if (run.future().isDone()) {
                    running.remove(tenantId, run);
                } else if (now.isAfter(run.startedAt().plus(cycleTimeout))) {
                    log.warn("Tenant {}: cycle overran {} and is interrupted", tenantId, cycleTimeout);
                    run.future().cancel(true);
                }
            });
            for (Tenant tenant : registry.get().tenants()) {
                if (!owns.test(tenant.id())
                        || running.containsKey(tenant.id())
                        || now.isBefore(nextDue.getOrDefault(tenant.id(), Instant.MIN))) {
                    continue;
                }
                try {
                    Future<?> future = workers.submit(() -> cycle.accept(tenant));
                    running.put(tenant.id(), new Running(now, future));
                    nextDue.put(tenant.id(), now.plus(interval.apply(tenant)));
                } catch (RejectedExecutionException full) {
                    log.warn(
                            "Tenant {}: cycle due but all {} threads and the queue are busy; retried next tick",
                            tenant.id(),
                            workers.getMaximumPoolSize());
                    return;
                }
            }
        } catch (RuntimeException unexpected) {
            log.error("Scheduler tick failed; next tick retries", unexpected);
        }
    }

    /**
     * Waits until no cycle of a matching tenant runs, at most {@code grace}; then interrupts what still runs. Called
     * once those tenants are no longer owned (no new cycle of theirs starts), so that another instance that takes
     * them over never runs a cycle of the same tenant at the same time. Returns false if a cycle had to be interrupted.
     */
    public boolean awaitCycles(Predicate<String> tenants, Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        boolean finished = true;
        for (Map.Entry<String, Running> entry : running.entrySet()) {
            if (!tenants.test(entry.getKey())) {
                continue;
            }
            Future<?> future = entry.getValue().future();
            try {
                future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException overran) {
                log.warn("Tenant {}: given up while its cycle still runs; the cycle is interrupted", entry.getKey());
                future.cancel(true);
                finished = false;
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                future.cancel(true);
                return false;
            } catch (ExecutionException | CancellationException ended) {
                // The cycle ended (its failure was reported by the cycle itself).
            }
            running.remove(entry.getKey(), entry.getValue());
        }
        return finished;
    }

    /**
     * Starts no new cycle and lets running ones finish for a moment (a cycle usually takes well under a second), so a
     * clean stop does not cut a cycle off before it reported its outcome; then interrupts whatever still runs. The timer
     * that calls {@link #tick()} is stopped first.
     */
    @Override
    public void close() {
        workers.shutdown();
        try {
            if (!workers.awaitTermination(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException interrupted) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private record Running(Instant startedAt, Future<?> future) {}
}
