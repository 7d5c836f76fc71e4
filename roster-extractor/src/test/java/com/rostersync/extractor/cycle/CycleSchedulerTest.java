package com.rostersync.extractor.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rostersync.extractor.support.Tenants;
import com.rostersync.tenants.Tenant;
import com.rostersync.tenants.TenantRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CycleSchedulerTest {

    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-23T10:00:00Z"));
    final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    final CountDownLatch never = new CountDownLatch(1);
    final AtomicBoolean slowInterrupted = new AtomicBoolean();
    final TenantRegistry registry = new TenantRegistry(List.of(tenant("slow"), tenant("a"), tenant("b")));
    final CycleScheduler scheduler =
            new CycleScheduler(() -> registry, this::cycle, pool(2, 10), Duration.ofSeconds(30), clock);

    @AfterEach
    void stop() {
        never.countDown();
        scheduler.close();
    }

    @Test
    void hangingTenantNeverDelaysTheOthers() {
        scheduler.tick();
        await().atMost(Duration.ofSeconds(10)).until(() -> runs("a") == 1 && runs("b") == 1);

        now.set(now.get().plusSeconds(1));
        scheduler.tick();
        await().atMost(Duration.ofSeconds(10)).until(() -> runs("a") == 2 && runs("b") == 2);
        assertThat(runs("slow")).as("a tenant never runs two cycles at once").isEqualTo(1);
    }

    @Test
    void aTenantAskedToRunSoonRunsAtTheNextTickInsteadOfAfterItsInterval() {
        scheduler.tick();
        await().atMost(Duration.ofSeconds(10)).until(() -> runs("a") == 1 && runs("b") == 1);
        now.set(now.get().plusMillis(100));
        scheduler.tick();
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> runs("a") == 1);

        scheduler.runSoon("a");
        scheduler.tick();

        await().atMost(Duration.ofSeconds(10)).until(() -> runs("a") == 2);
        assertThat(runs("b")).isEqualTo(1);
    }

    @Test
    void aTenantGivenALongerIntervalRestsItWhileTheOthersKeepTheirSyncIntervalAndRunSoonStillBringsItForward() {
        CycleScheduler resting = new CycleScheduler(
                () -> new TenantRegistry(List.of(tenant("a"), tenant("b"))),
                this::cycle,
                pool(2, 10),
                Duration.ofSeconds(30),
                clock,
                tenantId -> true,
                tenant -> tenant.id().equals("a") ? Duration.ofMinutes(1) : tenant.syncInterval());
        try {
            resting.tick();
            await().atMost(Duration.ofSeconds(10)).until(() -> runs("a") == 1 && runs("b") == 1);

            for (int second = 1; second <= 59; second++) {
                now.set(now.get().plusSeconds(1));
                int expected = second + 1;
                // Ticked until b's last cycle has ended and its next one started.
                await().atMost(Duration.ofSeconds(10)).until(() -> {
                    resting.tick();
                    return runs("b") == expected;
                });
            }
            assertThat(runs("a")).as("a rests its whole interval").isEqualTo(1);

            resting.runSoon("a");
            resting.tick();
            await().atMost(Duration.ofSeconds(10)).until(() -> runs("a") == 2);

            now.set(now.get().plusSeconds(59));
            resting.tick();
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> runs("a") == 2);
            now.set(now.get().plusSeconds(1));
            resting.tick();
            await().atMost(Duration.ofSeconds(10)).until(() -> runs("a") == 3);
        } finally {
            resting.close();
        }
    }

    @Test
    void onATimerThatTicksHourlyATenantStillRunsWhenItFallsDueAndAtOnceWhenAskedToRunSoon() {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        CycleScheduler timed = new CycleScheduler(
                () -> new TenantRegistry(List.of(tenant("a"), tenant("b"))),
                this::cycle,
                pool(2, 10),
                Duration.ofSeconds(30),
                Clock.systemUTC(),
                tenantId -> true,
                tenant -> tenant.id().equals("a") ? Duration.ofHours(1) : Duration.ofMillis(300));
        try {
            timed.start(timer, Duration.ofHours(1));

            await().atMost(Duration.ofSeconds(10)).until(() -> runs("b") >= 4);
            assertThat(runs("a")).isEqualTo(1);

            timed.runSoon("a");
            await().atMost(Duration.ofSeconds(2)).until(() -> runs("a") == 2);
        } finally {
            timed.close();
            timer.shutdownNow();
        }
    }

    @Test
    void aTenantAskedToRunSoonWhileItsCycleRunsStartsAgainAsSoonAsThatCycleEndsNotAtTheNextTick() throws Exception {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CycleScheduler timed = new CycleScheduler(
                () -> new TenantRegistry(List.of(tenant("a"))),
                tenant -> {
                    if (runs.computeIfAbsent("a", id -> new AtomicInteger()).incrementAndGet() == 1) {
                        firstStarted.countDown();
                        try {
                            release.await();
                        } catch (InterruptedException interrupted) {
                            Thread.currentThread().interrupt();
                        }
                    }
                },
                pool(1, 1),
                Duration.ofSeconds(30),
                Clock.systemUTC(),
                tenantId -> true,
                tenant -> Duration.ofHours(1));
        try {
            timed.start(timer, Duration.ofHours(1));
            assertThat(firstStarted.await(10, TimeUnit.SECONDS)).isTrue();

            timed.runSoon("a");
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> runs("a") == 1);
            release.countDown();

            await().atMost(Duration.ofSeconds(2)).until(() -> runs("a") == 2);
        } finally {
            timed.close();
            timer.shutdownNow();
        }
    }

    @Test
    void cycleOverrunningTheTimeoutIsInterruptedAndTheTenantRunsAgain() {
        scheduler.tick();
        await().atMost(Duration.ofSeconds(10)).until(() -> runs("slow") == 1);

        now.set(now.get().plusSeconds(31));
        scheduler.tick();
        await().atMost(Duration.ofSeconds(10)).untilTrue(slowInterrupted);

        await().atMost(Duration.ofSeconds(10)).until(() -> {
            scheduler.tick();
            return runs("slow") == 2;
        });
    }

    @Test
    void aCleanStopLetsARunningCycleFinishInsteadOfInterruptingIt() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        AtomicBoolean finished = new AtomicBoolean();
        CycleScheduler stopping = new CycleScheduler(
                () -> new TenantRegistry(List.of(tenant("a"))),
                tenant -> {
                    started.countDown();
                    try {
                        release.await();
                        finished.set(true);
                    } catch (InterruptedException e) {
                        interrupted.set(true);
                    }
                },
                pool(1, 1),
                Duration.ofSeconds(30),
                clock);
        stopping.tick();
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        Thread closer = new Thread(stopping::close, "closer");
        closer.start();
        // Released only once close() waits (or has already interrupted the cycle, which the test then reports).
        await().atMost(Duration.ofSeconds(10))
                .until(() -> closer.getState() == Thread.State.TIMED_WAITING || interrupted.get());
        release.countDown();
        closer.join(10_000);

        assertThat(interrupted).isFalse();
        assertThat(finished).isTrue();
    }

    private void cycle(Tenant tenant) {
        runs.computeIfAbsent(tenant.id(), id -> new AtomicInteger()).incrementAndGet();
        if (tenant.id().equals("slow") && runs("slow") == 1) {
            try {
                never.await();
            } catch (InterruptedException interrupted) {
                slowInterrupted.set(true);
            }
        }
    }

    private int runs(String tenantId) {
        return runs.getOrDefault(tenantId, new AtomicInteger()).get();
    }

    private static ThreadPoolExecutor pool(int threads, int queueCapacity) {
        return new ThreadPoolExecutor(
                threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(queueCapacity));
    }

    private static Tenant tenant(String id) {
        return Tenants.folderDrop(id, "/nowhere", List.of("S1"));
    }
}
