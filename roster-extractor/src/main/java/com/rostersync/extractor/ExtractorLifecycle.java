package com.rostersync.extractor;

import com.rostersync.extractor.cycle.CycleScheduler;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;

/**
 * Runs the cycle scheduler while the application runs: its timer calls {@link CycleScheduler#tick()} every
 * {@code tick}. It starts no cycle of a tenant before the consumer group gave this instance the tenant and its hashes
 * were read from the state topic ({@code TenantHandover}): a cycle on empty state would re-publish every record and,
 * worse, never delete what vanished while no instance ran.
 */
final class ExtractorLifecycle implements SmartLifecycle {

    /** Ticks closer together would only look at the same due times again. */
    private static final Duration SHORTEST_TICK = Duration.ofMillis(10);

    private final CycleScheduler scheduler;
    private final TaskScheduler timer;
    private final Duration tick;
    private volatile ScheduledFuture<?> ticking;

    ExtractorLifecycle(CycleScheduler scheduler, TaskScheduler timer, Duration tick) {
        this.scheduler = scheduler;
        this.timer = timer;
        this.tick = tick.compareTo(SHORTEST_TICK) < 0 ? SHORTEST_TICK : tick;
    }

    @Override
    public void start() {
        ticking = timer.scheduleWithFixedDelay(scheduler::tick, tick);
    }

    @Override
    public void stop() {
        ScheduledFuture<?> running = ticking;
        ticking = null;
        if (running != null) {
            running.cancel(true);
        }
        scheduler.close();
    }

    @Override
    public boolean isRunning() {
        return ticking != null;
    }
}
