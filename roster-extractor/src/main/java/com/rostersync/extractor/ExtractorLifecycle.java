package com.rostersync.extractor;

import com.rostersync.extractor.cycle.CycleScheduler;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the cycle scheduler while the application runs. It starts no cycle of a tenant before the consumer group gave
 * this instance the tenant and its hashes were read from the state topic ({@code TenantHandover}): a cycle on empty
 * state would re-publish every record and, worse, never delete what vanished while no instance ran.
 */
final class ExtractorLifecycle implements SmartLifecycle {

    private final CycleScheduler scheduler;
    private volatile boolean running;

    ExtractorLifecycle(CycleScheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public void start() {
        running = true;
        scheduler.start();
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
