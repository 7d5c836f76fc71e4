package com.rostersync.publisher.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rostersync.events.SchemaVersion;
import com.rostersync.events.cycle.TenantCycleRef;
import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.events.outcome.Stage;
import com.rostersync.events.outcome.SyncOutcome;
import com.rostersync.publisher.RecordingOutcomes;
import com.rostersync.publisher.SnapshotFixtures;
import com.rostersync.publisher.merge.MergedFileSet;
import com.rostersync.publisher.upload.DestinationUploader;
import com.rostersync.publisher.upload.UploadReceipt;
import com.rostersync.tenants.DestinationAccount;
import com.rostersync.tenants.Tenant;
import com.rostersync.tenants.TenantRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A tenant cycle that changes several schools of one destination gives that destination one upload, with every
 * school of the cycle in it. One upload worker, so a probe destination's upload proves that every request queued
 * before it was decided.
 */
class TenantCycleUploadTest {

    private static final UploadRetries NO_WAIT =
            UploadRetries.exponential(3, Duration.ofMillis(1), Duration.ofMillis(5), 0.5, Duration.ofHours(1));
    private static final List<String> MAPLE_SCHOOLS = List.of("MHS", "MMS", "MES");

    private final RecordingOutcomes outcomes = new RecordingOutcomes();
    private final List<MergedFileSet> districtUploads = new CopyOnWriteArrayList<>();
    private PublishCoordinator coordinator;
    private int probeVersion;

    @AfterEach
    void close() {
        coordinator.close();
    }

    @Test
    void aChangeTouchingEverySchoolOfADistrictUploadsItsDestinationOnce() {
        coordinator = started(Duration.ofMinutes(5));
        MAPLE_SCHOOLS.forEach(school -> coordinator.onSnapshot(SnapshotFixtures.school("maple", school, 1)));
        await().atMost(Duration.ofSeconds(10)).until(() -> districtUploads.size() == 1);
        TenantCycleRef cycle = cycle(MAPLE_SCHOOLS);

        coordinator.onSnapshot(SnapshotFixtures.school("maple", "MHS", 2).forCycle(cycle));
        probe();
        assertThat(districtUploads).as("MMS and MES are not mapped yet").hasSize(1);
        coordinator.onSnapshot(SnapshotFixtures.school("maple", "MMS", 2).forCycle(cycle));
        probe();
        assertThat(districtUploads).hasSize(1);
        coordinator.onSnapshot(SnapshotFixtures.school("maple", "MES", 2).forCycle(cycle));

        await().atMost(Duration.ofSeconds(10)).until(() -> districtUploads.size() == 2);
        probe();
        assertThat(districtUploads).hasSize(2);
        String users = users(districtUploads.get(1));
        assertThat(users.split("Student 2", -1))
                .as("every school's new student row")
                .hasSize(4);
        assertThat(users).doesNotContain("Student 1");
    }

    @Test
    void aSchoolWhoseContentDidNotChangeCountsAsMappedOnceItsMapOutcomeArrives() {
        coordinator = started(Duration.ofMinutes(5));
        MAPLE_SCHOOLS.forEach(school -> coordinator.onSnapshot(SnapshotFixtures.school("maple", school, 1)));
        await().atMost(Duration.ofSeconds(10)).until(() -> districtUploads.size() == 1);
        TenantCycleRef cycle = cycle(List.of("MHS", "MMS"));

        coordinator.onSnapshot(SnapshotFixtures.school("maple", "MHS", 2).forCycle(cycle));
        probe();
        assertThat(districtUploads).hasSize(1);
        coordinator.onMapOutcome(mapOutcome("MMS", 1, cycle));

        await().atMost(Duration.ofSeconds(10)).until(() -> districtUploads.size() == 2);
        assertThat(users(districtUploads.get(1))).contains("Student 2").contains("Student 1");
        assertThat(outcomes.of("district", OutcomeReason.UPLOADED).get(1).missingSchoolIds())
                .isEmpty();
    }

