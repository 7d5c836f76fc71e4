package com.rostersync.kernel.task;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.scheduling.concurrent.ExecutorConfigurationSupport;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The threads a service runs its own work on (cycles, uploads, timers, polls), built from Boot's task execution and
 * scheduling builders so that every pool has named threads and stops the same way: at shutdown it takes no new task
 * and waits {@code spring.task.execution.shutdown.await-termination-period} (pools) or
 * {@code spring.task.scheduling.shutdown.await-termination-period} (timers) for running ones. The pools are not beans,
 * so they neither replace Boot's application executor nor stop before the listeners that hand them work; this bean
 * stops them after every bean that uses them.
 */
public final class ServiceThreads implements DisposableBean {

    private final ThreadPoolTaskExecutorBuilder executors;
    private final ThreadPoolTaskSchedulerBuilder schedulers;
    private final List<ExecutorConfigurationSupport> started = new CopyOnWriteArrayList<>();

    public ServiceThreads(ThreadPoolTaskExecutorBuilder executors, ThreadPoolTaskSchedulerBuilder schedulers) {
        this.executors = executors;
        this.schedulers = schedulers;
    }

    /**
     * A fixed pool of {@code threads} threads named {@code name-1}, {@code name-2}, ... with room for
     * {@code queueCapacity} waiting tasks (none: a task is refused when every thread is busy).
     */
    public ThreadPoolTaskExecutor pool(String name, int threads, int queueCapacity) {
        ThreadPoolTaskExecutor pool = executors
                .corePoolSize(threads)
                .maxPoolSize(threads)
                .allowCoreThreadTimeOut(false)
                .queueCapacity(queueCapacity)
                .threadNamePrefix(name + "-")
                .build();
        return start(pool);
    }

    /** One thread named {@code name-1} for delayed and periodic tasks. */
    public ThreadPoolTaskScheduler timer(String name) {
        ThreadPoolTaskScheduler timer =
                schedulers.poolSize(1).threadNamePrefix(name + "-").build();
        return start(timer);
    }

    /**
     * Runs {@code task} on a timer of its own named {@code name-1}, first after {@code interval} and then
     * {@code interval} after each run ends; a run that throws is logged and the next one still comes.
     */
    public void every(String name, Duration interval, Runnable task) {
        timer(name).scheduleWithFixedDelay(task, Instant.now().plus(interval), interval);
    }

    private <T extends ExecutorConfigurationSupport> T start(T executor) {
        // Daemon threads, as a hanging SIS or SFTP call must never keep a stopped service's JVM alive.
        executor.setDaemon(true);
        executor.initialize();
        started.add(executor);
        return executor;
    }

    /** Stops every pool and timer, each waiting as its shutdown settings say. */
    @Override
    public void destroy() {
        started.forEach(ExecutorConfigurationSupport::shutdown);
        started.clear();
    }
}
