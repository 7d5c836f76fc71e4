package com.rostersync.extractor;

import com.rostersync.extractor.cycle.CycleScheduler;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Starts cycles only after the hash state was rebuilt from Kafka: a cycle on an empty state would re-publish every
 * record and, worse, never delete what vanished while the service was down. Restoring runs on its own thread and is
 * retried until it completes within its deadline, so a slow broker delays the first cycle but never the health check.
 */
final class ExtractorLifecycle implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ExtractorLifecycle.class);
    private static final Duration RETRY = Duration.ofSeconds(2);

    private final Runnable restore;
    private final CycleScheduler scheduler;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running;
    private Thread startup;

    ExtractorLifecycle(Runnable restore, CycleScheduler scheduler) {
        this.restore = restore;
        this.scheduler = scheduler;
    }

    @Override
    public void start() {
        running = true;
        startup = new Thread(this::restoreThenSchedule, "extractor-startup");
        startup.setDaemon(true);
        startup.start();
    }

    private void restoreThenSchedule() {
        while (running) {
            try {
                restore.run();
                scheduler.start();
                return;
            } catch (RuntimeException notYet) {
                log.warn(
                        "Hash state not restored yet ({}); retrying in {}",
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