    @Test
    void aMapOutcomeArrivingBeforeItsSnapshotWaitsForThatSnapshot() {
        coordinator = started(Duration.ofMinutes(5));
        MAPLE_SCHOOLS.forEach(school -> coordinator.onSnapshot(SnapshotFixtures.school("maple", school, 1)));
        await().atMost(Duration.ofSeconds(10)).until(() -> districtUploads.size() == 1);
        TenantCycleRef cycle = cycle(List.of("MHS", "MMS"));

        coordinator.onSnapshot(SnapshotFixtures.school("maple", "MHS", 2).forCycle(cycle));
        coordinator.onMapOutcome(mapOutcome("MMS", 2, cycle));
        probe();
        assertThat(districtUploads).as("MMS v2 is announced but not here yet").hasSize(1);
        coordinator.onSnapshot(SnapshotFixtures.school("maple", "MMS", 2).forCycle(cycle));

        await().atMost(Duration.ofSeconds(10)).until(() -> districtUploads.size() == 2);
        String users = users(districtUploads.get(1));
        assertThat(users.split("Student 2", -1)).as("MHS and MMS at v2").hasSize(3);
        assertThat(users.split("Student 1", -1)).as("MES unchanged").hasSize(2);
    }

    @Test
    void aMapOutcomeArrivingAfterItsCycleWasUploadedDoesNotHoldTheNextChange() {
        coordinator = started(Duration.ofMinutes(5));
        MAPLE_SCHOOLS.forEach(school -> coordinator.onSnapshot(SnapshotFixtures.school("maple", school, 1)));
        await().atMost(Duration.ofSeconds(10)).until(() -> districtUploads.size() == 1);
        TenantCycleRef everySchool = cycle(MAPLE_SCHOOLS);
        MAPLE_SCHOOLS.forEach(school -> coordinator.onSnapshot(
                SnapshotFixtures.school("maple", school, 2).forCycle(everySchool)));
        await().atMost(Duration.ofSeconds(10)).until(() -> districtUploads.size() == 2);

        // The mapper's outcome for the last school of that cycle comes after the upload (seen at 1,000 schools).
        coordinator.onMapOutcome(mapOutcome("MES", 2, everySchool));
        probe();
        coordinator.onSnapshot(SnapshotFixtures.school("maple", "MHS", 3).forCycle(cycle(List.of("MHS"))));

        // At once, not after the five-minute cycle wait.
        await().atMost(Duration.ofSeconds(10)).until(() -> districtUploads.size() == 3);
        assertThat(users(districtUploads.get(2))).contains("Student 3");
        assertThat(outcomes.of("district", OutcomeReason.UPLOADED).get(2).missingSchoolIds())
                .isEmpty();
    }

    @Test
    void aSnapshotArrivingWhileTheDistrictIsBeingDecidedIsNotReplacedByItsOldCopy() {
        RaceClock clock = new RaceClock();
        coordinator = started(Duration.ofMinutes(5), clock);
        MAPLE_SCHOOLS.forEach(school -> coordinator.onSnapshot(SnapshotFixtures.school("maple", school, 1)));
        await().atMost(Duration.ofSeconds(10)).until(() -> districtUploads.size() == 1);
        TenantCycleRef cycle = cycle(List.of("MHS", "MMS"));

        // MMS's new snapshot lands after the worker read the district's snapshots and before it judged the cycle:
        // the run at 1,000 schools that uploaded a quarter of the districts twice, first with MMS's old copy.
        clock.beforeTheNextJudgement(() -> coordinator.onSnapshot(
                SnapshotFixtures.school("maple", "MMS", 2).forCycle(cycle)));
        coordinator.onSnapshot(SnapshotFixtures.school("maple", "MHS", 2).forCycle(cycle));

        await().atMost(Duration.ofSeconds(10)).until(() -> districtUploads.size() >= 2);
        probe();
        assertThat(clock.fired).as("the snapshot came during the decision").isTrue();
        assertThat(districtUploads).as("one upload for the cycle").hasSize(2);
        String users = users(districtUploads.get(1));
        assertThat(users.split("Student 2", -1)).as("MHS and MMS at v2").hasSize(3);
        assertThat(users.split("Student 1", -1)).as("MES unchanged").hasSize(2);
    }

