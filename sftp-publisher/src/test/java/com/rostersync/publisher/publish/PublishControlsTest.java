package com.rostersync.publisher.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rostersync.events.command.TenantControlOverride;
import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.events.outcome.SyncOutcome;
import com.rostersync.events.snapshot.SchoolSnapshot;
import com.rostersync.kernel.overrides.ControlOverrides;
import com.rostersync.publisher.RecordingOutcomes;
import com.rostersync.publisher.SftpFixtures;
import com.rostersync.publisher.SnapshotFixtures;
import com.rostersync.publisher.upload.AtomicSftpUploader;
import com.rostersync.publisher.upload.SftpSessionFactories;
import com.rostersync.publisher.upload.SftpTimeouts;
import com.rostersync.tenants.DestinationAccount;
import com.rostersync.tenants.Mode;
import com.rostersync.tenants.PauseWindow;
import com.rostersync.tenants.Pauses;
import com.rostersync.tenants.SecretResolver;
import com.rostersync.tenants.Tenant;
import com.rostersync.tenants.TenantControls;
import com.rostersync.tenants.TenantRegistry;
import com.rostersync.testsupport.SftpTestServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dry runs, pause windows and the destination guard, with the real uploader against the real SFTP test server. */
class PublishControlsTest {

    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

    @TempDir
    Path temp;

    private SftpTestServer server;
    private Path secrets;
    private SftpSessionFactories factories;
    private final RecordingOutcomes outcomes = new RecordingOutcomes();
    private PublishCoordinator coordinator;

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
    void stop() {
        if (coordinator != null) {
            coordinator.close();
        }
        factories.close();
        server.close();
    }

    @Test
    void aDryRunTenantUploadsNothingAndReportsDryRunAsNoFailure() {
        DestinationAccount destination = SftpFixtures.passwordDestination(server, secrets, "dry", "MHS");
        coordinator = started(TenantControls.LIVE_DEFAULTS.withMode(Mode.DRY_RUN), Clock.systemUTC(), destination);

        coordinator.onSnapshot(SnapshotFixtures.school("maple", "MHS", 1));

        SyncOutcome dryRun = awaitOutcome(destination, OutcomeReason.DRY_RUN);
        assertThat(dryRun.reason().isFailure()).isFalse();
        assertThat(dryRun.message()).contains("maple", "dry-run", destination.id());
        assertThat(dryRun.counts()).containsKey("files");
        assertThat(uploaded(destination, "users.csv")).isFalse();
        assertThat(outcomes.of(destination.id(), OutcomeReason.UPLOADED)).isEmpty();
    }

    @Test
    void aTenantLiveInTheRegistryButOverriddenToADryRunUploadsNothingUntilTheOverrideIsCleared() {
        DestinationAccount destination = SftpFixtures.passwordDestination(server, secrets, "override", "MHS");
        TenantRegistry registry = registry(TenantControls.LIVE_DEFAULTS, destination);
        Map<String, TenantControlOverride> overrides = new ConcurrentHashMap<>();
        overrides.put(
                "maple",
                new TenantControlOverride("maple", "dry-run", null, "ops-lead", Instant.now(), "not reviewed yet"));
        coordinator = started(() -> ControlOverrides.apply(registry, overrides, Instant.now()), Clock.systemUTC());

        coordinator.onSnapshot(SnapshotFixtures.school("maple", "MHS", 1));

        SyncOutcome dryRun = awaitOutcome(destination, OutcomeReason.DRY_RUN);
        assertThat(dryRun.message()).contains("maple", "dry-run");
        assertThat(uploaded(destination, "users.csv")).isFalse();
        assertThat(outcomes.of(destination.id(), OutcomeReason.UPLOADED)).isEmpty();

        overrides.remove("maple");
        coordinator.onRegistryChange();

        awaitOutcome(destination, OutcomeReason.UPLOADED);
        assertThat(uploaded(destination, "users.csv"))
                .as("the kept snapshot goes out once the registry's live mode applies again")
                .isTrue();
    }

