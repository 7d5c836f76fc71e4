package com.rostersync.publisher.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.events.outcome.SyncOutcome;
import com.rostersync.kernel.task.ServiceThreads;
import com.rostersync.oneroster.CsvReader;
import com.rostersync.oneroster.CsvRow;
import com.rostersync.oneroster.OneRosterFile;
import com.rostersync.publisher.HangingServer;
import com.rostersync.publisher.RecordingOutcomes;
import com.rostersync.publisher.SftpFixtures;
import com.rostersync.publisher.SnapshotFixtures;
import com.rostersync.publisher.merge.MergedFileSet;
import com.rostersync.publisher.upload.AtomicSftpUploader;
import com.rostersync.publisher.upload.DestinationUploader;
import com.rostersync.publisher.upload.SftpSessionFactories;
import com.rostersync.publisher.upload.SftpTimeouts;
import com.rostersync.publisher.upload.UploadFailure;
import com.rostersync.publisher.upload.UploadReceipt;
import com.rostersync.tenants.DestinationAccount;
import com.rostersync.tenants.SecretRef;
import com.rostersync.tenants.SecretResolver;
import com.rostersync.tenants.SecretWatcher;
import com.rostersync.tenants.Tenant;
import com.rostersync.tenants.TenantRegistry;
import com.rostersync.testsupport.SftpTestServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;

/** The coordinator with the real SFTP uploader against real MINA SSHD servers. */
class PublishToSftpTest {

    private static final int POOL = 8;

    @TempDir
    Path temp;

    private SftpTestServer server;
    private Path secrets;
    private SftpSessionFactories factories;
    private final RecordingOutcomes outcomes = new RecordingOutcomes();
    private final List<AutoCloseable> closeLater = new ArrayList<>();
    private PublishCoordinator coordinator;
    private TenantRegistry registry;