    @Test
    void aSchoolNeverMappedIsReportedMissingAndTheRestGoesOutAfterTheBoundedWait() {
        coordinator = started(Duration.ofMillis(300));
        MAPLE_SCHOOLS.forEach(school -> coordinator.onSnapshot(SnapshotFixtures.school("maple", school, 1)));
        await().atMost(Duration.ofSeconds(10)).until(() -> districtUploads.size() == 1);
        TenantCycleRef cycle = cycle(MAPLE_SCHOOLS);

        coordinator.onSnapshot(SnapshotFixtures.school("maple", "MHS", 2).forCycle(cycle));
        coordinator.onSnapshot(SnapshotFixtures.school("maple", "MMS", 2).forCycle(cycle));

        // The outcome follows the upload: wait for it, not only for the files.
        await().atMost(Duration.ofSeconds(10))
                .until(() -> outcomes.of("district", OutcomeReason.UPLOADED).size() == 2);
        assertThat(districtUploads).hasSize(2);
        SyncOutcome uploaded = outcomes.of("district", OutcomeReason.UPLOADED).get(1);
        assertThat(uploaded.missingSchoolIds()).containsExactly("MES");
        assertThat(uploaded.message()).contains("[MES]").contains("not mapped in time");
    }

    /** Uploads a new version to the other tenant's destination and waits for it: the queue ahead of it is done. */
    private void probe() {
        probeVersion++;
        int expected = probeVersion;
        coordinator.onSnapshot(SnapshotFixtures.school("oak", "OHS", probeVersion));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> outcomes.of("probe", OutcomeReason.UPLOADED).size() == expected);
    }

    private PublishCoordinator started(Duration cycleWait) {
        return started(cycleWait, Clock.systemUTC());
    }

    private PublishCoordinator started(Duration cycleWait, Clock clock) {
        TenantRegistry registry = new TenantRegistry(List.of(
                new Tenant(
                        "maple",
                        "Maple",
                        null,
                        MAPLE_SCHOOLS,
                        10,
                        Duration.ofMinutes(1),
                        List.of(PublishCoordinatorTest.destination("district", MAPLE_SCHOOLS)),
                        List.of()),
                new Tenant(
                        "oak",
                        "Oak",
                        null,
                        List.of("OHS"),
                        10,
                        Duration.ofMinutes(1),
                        List.of(PublishCoordinatorTest.destination("probe", List.of("OHS"))),
                        List.of())));
        DestinationUploader uploader = new DestinationUploader() {
            @Override
            public UploadReceipt upload(DestinationAccount destination, MergedFileSet files) {
                if (destination.id().equals("district")) {
                    districtUploads.add(files);
                }
                return new UploadReceipt(files.files().size(), files.totalBytes());
            }
        };
        PublishCoordinator started = new PublishCoordinator(
                () -> registry,
                uploader,
                outcomes,
                outcomes,
                new PublishMetrics(new SimpleMeterRegistry()),
                NO_WAIT,
                UploadThreads.workers(1),
                UploadThreads.timer(),
                clock,
                cycleWait);
        started.start();
        return started;
    }

    /**
     * The system clock, except that the first time an upload decision reads it (the coordinator reads the time to
     * judge the tenant's cycle, right after reading the district's snapshots) it first runs a given action.
     */
    private static final class RaceClock extends Clock {
        private volatile Runnable beforeJudgement;
        private volatile boolean fired;

        void beforeTheNextJudgement(Runnable action) {
            beforeJudgement = action;
        }

        @Override
        public Instant instant() {
            Runnable action = beforeJudgement;
            if (action != null && calledFrom("attempt")) {
                beforeJudgement = null;
                fired = true;
                action.run();
            }
            return Instant.now();
        }

        private static boolean calledFrom(String method) {
            return StackWalker.getInstance().walk(frames -> frames.skip(2)
                    .findFirst()
                    .map(frame -> frame.getClassName().equals(PublishCoordinator.class.getName())
                            && frame.getMethodName().equals(method))
                    .orElse(false));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private static TenantCycleRef cycle(List<String> schools) {
        return new TenantCycleRef(UUID.randomUUID().toString(), Instant.now(), schools);
    }

    private static SyncOutcome mapOutcome(String school, long version, TenantCycleRef cycle) {
        return new SyncOutcome(
                        SchemaVersion.CURRENT,
                        UUID.randomUUID().toString(),
                        Instant.now(),
                        Stage.MAP,
                        OutcomeReason.SNAPSHOT_READY,
                        "maple",
                        List.of(school),
                        null,
                        "snapshot v" + version + " unchanged",
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        Map.of("version", version))
                .forCycle(cycle);
    }

    private static String users(MergedFileSet files) {
        return files.filesWithText().stream()
                .filter(f -> f.name().equals("users.csv"))
                .findFirst()
                .orElseThrow()
                .content();
    }
}