    @Test
    void aPauseWindowHoldsTheUploadAndTheLatestContentGoesOutWhenItEnds() {
        // Two seconds before midnight in Chicago on a paused day: the pause ends at midnight, local time.
        LocalDate pausedDay = LocalDate.of(2026, 12, 24);
        Instant beforeMidnight = ZonedDateTime.of(pausedDay.plusDays(1).atStartOfDay(), CHICAGO)
                .minusSeconds(2)
                .toInstant();
        Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), beforeMidnight));
        TenantControls paused = TenantControls.LIVE_DEFAULTS.withPauses(
                new Pauses(CHICAGO, List.of(PauseWindow.once(pausedDay, pausedDay))));
        DestinationAccount destination = SftpFixtures.passwordDestination(server, secrets, "paused", "MHS");
        coordinator = started(paused, clock, destination);

        coordinator.onSnapshot(SnapshotFixtures.school("maple", "MHS", 1));
        coordinator.onSnapshot(SnapshotFixtures.school("maple", "MHS", 2, "Latest Student"));

        SyncOutcome pausedOutcome = awaitOutcome(destination, OutcomeReason.PAUSED);
        assertThat(pausedOutcome.reason().isFailure()).isFalse();
        assertThat(pausedOutcome.message()).startsWith("paused until 2026-12-25 00:00 (America/Chicago)");
        assertThat(uploaded(destination, "users.csv"))
                .as("nothing is uploaded while paused")
                .isFalse();

        awaitOutcome(destination, OutcomeReason.UPLOADED);
        assertThat(outcomes.of(destination.id(), OutcomeReason.UPLOADED))
                .as("one upload when the pause ends, without a new snapshot")
                .hasSize(1);
        assertThat(content(destination, "users.csv")).contains("Latest Student");
    }

    @Test
    void aDestinationNotBoundToASchoolOfItsSetGetsNothingAndTheOutcomeNamesTenantDestinationAndSchool() {
        DestinationAccount wrongDistrict = SftpFixtures.boundTo(
                SftpFixtures.passwordDestination(server, secrets, "other", "MHS"), List.of("OAK-HS"));
        coordinator = started(TenantControls.LIVE_DEFAULTS, Clock.systemUTC(), wrongDistrict);

        coordinator.onSnapshot(SnapshotFixtures.school("maple", "MHS", 1));

        SyncOutcome refused = awaitOutcome(wrongDistrict, OutcomeReason.DESTINATION_GUARD);
        assertThat(refused.reason().isFailure()).isTrue();
        assertThat(refused.message()).contains("maple", wrongDistrict.id(), "[MHS]");
        assertThat(uploaded(wrongDistrict, "users.csv")).isFalse();
    }

    @Test
    void aFileSetWhoseOrgsNameAnotherSchoolIsRefused() {
        DestinationAccount destination = SftpFixtures.passwordDestination(server, secrets, "orgs", "MHS");
        coordinator = started(TenantControls.LIVE_DEFAULTS, Clock.systemUTC(), destination);
        SchoolSnapshot elsewhere = SnapshotFixtures.school("maple", "OAK-HS", 1);

        coordinator.onSnapshot(new SchoolSnapshot(
                elsewhere.schemaVersion(),
                "maple",
                "MHS",
                1,
                elsewhere.contentHash(),
                elsewhere.createdAt(),
                elsewhere.files(),
                0));

        SyncOutcome refused = awaitOutcome(destination, OutcomeReason.DESTINATION_GUARD);
        assertThat(refused.message()).contains("maple", destination.id(), "[OAK-HS]");
        assertThat(uploaded(destination, "users.csv")).isFalse();
    }

    private SyncOutcome awaitOutcome(DestinationAccount destination, OutcomeReason reason) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !outcomes.of(destination.id(), reason).isEmpty());
        return outcomes.of(destination.id(), reason).get(0);
    }

    private boolean uploaded(DestinationAccount destination, String file) {
        return Files.exists(
                server.homeOf(destination.username()).resolve("oneroster11").resolve(file));
    }

    private String content(DestinationAccount destination, String file) {
        try {
            return Files.readString(
                    server.homeOf(destination.username()).resolve("oneroster11").resolve(file));
        } catch (java.io.IOException unreadable) {
            throw new AssertionError(unreadable);
        }
    }

    private PublishCoordinator started(TenantControls controls, Clock clock, DestinationAccount destination) {
        TenantRegistry registry = registry(controls, destination);
        return started(() -> registry, clock);
    }

    private static TenantRegistry registry(TenantControls controls, DestinationAccount destination) {
        return new TenantRegistry(List.of(new Tenant(
                        "maple",
                        "Maple",
                        null,
                        List.of("MHS"),
                        10,
                        Duration.ofMinutes(1),
                        List.of(destination),
                        List.of())
                .withControls(controls)));
    }

    private PublishCoordinator started(Supplier<TenantRegistry> registry, Clock clock) {
        PublishCoordinator started = new PublishCoordinator(
                registry,
                new AtomicSftpUploader(factories, ".part"),
                outcomes,
                outcomes,
                new PublishMetrics(new SimpleMeterRegistry()),
                UploadRetries.exponential(
                        2, Duration.ofMillis(50), Duration.ofMillis(200), 0.5, Duration.ofMillis(300)),
                UploadThreads.workers(2),
                UploadThreads.timer(),
                clock);
        started.start();
        return started;
    }
}
