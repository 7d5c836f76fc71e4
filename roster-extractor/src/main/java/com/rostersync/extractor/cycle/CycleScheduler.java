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
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every tenant's cycle every {@code syncInterval} (or the interval a caller gives a tenant) on a bounded pool, at
 * each {@link #tick()}. Once {@link #start started} on a timer it ticks every {@code every}, at the moment the next
 * tenant falls due, and at once after {@link #runSoon}: a quiet platform's timer wakes for due cycles, not to look at
 * a thousand tenants four times a second. A tenant never has two cycles at once, and a cycle that overruns the cycle
 * timeout is interrupted; so a slow or hanging district holds one thread at most and never delays the others
 * (thousands of tenants). Tenants added to or removed from the registry take effect on the next tick.
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
    /** The earliest extra tick asked of the timer and not yet run; null when none is pending. */
    private final AtomicReference<Instant> wakeAt = new AtomicReference<>();

    private volatile ScheduledExecutorService timer;
    private volatile Duration every = Duration.ZERO;
    private volatile ScheduledFuture<?> ticking;

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
     * Makes a tenant's next cycle due now instead of after its interval, and ticks at once on a started scheduler: a
     * secret it uses changed (a source that failed on credentials is read again promptly), or its drop folder settled.
     */
    public void runSoon(String tenantId) {
        nextDue.remove(tenantId);
        wake(clock.instant());
    }

    /**
     * Ticks on {@code timer} (one thread, so ticks never overlap) every {@code every} and whenever a tenant falls due
     * between two of them; tests may instead call {@link #tick()} themselves.
     */
    public void start(ScheduledExecutorService timer, Duration every) {
        this.timer = timer;
        this.every = every;
        ticking = timer.scheduleWithFixedDelay(this::tick, 0, every.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Starts due cycles and interrupts overrunning ones, then asks the timer for the next due moment. */
    public void tick() {
        wakeAt.set(null);
        try {
            Instant now = clock.instant();
            Instant nextCycle = null;
            running.forEach((tenantId, run) -> {
                if (run.future().isDone()) {
                    running.remove(tenantId, run);
                } else if (now.isAfter(run.startedAt().plus(cycleTimeout))) {
                    log.warn("Tenant {}: cycle overran {} and is interrupted", tenantId, cycleTimeout);
                    run.future().cancel(true);
                }
            });
            for (Tenant tenant : registry.get().tenants()) {
                Instant due = nextDue.getOrDefault(tenant.id(), Instant.MIN);
                if (now.isBefore(due)) {
                    nextCycle = earlier(due, nextCycle);
                    continue;
                }
                if (!owns.test(tenant.id()) || running.containsKey(tenant.id())) {
                    continue;
                }
                // Due again before the cycle is handed over: a cycle that ends at once finds its next due time.
                Instant next = now.plus(interval.apply(tenant));
                nextDue.put(tenant.id(), next);
                try {
                    FutureTask<Void> run = new CycleRun(tenant);
                    workers.execute(run);
                    running.put(tenant.id(), new Running(now, run));
                    nextCycle = earlier(next, nextCycle);
                } catch (RejectedExecutionException full) {
                    // Due still: a tenant without a due time is due.
                    nextDue.remove(tenant.id());
                    log.warn(
                            "Tenant {}: cycle due but all {} threads and the queue are busy; retried next tick",
                            tenant.id(),
                            workers.getMaximumPoolSize());
                    return;
                }
            }
            if (nextCycle != null && nextCycle.isBefore(now.plus(every))) {
                wake(nextCycle);
            }
        } catch (RuntimeException unexpected) {
            log.error("Scheduler tick failed; next tick retries", unexpected);
        }
    }

    private static Instant earlier(Instant instant, Instant orNull) {
        return orNull == null || instant.isBefore(orNull) ? instant : orNull;
    }

    /** Asks the timer for a tick at {@code at}, unless one at that moment or sooner is already asked for. */
    private void wake(Instant at) {
        ScheduledExecutorService on = timer;
        if (on == null) {
            return;
        }
        Instant pending = wakeAt.get();
        while (pending == null || at.isBefore(pending)) {
            if (wakeAt.compareAndSet(pending, at)) {
                try {
                    long delay =
                            Math.max(0, Duration.between(clock.instant(), at).toNanos());
                    on.schedule(this::tick, delay, TimeUnit.NANOSECONDS);
                } catch (RejectedExecutionException stopping) {
                    log.debug("Scheduler stopping; no extra tick");
                }
                return;
            }
            pending = wakeAt.get();
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
        ScheduledFuture<?> periodic = ticking;
        timer = null;
        if (periodic != null) {
            periodic.cancel(true);
        }
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

    /**
     * A tenant's cycle that, once ended, ticks again at once if the tenant fell due while it ran (asked to run soon, or
     * its interval shorter than the cycle) instead of leaving it to the next periodic tick.
     */
    private final class CycleRun extends FutureTask<Void> {

        private final String tenantId;

        CycleRun(Tenant tenant) {
            super(() -> cycle.accept(tenant), null);
            this.tenantId = tenant.id();
        }

        @Override
        protected void done() {
            Instant now = clock.instant();
            Instant due = nextDue.get(tenantId);
            if (due == null || !now.isBefore(due)) {
                wake(now);
            }
        }
    }
}
