package com.rostersync.publisher.publish;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/** A coordinator's upload pool and timer for tests, built as the service builds them; the coordinator stops them. */
final class UploadThreads {

    private UploadThreads() {}

    static ExecutorService workers(int threads) {
        ThreadPoolTaskExecutor pool = new ThreadPoolTaskExecutorBuilder()
                .corePoolSize(threads)
                .maxPoolSize(threads)
                .threadNamePrefix("publisher-upload-")
                .build();
        pool.setDaemon(true);
        pool.initialize();
        return pool.getThreadPoolExecutor();
    }

    static ScheduledExecutorService timer() {
        ThreadPoolTaskScheduler timer = new ThreadPoolTaskSchedulerBuilder()
                .threadNamePrefix("publisher-timer-")
                .build();
        timer.setDaemon(true);
        timer.initialize();
        return timer.getScheduledExecutor();
    }
}
