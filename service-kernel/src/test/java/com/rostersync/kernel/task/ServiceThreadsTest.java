package com.rostersync.kernel.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/** Pools and timers have named daemon threads, and a stop lets running work finish within the await period. */
class ServiceThreadsTest {

    private final ServiceThreads threads = new ServiceThreads(
            new ThreadPoolTaskExecutorBuilder().awaitTermination(true).awaitTerminationPeriod(Duration.ofSeconds(10)),
            new ThreadPoolTaskSchedulerBuilder());

    @AfterEach
    void stop() {
        threads.destroy();
    }

    @Test
    void aPoolRunsOnNamedDaemonThreadsAndRefusesWorkBeyondItsQueue() throws Exception {
        ThreadPoolTaskExecutor pool = threads.pool("test-cycle", 1, 1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Thread> ran = new AtomicReference<>();
        pool.submit(() -> {
            ran.set(Thread.currentThread());
            release.await();
            return null;
        });
        pool.submit(() -> {});

        await().atMost(Duration.ofSeconds(10)).until(() -> ran.get() != null);
        assertThat(ran.get().getName()).isEqualTo("test-cycle-1");
        assertThat(ran.get().isDaemon()).isTrue();
        assertThat(pool.getThreadPoolExecutor().getMaximumPoolSize()).isEqualTo(1);
        assertThatThrownBy(() -> pool.submit(() -> {})).isInstanceOf(TaskRejectedException.class);
        release.countDown();
    }

    @Test
    void stoppingLetsARunningTaskFinishInsteadOfInterruptingIt() throws Exception {
        ThreadPoolTaskExecutor pool = threads.pool("test-upload", 1, 0);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        Future<?> task = pool.submit(() -> {
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        Thread stopper = new Thread(threads::destroy, "stopper");
        stopper.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> stopper.getState() == Thread.State.TIMED_WAITING);
        release.countDown();
        stopper.join(10_000);

        assertThat(task).isDone();
        assertThat(interrupted).isFalse();
        assertThat(pool.getThreadPoolExecutor().isTerminated()).isTrue();
    }

    @Test
    void aPeriodicTaskRunsOnItsNamedTimerAndOutlivesAFailedRun() {
        AtomicInteger runs = new AtomicInteger();
        AtomicReference<String> thread = new AtomicReference<>();
        threads.every("test-poller", Duration.ofMillis(20), () -> {
            thread.set(Thread.currentThread().getName());
            if (runs.incrementAndGet() == 1) {
                throw new IllegalStateException("first poll fails");
            }
        });

        await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() >= 3);
        assertThat(thread.get()).isEqualTo("test-poller-1");
    }
}
