package com.rostersync.extractor;

import com.rostersync.extractor.cycle.CycleScheduler;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the cycle scheduler once the extractor's topics exist. The scheduler starts no cycle of a tenant before the
 * consumer group gave this instance the tenant and its hashes were read from the state topic ({@code TenantHandover}):
 * a cycle on empty state would re-publish every record and, worse, never delete what vanished while no instance ran.
 * Creating the topics retries until the broker answers, on its own thread, so the service starts (and reports
 * health) while Kafka is still coming up; a start-up that could not create them (a busy broker) would otherwise leave
 * the tenant topic missing and no tenant would ever be given to any instance.
 */
final class ExtractorLifecycle implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ExtractorLifecycle.class);
    private static final Duration RETRY = Duration.ofSeconds(2);

    private final Runnable prepare;
    private final CycleScheduler scheduler;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running;
    private Thread startup;

    ExtractorLifecycle(Runnable prepare, CycleScheduler scheduler) {
        this.prepare = prepare;
        this.scheduler = scheduler;
    }

    @Override
    public void start() {
        running = true;
        startup = new Thread(this::prepareThenSchedule, "extractor-startup");
        startup.setDaemon(true);
        startup.start();
    }

    private void prepareThenSchedule() {
        while (running) {
            try {
                prepare.run();
                scheduler.start();
                return;
            } catch (RuntimeException notYet) {
                log.warn(
                        "Topics not ready yet ({}); retrying in {}",
                        notYet.getClass().getSimpleName(),
                        RETRY);
                try {
                    if (stopped.await(RETRY.toMillis(), TimeUnit.MILLISECONDS)) {
                        return;
                    }
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void stop() {
        running = false;
        stopped.countDown();
        scheduler.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