    @BeforeEach
    void start() {
        server = SftpTestServer.start(temp.resolve("sftp"), temp.resolve("host.key"));
        secrets = temp.resolve("secrets");
        factories = new SftpSessionFactories(
                new SecretResolver(Map.of(), secrets),
                new SftpTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(3)),
                SftpFixtures.idleCloser());
    }

    @AfterEach
    void stop() throws Exception {
        if (coordinator != null) {
            coordinator.close();
        }
        factories.close();
        for (AutoCloseable closeable : closeLater) {
            closeable.close();
        }
        server.close();
    }

    @Test
    void aDistrictAccountGetsOneMergedSetWithOneRowForATeacherInBothSchools() throws Exception {
        DestinationAccount district = SftpFixtures.passwordDestination(server, secrets, "district", "MHS,MMS");
        coordinator = started(new AtomicSftpUploader(factories, ".part"), district);

        coordinator.onSnapshot(SnapshotFixtures.school("maple", "MHS", 1));
        coordinator.onSnapshot(SnapshotFixtures.school("maple", "MMS", 1));

        await().atMost(Duration.ofSeconds(20))
                .until(() -> !outcomes.of(district.id(), OutcomeReason.UPLOADED).isEmpty());
        assertThat(outcomes.of(district.id(), OutcomeReason.UPLOADED)).hasSize(1);
        // A request that finds the set already uploaded records an UNCHANGED run; whether the second snapshot's request
        // comes before or after the upload is timing.
        assertThat(outcomes.runs())
                .filteredOn(run -> run.reason() != OutcomeReason.UNCHANGED)
                .as("one run per upload decision, with the tenant cycle of the snapshots it covered")
                .singleElement()
                .satisfies(run -> {
                    assertThat(run.destinationId()).isEqualTo(district.id());
                    assertThat(run.reason()).isEqualTo(OutcomeReason.UPLOADED);
                    assertThat(run.files()).extracting(f -> f.name()).contains("users.csv", "manifest.csv");
                    assertThat(run.files())
                            .allSatisfy(f -> assertThat(f.sha256()).hasSize(64));
                });
        byte[] users = Files.readAllBytes(server.homeOf("district").resolve("oneroster11/users.csv"));
        List<CsvRow> rows = CsvReader.read(OneRosterFile.USERS, users).rows();
        assertThat(rows)
                .filteredOn(r -> r.get("sourcedId").equals("T-SHARED"))
                .singleElement()
                .satisfies(r -> assertThat(r.get("orgSourcedIds")).isEqualTo("MHS,MMS"));
        assertThat(rows)
                .extracting(r -> r.get("sourcedId"))
                .doesNotHaveDuplicates()
                .hasSize(3);
    }

    @Test
    void aSchoolWithoutCoursesUploadsNoCoursesFileAndAManifestSayingAbsentAndTheOldFileStaysAsItWas() throws Exception {
        DestinationAccount destination = SftpFixtures.passwordDestination(server, secrets, "nocourses", "MHS");
        coordinator = started(new AtomicSftpUploader(factories, ".part"), destination);
        coordinator.onSnapshot(SnapshotFixtures.school("maple", "MHS", 1));
        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        outcomes.of(destination.id(), OutcomeReason.UPLOADED).size() == 1);
        Path folder = server.homeOf("nocourses").resolve("oneroster11");
        String coursesBefore = Files.readString(folder.resolve("courses.csv"));

        // The shape older mappers sent for a school without courses: a header-only file marked bulk.
        com.rostersync.events.snapshot.SchoolSnapshot v2 = SnapshotFixtures.school("maple", "MHS", 2);
        List<com.rostersync.events.snapshot.SnapshotFile> files = new ArrayList<>(v2.files());
        files.replaceAll(f -> f.name().equals("courses.csv")
                ? new com.rostersync.events.snapshot.SnapshotFile(
                        "courses.csv", String.join(",", OneRosterFile.COURSES.columns()) + "\r\n", 0)
                : f);
        coordinator.onSnapshot(new com.rostersync.events.snapshot.SchoolSnapshot(
                v2.schemaVersion(), "maple", "MHS", 2, "hash-v2", v2.createdAt(), files, 0));

        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        outcomes.of(destination.id(), OutcomeReason.UPLOADED).size() == 2);
        assertThat(outcomes.of(destination.id(), OutcomeReason.UPLOADED).get(1).counts())
                .as("users.csv and the manifest sent, the set's four unchanged files kept in place")
                .containsEntry("files", 2L)
                .containsEntry("keptFiles", 4L);
        List<CsvRow> manifest = CsvReader.read(
                        OneRosterFile.MANIFEST, Files.readAllBytes(folder.resolve("manifest.csv")))
                .rows();
        assertThat(manifest)
                .extracting(r -> r.get("propertyName") + "=" + r.get("value"))
                .contains("file.courses=absent", "file.classes=bulk");
        assertThat(Files.readString(folder.resolve("courses.csv")))
                .as("a file the manifest calls absent is left as it was: a reader goes by the manifest")
                .isEqualTo(coursesBefore);
        assertThat(Files.readString(folder.resolve("users.csv"))).contains("Student 2");
        assertThat(listing("nocourses")).noneMatch(name -> name.endsWith(".part"));
    }

    @Test
    void extensionColumnsReachOnlyTheAccountThatKeepsThem() throws Exception {
        DestinationAccount plain = SftpFixtures.passwordDestination(server, secrets, "plain", "MHS");
        DestinationAccount base = SftpFixtures.passwordDestination(server, secrets, "keeper", "MHS");
        DestinationAccount keeper = new DestinationAccount(
                base.id(),
                base.host(),
                base.port(),
                base.username(),
                base.password(),
                base.privateKey(),
                base.privateKeyPassphrase(),
                base.knownHosts(),
                base.directory(),
                base.schoolIds(),
                base.minInterval(),
                DestinationAccount.ExtensionColumns.KEEP);
        coordinator = started(new AtomicSftpUploader(factories, ".part"), plain, keeper);

        com.rostersync.events.snapshot.SchoolSnapshot school = SnapshotFixtures.school("maple", "MHS", 1);
        List<com.rostersync.events.snapshot.SnapshotFile> files = new ArrayList<>(school.files());
        files.replaceAll(f -> f.name().equals("orgs.csv")
                ? new com.rostersync.events.snapshot.SnapshotFile(
                        "orgs.csv",
                        f.content()
                                .replaceFirst("\r\n", ",metadata.city\r\n")
                                .replace(",MHS,D1\r\n", ",MHS,D1,Lakeside\r\n")
                                .replace("district,,\r\n", "district,,,\r\n"),
                        f.rows())
                : f);
        coordinator.onSnapshot(new com.rostersync.events.snapshot.SchoolSnapshot(
                school.schemaVersion(), "maple", "MHS", 1, "h", school.createdAt(), files, 0));

        await().atMost(Duration.ofSeconds(20))
                .until(() -> outcomes.of(plain.id(), OutcomeReason.UPLOADED).size() == 1
                        && outcomes.of(keeper.id(), OutcomeReason.UPLOADED).size() == 1);
        String kept = Files.readString(server.homeOf("keeper").resolve("oneroster11/orgs.csv"));
        String dropped = Files.readString(server.homeOf("plain").resolve("oneroster11/orgs.csv"));
        assertThat(kept)
                .startsWith(String.join(",", OneRosterFile.ORGS.columns()) + ",metadata.city\r\n")
                .contains(",MHS,D1,Lakeside\r\n");
        assertThat(dropped)
                .startsWith(String.join(",", OneRosterFile.ORGS.columns()) + "\r\n")
                .doesNotContain("Lakeside");
        assertThat(CsvReader.read(OneRosterFile.ORGS, dropped.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .rows())
                .hasSize(2);
    }

    @Test
    void aConnectionCutInsideALargeFileIsRetriedAndNoPartialFileIsEverVisible() throws Exception {
        DestinationAccount destination = SftpFixtures.passwordDestination(server, secrets, "cut", "MHS");
        coordinator = started(new AtomicSftpUploader(factories, ".part"), destination);
        coordinator.onSnapshot(SnapshotFixtures.school("maple", "MHS", 1));
        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        outcomes.of(destination.id(), OutcomeReason.UPLOADED).size() == 1);
        String firstUsers = Files.readString(server.homeOf("cut").resolve("oneroster11/users.csv"));
        server.dropConnectionOnceAfter("cut", 200_000);

        coordinator.onSnapshot(SnapshotFixtures.largeSchool("maple", "MHS", 2, 20_000));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String users = Files.readString(server.homeOf("cut").resolve("oneroster11/users.csv"));
            assertThat(users.equals(firstUsers) || users.length() > 1_000_000)
                    .as("whole old or whole new")
                    .isTrue();
            assertThat(outcomes.of(destination.id(), OutcomeReason.UPLOADED)).hasSize(2);
        });
        assertThat(server.droppedConnections()).isEqualTo(1);
        assertThat(outcomes.of(destination.id(), OutcomeReason.UPLOADED).get(1).counts())
                .containsEntry("attempts", 2L);
        assertThat(outcomes.of(destination.id(), OutcomeReason.DESTINATION_UNAVAILABLE))
                .isEmpty();
        assertThat(listing("cut")).noneMatch(name -> name.endsWith(".part"));
    }

    @Test
    void aServerThatIsDownIsReportedAndTheUploadRecoversByItselfWhenItIsBack() throws Exception {
        Path otherRoot = temp.resolve("other");
        Path otherKey = temp.resolve("other.key");
        SftpTestServer other = SftpTestServer.start(otherRoot, otherKey);
        int port = other.port();
        DestinationAccount destination = SftpFixtures.passwordDestination(other, secrets, "comeback", "MHS");
        other.close();
        coordinator = started(new AtomicSftpUploader(factories, ".part"), destination);

        coordinator.onSnapshot(SnapshotFixtures.school("maple", "MHS", 1));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !outcomes.of(destination.id(), OutcomeReason.DESTINATION_UNAVAILABLE)
                        .isEmpty());
        SftpTestServer back =
                SftpTestServer.start(otherRoot, otherKey, port).withPasswordUser("comeback", "pw-comeback");
        closeLater.add(back);

        await().atMost(Duration.ofSeconds(20)).until(() -> !outcomes.of(destination.id(), OutcomeReason.UPLOADED)
                .isEmpty());
        assertThat(Files.exists(back.homeOf("comeback").resolve("oneroster11/manifest.csv")))
                .isTrue();
        SyncOutcome unavailable = outcomes.of(destination.id(), OutcomeReason.DESTINATION_UNAVAILABLE)
                .get(0);
        assertThat(unavailable.tenantId()).isEqualTo("maple");
        assertThat(unavailable.schoolIds()).containsExactly("MHS");
        assertThat(unavailable.message()).doesNotContain("pw-comeback");
    }

    @Test
    void aPasswordRotatedOnDiskIsUsedByTheNextUploadAndARefusedDestinationIsRetriedOnceItsSecretChanges()
            throws Exception {
        DestinationAccount destination = SftpFixtures.passwordDestination(server, secrets, "rotate", "MHS");
        coordinator = started(new AtomicSftpUploader(factories, ".part"), destination);
        SecretWatcher watcher = new SecretWatcher(() -> registry, new SecretResolver(Map.of(), secrets));
        ServiceThreads threads =
                new ServiceThreads(new ThreadPoolTaskExecutorBuilder(), new ThreadPoolTaskSchedulerBuilder());
        threads.every("secret-watcher", Duration.ofMillis(100), watcher::poll);
        closeLater.add(threads::destroy);
        watcher.onChange(coordinator::onSecretsChanged);
        coordinator.onSnapshot(SnapshotFixtures.school("maple", "MHS", 1));
        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        outcomes.of(destination.id(), OutcomeReason.UPLOADED).size() == 1);

        rotate(secrets.resolve("rotate-password"), "not-the-password");
        coordinator.onSnapshot(SnapshotFixtures.school("maple", "MHS", 2));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !outcomes.of(destination.id(), OutcomeReason.DESTINATION_CREDENTIALS)
                        .isEmpty());
        SyncOutcome refused = outcomes.of(destination.id(), OutcomeReason.DESTINATION_CREDENTIALS)
                .get(0);
        assertThat(refused.message())
                .as("the cached session of the old password is not reused; the message names the login only")
                .contains("SFTP login rotate@" + server.host() + ":" + server.port())
                .doesNotContain("not-the-password", "pw-rotate");
        AtomicInteger seen = new AtomicInteger(-1);
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    int now = outcomes.of(destination.id(), OutcomeReason.DESTINATION_CREDENTIALS)
                            .size();
                    return seen.getAndSet(now) == now;
                });
        int refusals = seen.get();
        assertThat(refusals)
                .as("once for the upload, at most once more for the secret change that made it wrong; no loop")
                .isBetween(1, 2);

        rotate(secrets.resolve("rotate-password"), "pw-rotate");

        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        outcomes.of(destination.id(), OutcomeReason.UPLOADED).size() == 2);
        assertThat(outcomes.of(destination.id(), OutcomeReason.DESTINATION_CREDENTIALS))
                .as("retried only because the secret changed")
                .hasSize(refusals);
        assertThat(outcomes.of(destination.id())
                        .get(outcomes.of(destination.id()).size() - 1)
                        .reason())
                .isEqualTo(OutcomeReason.UPLOADED);
    }

    @Test
    void aDestinationRefusedOnAWrongPasswordIsRetriedWhenTheRightOneIsBackEvenIfNoCheckSawItChange() throws Exception {
        DestinationAccount destination = SftpFixtures.passwordDestination(server, secrets, "flip", "MHS");
        coordinator = started(new AtomicSftpUploader(factories, ".part"), destination);
        coordinator.onSnapshot(SnapshotFixtures.school("maple", "MHS", 1));
        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        outcomes.of(destination.id(), OutcomeReason.UPLOADED).size() == 1);
        // No watcher runs here: the wrong password is read only by the upload, as when it is rotated and rotated back
        // between two checks of the secrets.
        rotate(secrets.resolve("flip-password"), "not-the-password");
        coordinator.onSnapshot(SnapshotFixtures.school("maple", "MHS", 2));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !outcomes.of(destination.id(), OutcomeReason.DESTINATION_CREDENTIALS)
                        .isEmpty());

        coordinator.retryRefusedWithNewCredentials();
        // Counted by reason: a second check of version 1 may have answered UNCHANGED meanwhile, which is no retry.
        assertThat(outcomes.of(destination.id(), OutcomeReason.DESTINATION_CREDENTIALS))
                .as("the same wrong secret is not retried")
                .hasSize(1);

        rotate(secrets.resolve("flip-password"), "pw-flip");
        coordinator.retryRefusedWithNewCredentials();

        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        outcomes.of(destination.id(), OutcomeReason.UPLOADED).size() == 2);
        assertThat(outcomes.of(destination.id(), OutcomeReason.DESTINATION_CREDENTIALS))
                .hasSize(1);
    }

    @Test
    void aHundredDestinationsUploadInParallelOnABoundedPoolWhileOneHangs() throws Exception {
        HangingServer hanging = new HangingServer();
        closeLater.add(hanging);
        List<DestinationAccount> destinations = new ArrayList<>();
        DestinationAccount stuck = SftpFixtures.destinationAt(
                "127.0.0.1",
                hanging.port(),
                server.knownHostsLine(),
                "stuck",
                new SecretRef("stuck-password"),
                null,
                null,
                List.of("MHS"));
        SftpFixtures.writeSecret(secrets, "stuck-password", "whatever");
        destinations.add(stuck);
        for (int i = 1; i < 100; i++) {
            destinations.add(SftpFixtures.passwordDestination(server, secrets, "user" + i, "MHS"));
        }
        ConcurrencyProbe probe = new ConcurrencyProbe(new AtomicSftpUploader(factories, ".part"));
        coordinator = started(probe, destinations.toArray(DestinationAccount[]::new));

        coordinator.onSnapshot(SnapshotFixtures.school("maple", "MHS", 1));

        await().atMost(Duration.ofSeconds(90))
                .until(() -> outcomes.all().stream()
                                .filter(o -> o.reason() == OutcomeReason.UPLOADED)
                                .count()
                        == 99);
        assertThat(outcomes.of(stuck.id(), OutcomeReason.UPLOADED)).isEmpty();
        assertThat(probe.maxConcurrent.get()).isLessThanOrEqualTo(POOL);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !outcomes.of(stuck.id(), OutcomeReason.DESTINATION_UNAVAILABLE)
                        .isEmpty());
        assertThat(hanging.connections()).isPositive();
    }

    private PublishCoordinator started(DestinationUploader uploader, DestinationAccount... destinations) {
        registry = new TenantRegistry(List.of(new Tenant(
                "maple",
                "Maple",
                null,
                List.of("MHS", "MMS"),
                10,
                Duration.ofMinutes(1),
                List.of(destinations),
                List.of())));
        TenantRegistry current = registry;
        PublishCoordinator started = new PublishCoordinator(
                () -> current,
                uploader,
                outcomes,
                outcomes,
                new PublishMetrics(new SimpleMeterRegistry()),
                UploadRetries.exponential(
                        2, Duration.ofMillis(50), Duration.ofMillis(200), 0.5, Duration.ofMillis(300)),
                UploadThreads.workers(POOL),
                UploadThreads.timer(),
                Clock.systemUTC());
        started.start();
        return started;
    }

    /** Replaces a secret file in one step, as operations.md asks (a watcher never sees it half-written). */
    private static void rotate(Path secret, String value) throws Exception {
        Path next = Files.writeString(secret.resolveSibling(secret.getFileName() + ".new"), value);
        Files.move(next, secret, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private List<String> listing(String user) throws Exception {
        try (Stream<Path> files = Files.list(server.homeOf(user).resolve("oneroster11"))) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }

    /** Counts how many uploads run at the same time. */
    private static final class ConcurrencyProbe implements DestinationUploader {

        private final DestinationUploader delegate;
        private final AtomicInteger running = new AtomicInteger();
        private final AtomicInteger maxConcurrent = new AtomicInteger();

        ConcurrencyProbe(DestinationUploader delegate) {
            this.delegate = delegate;
        }

        @Override
        public UploadReceipt upload(DestinationAccount destination, MergedFileSet files) throws UploadFailure {
            maxConcurrent.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                return delegate.upload(destination, files);
            } finally {
                running.decrementAndGet();
            }
        }
    }
}
