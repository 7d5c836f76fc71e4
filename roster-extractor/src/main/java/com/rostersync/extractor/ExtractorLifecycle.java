package com.rostersync.extractor;

import com.rostersync.extractor.cycle.CycleScheduler;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the cycle scheduler while the application runs: its timer ticks it every {@code tick} and whenever a tenant
 * falls due or is asked to run soon ({@link CycleScheduler#start}). It starts no cycle of a tenant before the consumer
 * group gave this instance the tenant and its hashes were read from the state topic ({@code TenantHandover}): a cycle
 * on empty state would re-publish every record and, worse, never delete what vanished while no instance ran.
 */
final class ExtractorLifecycle implements SmartLifecycle {

    /** Ticks closer together would only look at the same due times again. */
    private static final Duration SHORTEST_TICK = Duration.ofMillis(10);

    private final CycleScheduler scheduler;
    private final ScheduledExecutorService timer;
    private final Duration tick;
    private volatile boolean running;

    ExtractorLifecycle(CycleScheduler scheduler, ScheduledExecutorService timer, Duration tick) {
        this.scheduler = scheduler;
        this.timer = timer;
        this.tick = tick.compareTo(SHORTEST_TICK) < 0 ? SHORTEST_TICK : tick;
    }

    @Override
    public void start() {
        scheduler.start(timer, tick);
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        scheduler.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
