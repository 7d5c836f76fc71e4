package com.rostersync.publisher.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rostersync.events.SchemaVersion;
import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.events.outcome.Stage;
import com.rostersync.events.outcome.SyncOutcome;
import com.rostersync.events.snapshot.SchoolSnapshot;
import com.rostersync.events.snapshot.SnapshotFile;
import com.rostersync.publisher.RecordingOutcomes;
import com.rostersync.publisher.SnapshotFixtures;
import com.rostersync.publisher.merge.MergedFileSet;
import com.rostersync.publisher.upload.DestinationUploader;
import com.rostersync.publisher.upload.UploadFailure;
import com.rostersync.publisher.upload.UploadReceipt;
import com.rostersync.tenants.DestinationAccount;
import com.rostersync.tenants.SecretRef;
import com.rostersync.tenants.Tenant;
import com.rostersync.tenants.TenantRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PublishCoordinatorTest {

    private static final UploadRetries NO_WAIT =
            UploadRetries.exponential(3, Duration.ofMillis(1), Duration.ofMillis(5), 0.5, Duration.ofHours(1));

    private final RecordingOutcomes outcomes = new RecordingOutcomes();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final FakeUploader uploader = new FakeUploader();
    private PublishCoordinator coordinator;

    @AfterEach
    void close() {
        if (coordinator != null) {
            coordinator.close();
        }
    }

    @Test
    void uploadsADistrictSetOnlyOnceEverySchoolItCoversHasASnapshot() {
        coordinator = started(registry(destination("district", List.of("MHS", "MMS"))));

        coordinator.onSnapshot(SnapshotFixtures.school("maple", "MHS", 1));
        coordinator.onSnapshot(SnapshotFixtures.school("maple", "MMS", 1));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> outcomes.of("district", OutcomeReason.UPLOADED).size() == 1);
        assertThat(uploader.uploads).hasSize(1);
        assertThat(users(uploader.uploads.get(0))).contains("MHS,MMS");
        SyncOutcome uploaded = outcomes.of("district").get(0);
        assertThat(uploaded.stage()).isEqualTo(Stage.PUBLISH);
        assertThat(uploaded.tenantId()).isEqualTo("maple");
        assertThat(uploaded.schoolIds()).containsExactly("MHS", "MMS");
        assertThat(uploaded.counts()).containsKeys("files", "bytes", "durationMillis");
        assertThat(meters.get("rostersync.publisher.uploads")
                        .tag("destination", "district")
                        .tag("reason", "UPLOADED")
                        .counter()
                        .count())
                .isEqualTo(1.0);
        assertThat(meters.get("rostersync.publisher.uploads")
                        .tag("destination", "district")
                        .tag("reason", "DESTINATION_CREDENTIALS")
                        .counter()
                        .count())
                .as("every reason of a scheduled destination is there at 0")
                .isZero();
        assertThat(meters.get("rostersync.outcomes.sent")
                        .tag("stage", "PUBLISH")
                        .tag("reason", "DISK_FULL")
                        .counter()
                        .count())
                .isZero();
        assertThat(meters.get("rostersync.outcomes.sent")
                        .tag("stage", "PUBLISH")
                        .tag("reason", "UPLOADED")
                        .counter()
                        .count())
                .isEqualTo(1.0);
    }

    @Test
    void aDestinationAddedToTheRegistryReceivesTheSnapshotsAlreadyHeld() {
        AtomicReference<TenantRegistry> current = new AtomicReference<>(registry(destination("old", List.of("MHS"))));
        coordinator = coordinator(current::get);
        coordinator.onSnapshot(SnapshotFixtures.school("maple", "MHS", 1));
        coordinator.start();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !outcomes.of("old", OutcomeReason.UPLOADED).isEmpty());

        current.set(registry(destination("old", List.of("MHS")), destination("new", List.of("MHS"))));
        coordinator.onRegistryChange();

        await().atMost(Duration.ofSeconds(10))
                .until(() -> !outcomes.of("new", OutcomeReason.UPLOADED).isEmpty());
        assertThat(outcomes.of("old", OutcomeReason.UPLOADED)).hasSize(1);
    }

    @Test
    void snapshotsArrivingDuringAnUploadCoalesceIntoOneFollowUpWithTheNewest() throws Exception {
        coordinator = started(registry(destination("one", List.of("MHS"))));
        uploader.block();

        coordinator.onSnapshot(SnapshotFixtures.school("maple", "MHS", 1));
        assertThat(uploader.started.await(10, TimeUnit.SECONDS)).isTrue();
        coordinator.onSnapshot(SnapshotFixtures.school("maple", "MHS", 2));
        coordinator.onSnapshot(SnapshotFixtures.school("maple", "MHS", 3));
        coordinator.onSnapshot(SnapshotFixtures.school("maple", "MHS", 4));
        uploader.release();

        await().atMost(Duration.ofSeconds(10))
                .until(() -> outcomes.of("one", OutcomeReason.UPLOADED).size() == 2);
        assertThat(uploader.uploads).hasSize(2);
        assertThat(users(uploader.uploads.get(1))).contains("Student 4");
    }

    @Test
    void aDestinationsMinimumIntervalSeparatesItsUploads() {
        Duration minInterval = Duration.ofMillis(400);
        DestinationAccount base = destination("slow", List.of("MHS"));
        coordinator = started(registry(new DestinationAccount(
                base.id(),
                base.host(),
                base.port(),
                base.username(),
                base.password(),
                null,
                null,
                base.knownHosts(),
                base.directory(),
                base.schoolIds(),
                minInterval)));

        coordinator.onSnapshot(SnapshotFixtures.school("maple", "MHS", 1));
        await().atMost(Duration.ofSeconds(10)).until(() -> uploader.finishedAt.size() == 1);
        coordinator.onSnapshot(SnapshotFixtures.school("maple", "MHS", 2));

        await().atMost(Duration.ofSeconds(10)).until(() -> uploader.startedAt.size() == 2);
        assertThat(Duration.between(uploader.finishedAt.get(0), uploader.startedAt.get(1)))
                .isGreaterThanOrEqualTo(minInterval.minusMillis(20));
    }

    @Test
    void contentTheDestinationAlreadyHasIsReportedUnchangedAndNotUploaded() {
        coordinator = started(registry(destination("one", List.of("MHS"))));
        coordinator.onSnapshot(SnapshotFixtures.school("maple", "MHS", 1));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> outcomes.of("one", OutcomeReason.UPLOADED).size() == 1);

        coordinator.onSnapshot(SnapshotFixtures.school("maple", "MHS", 1));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> !outcomes.of("one", OutcomeReason.UNCHANGED).isEmpty());
        assertThat(uploader.uploads).hasSize(1);
        assertThat(outcomes.states()).hasSize(1);
    }

    @Test
    void aRestartWithTheRestoredStateDoesNotUploadAgain() {
        coordinator = started(registry(destination("one", List.of("MHS"))));
        coordinator.onSnapshot(SnapshotFixtures.school("maple", "MHS", 1));
        await().atMost(Duration.ofSeconds(10)).until(() -> outcomes.states().size() == 1);
        coordinator.close();

        coordinator = coordinator(registry(destination("one", List.of("MHS"))));
        coordinator.restore(outcomes.states().get(0));
        coordinator.onSnapshot(SnapshotFixtures.school("maple", "MHS", 1));
        coordinator.start();

        await().atMost(Duration.ofSeconds(10))
                .until(() -> !outcomes.of("one", OutcomeReason.UNCHANGED).isEmpty());
        assertThat(uploader.uploads).hasSize(1);
    }

    @Test
    void anUnreachableDestinationIsRetriedThenReportedOnce() {
        uploader.failWith(OutcomeReason.DESTINATION_UNAVAILABLE);

        coordinator =
                startedWith(registry(destination("down", List.of("MHS"))), SnapshotFixtures.school("maple", "MHS", 1));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> outcomes.of("down", OutcomeReason.DESTINATION_UNAVAILABLE)
                                .size()
                        == 1);
        assertThat(uploader.attempts).hasSize(NO_WAIT.maxAttempts());
        assertThat(outcomes.of("down").get(0).counts()).containsEntry("attempts", 3L);
    }

    @Test
    void refusedCredentialsAreReportedAtOnceWithoutRetry() {
        uploader.failWith(OutcomeReason.DESTINATION_CREDENTIALS);

        coordinator =
                startedWith(registry(destination("creds", List.of("MHS"))), SnapshotFixtures.school("maple", "MHS", 1));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> outcomes.of("creds", OutcomeReason.DESTINATION_CREDENTIALS)
                                .size()
                        == 1);
        assertThat(uploader.attempts).hasSize(1);
    }

    @Test
    void anInvalidSchoolFileIsFileFailedNamingSchoolFileAndLineAndNothingIsUploaded() {
        SchoolSnapshot broken = SnapshotFixtures.school("maple", "MMS", 1);
        List<SnapshotFile> files = new ArrayList<>(broken.files().stream()
                .filter(f -> !f.name().equals("orgs.csv"))
                .toList());
        files.add(new SnapshotFile("orgs.csv", "sourcedId,name\r\n", 0));

        coordinator = startedWith(
                registry(destination("district", List.of("MHS", "MMS"))),
                SnapshotFixtures.school("maple", "MHS", 1),
                new SchoolSnapshot(SchemaVersion.CURRENT, "maple", "MMS", 1, "h", Instant.now(), files, 0));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> outcomes.of("district", OutcomeReason.FILE_FAILED).size() == 1);
        SyncOutcome failed = outcomes.of("district").get(0);
        assertThat(failed.fileFailures()).singleElement().satisfies(f -> assertThat(f.file())
                .isEqualTo("orgs.csv"));
        assertThat(failed.message()).contains("MMS", "orgs.csv");
        assertThat(uploader.uploads).isEmpty();
    }

    /** Snapshots known before the start, as after a restart: exactly one evaluation per destination follows. */
    private PublishCoordinator startedWith(TenantRegistry registry, SchoolSnapshot... snapshots) {
        PublishCoordinator created = coordinator(registry);
        for (SchoolSnapshot snapshot : snapshots) {
            created.onSnapshot(snapshot);
        }
        created.start();
        return created;
    }

    private PublishCoordinator started(TenantRegistry registry) {
        PublishCoordinator started = coordinator(registry);
        started.start();
        return started;
    }

    private PublishCoordinator coordinator(TenantRegistry registry) {
        return coordinator(() -> registry);
    }

    private PublishCoordinator coordinator(Supplier<TenantRegistry> registry) {
        return new PublishCoordinator(
                registry,
                uploader,
                outcomes,
                outcomes,
                new PublishMetrics(meters),
                NO_WAIT,
                UploadThreads.workers(4),
                UploadThreads.timer(),
                Clock.systemUTC());
    }

    static TenantRegistry registry(DestinationAccount... destinations) {
        return new TenantRegistry(List.of(new Tenant(
                "maple",
                "Maple",
                null,
                List.of("MHS", "MMS"),
                10,
                Duration.ofMinutes(1),
                List.of(destinations),
                List.of())));
    }

    static DestinationAccount destination(String id, List<String> schools) {
        return new DestinationAccount(
                id,
                "127.0.0.1",
                22,
                id,
                new SecretRef("unused"),
                null,
                null,
                "[127.0.0.1]:22 x",
                DestinationAccount.defaultDirectory(id),
                schools,
                Duration.ZERO);
    }

    private static String users(MergedFileSet files) {
        return files.filesWithText().stream()
                .filter(f -> f.name().equals("users.csv"))
                .findFirst()
                .orElseThrow()
                .content();
    }

    /** Records uploads; can hold the first one until released, or fail every one with a given reason. */
    private static final class FakeUploader implements DestinationUploader {

        private final List<MergedFileSet> uploads = new CopyOnWriteArrayList<>();
        private final List<MergedFileSet> attempts = new CopyOnWriteArrayList<>();
        private final CountDownLatch started = new CountDownLatch(1);
        private final List<Instant> startedAt = new CopyOnWriteArrayList<>();
        private final List<Instant> finishedAt = new CopyOnWriteArrayList<>();
        private volatile CountDownLatch gate;
        private volatile OutcomeReason failure;

        void block() {
            gate = new CountDownLatch(1);
        }

        void release() {
            gate.countDown();
        }

        void failWith(OutcomeReason reason) {
            failure = reason;
        }

        @Override
        public UploadReceipt upload(DestinationAccount destination, MergedFileSet files) throws UploadFailure {
            startedAt.add(Instant.now());
            attempts.add(files);
            started.countDown();
            CountDownLatch waitFor = gate;
            if (waitFor != null) {
                try {
                    waitFor.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                gate = null;
            }
            if (failure != null) {
                throw new UploadFailure(failure, null, "simulated " + failure, null);
            }
            uploads.add(files);
            finishedAt.add(Instant.now());
            return new UploadReceipt(files.files().size(), files.totalBytes());
        }
    }
}
