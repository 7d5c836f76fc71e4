package com.rostersync.extractor.source.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.rostersync.extractor.support.Tenants;
import com.rostersync.tenants.Tenant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A drop folder's change brings its tenants' cycles forward, on the real file system's watch service. */
class DropFolderWatcherTest {

    static final Duration WATCHED_INTERVAL = Duration.ofMinutes(1);

    @TempDir
    Path root;

    final ConcurrentMap<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    final ConcurrentMap<String, Long> firstCallNanos = new ConcurrentHashMap<>();
    DropFolderWatcher watcher;

    @AfterEach
    void stop() {
        if (watcher != null) {
            watcher.close();
        }
    }

    @Test
    void aFileRenamedIntoTheFolderCallsItsTenantAfterTheSettleTimeAndNoOtherTenant() throws Exception {
        Path maple = watchMapleAndBirch(Duration.ofMillis(400)).maple();

        Path written = Files.writeString(root.resolve("users.csv.tmp"), "sourcedId\r\nU1\r\n");
        long renamedAt = System.nanoTime();
        Files.move(written, maple.resolve("users.csv"), StandardCopyOption.ATOMIC_MOVE);

        await().atMost(Duration.ofSeconds(10)).until(() -> calls.containsKey("maple"));
        assertThat(Duration.ofNanos(firstCallNanos.get("maple") - renamedAt))
                .as("the folder must stay still for the settle time first")
                .isGreaterThanOrEqualTo(Duration.ofMillis(400));
        Thread.sleep(600);
        assertThat(calls).containsOnlyKeys("maple");
        assertThat(calls.get("maple")).hasValue(1);
    }

    @Test
    void aCyclesOwnListingAndReadingOfTheDropCallNoOneAgain() throws Exception {
        Path maple = Files.createDirectories(root.resolve("maple"));
        start(Duration.ofMillis(100), Duration.ofMinutes(1));
        watcher.watch(List.of(Tenants.folderDrop("maple", maple.toString(), List.of("S1"))));
        Files.writeString(maple.resolve("users.csv"), "sourcedId\r\nU1\r\n");
        await().atMost(Duration.ofSeconds(10)).until(() -> calls.containsKey("maple"));

        for (int cycle = 0; cycle < 3; cycle++) {
            new FolderDropFetcher()
                    .fetchIfChanged(Tenants.folderDrop("maple", maple.toString(), List.of("S1")), null)
                    .orElseThrow();
        }
        Thread.sleep(700);

        assertThat(calls.get("maple"))
                .as("a cycle's own reads must not trigger the next one")
                .hasValue(1);
    }

    @Test
    void aFileWrittenInPiecesWithinTheSettleTimeGivesOneCallAfterItsLastPiece() throws Exception {
        Path maple = Files.createDirectories(root.resolve("maple"));
        start(Duration.ofSeconds(2), Duration.ofMinutes(1));
        watcher.watch(List.of(Tenants.folderDrop("maple", maple.toString(), List.of("S1"))));

        long lastPieceAt = 0;
        for (int piece = 0; piece < 6; piece++) {
            // Taken before the write: the watcher may hear of it before the write returns.
            lastPieceAt = System.nanoTime();
            Files.writeString(
                    maple.resolve("enrollments.csv"),
                    "row " + piece + "\r\n",
                    java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            Thread.sleep(150);
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> calls.containsKey("maple"));
        assertThat(Duration.ofNanos(firstCallNanos.get("maple") - lastPieceAt))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        Thread.sleep(500);
        assertThat(calls.get("maple")).hasValue(1);
    }

    @Test
    void twoTenantsReadingOneFolderAreBothCalled() throws Exception {
        Path shared = Files.createDirectories(root.resolve("shared"));
        start(Duration.ofMillis(100), Duration.ofMinutes(1));
        watcher.watch(List.of(
                Tenants.folderDrop("maple", shared.toString(), List.of("S1")),
                Tenants.folderDrop("birch", shared + "/./", List.of("S2"))));

        Files.writeString(shared.resolve("orgs.csv"), "sourcedId\r\n");

        await().atMost(Duration.ofSeconds(10)).until(() -> calls.size() == 2);
        assertThat(calls).containsOnlyKeys("maple", "birch");
    }

    @Test
    void aTenantNoLongerInTheRegistryIsNotCalled() throws Exception {
        TwoFolders folders = watchMapleAndBirch(Duration.ofMillis(100));
        Path maple = folders.maple();
        Path birch = folders.birch();
        watcher.watch(List.of(Tenants.folderDrop("birch", birch.toString(), List.of("S1"))));

        Files.writeString(maple.resolve("users.csv"), "sourcedId\r\n");
        Files.writeString(birch.resolve("users.csv"), "sourcedId\r\n");

        await().atMost(Duration.ofSeconds(10)).until(() -> calls.containsKey("birch"));
        Thread.sleep(500);
        assertThat(calls).containsOnlyKeys("birch");
    }

    @Test
    void aFolderMadeAfterTheWatchBeganIsWatchedFromTheNextRefresh() throws Exception {
        Path maple = root.resolve("maple");
        start(Duration.ofMillis(100), Duration.ofMillis(200));
        watcher.watch(List.of(Tenants.folderDrop("maple", maple.toString(), List.of("S1"))));

        Files.createDirectories(maple);
        writeUntilCalled(maple, "maple");
    }

    @Test
    void aFolderRemovedAndMadeAgainIsWatchedAgain() throws Exception {
        Path maple = Files.createDirectories(root.resolve("maple"));
        start(Duration.ofMillis(100), Duration.ofMillis(200));
        watcher.watch(List.of(Tenants.folderDrop("maple", maple.toString(), List.of("S1"))));
        Files.delete(maple);
        await().atMost(Duration.ofSeconds(10)).until(() -> calls.containsKey("maple"));
        calls.clear();

        Files.createDirectories(maple);
        writeUntilCalled(maple, "maple");
    }

    @Test
    void aLinkSwappedToAnotherFolderIsFollowedFromTheNextRefresh() throws Exception {
        Path monday = Files.createDirectories(root.resolve("monday"));
        Path tuesday = Files.createDirectories(root.resolve("tuesday"));
        Path current = Files.createSymbolicLink(root.resolve("current"), monday);
        start(Duration.ofMillis(100), Duration.ofMillis(200));
        watcher.watch(List.of(Tenants.folderDrop("maple", current.toString(), List.of("S1"))));

        Path next = Files.createSymbolicLink(root.resolve("current.next"), tuesday);
        Files.move(next, current, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        writeUntilCalled(tuesday, "maple");
        Thread.sleep(500);
        calls.clear();

        Files.writeString(monday.resolve("users.csv"), "sourcedId\r\n");
        Thread.sleep(700);
        assertThat(calls).as("the folder the link left is no longer watched").isEmpty();
    }

    @Test
    void aWatchedLocalFolderRestsItsTenantTheWatchedIntervalWhileAMissingOrRemovedFolderKeepsTheSyncInterval()
            throws Exception {
        assumeTrue(
                DropFolderWatcher.reportsEveryChange(Files.getFileStore(root).type()),
                "the temporary folder must be on a local file system");
        Path maple = Files.createDirectories(root.resolve("maple"));
        Tenant watched = Tenants.folderDrop("maple", maple.toString(), List.of("S1"));
        Tenant missing = Tenants.folderDrop("birch", root.resolve("birch").toString(), List.of("S1"));
        Tenant nightly = Tenants.withSyncInterval(
                Tenants.folderDrop("oak", maple.toString(), List.of("S1")), Duration.ofHours(1));
        Tenant notAFolder = Tenants.jdbc("elm", "jdbc:h2:mem:elm", "ELM_PASSWORD", List.of("S1"));
        start(Duration.ofMillis(100), Duration.ofMinutes(1));
        watcher.watch(List.of(watched, missing, nightly, notAFolder));

        assertThat(watcher.interval(watched)).isEqualTo(WATCHED_INTERVAL);
        assertThat(watcher.interval(missing)).isEqualTo(missing.syncInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(watcher.interval(nightly)).as("a longer sync interval stays").isEqualTo(Duration.ofHours(1));
        assertThat(watcher.interval(notAFolder)).isEqualTo(notAFolder.syncInterval());

        Files.delete(maple);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(watcher.interval(watched))
                .as("a folder that went away reports nothing until a refresh watches it again")
                .isEqualTo(watched.syncInterval()));

        watcher.watch(List.of(missing));
        assertThat(watcher.interval(watched)).as("a tenant no longer watched").isEqualTo(watched.syncInterval());
    }

    @Test
    void onlyLocalFileSystemsAreTrustedToReportEveryChange() {
        assertThat(List.of("ext4", "xfs", "btrfs", "tmpfs", "overlay", "zfs"))
                .allMatch(DropFolderWatcher::reportsEveryChange);
        assertThat(List.of("nfs", "nfs4", "cifs", "smb3", "9p", "ceph", "fuse.sshfs", "fuse.gcsfuse", "NFS4"))
                .noneMatch(DropFolderWatcher::reportsEveryChange);
    }

    /** Writes into the folder until the tenant is called: each write is a change once a refresh has watched it. */
    private void writeUntilCalled(Path folder, String tenantId) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Files.writeString(folder.resolve("users.csv"), "sourcedId\r\n" + System.nanoTime() + "\r\n");
            assertThat(calls).containsKey(tenantId);
        });
    }

    private void start(Duration settle, Duration refreshEvery) {
        watcher = new DropFolderWatcher(
                tenantId -> {
                    firstCallNanos.putIfAbsent(tenantId, System.nanoTime());
                    calls.computeIfAbsent(tenantId, any -> new AtomicInteger()).incrementAndGet();
                },
                settle,
                refreshEvery,
                WATCHED_INTERVAL);
        Thread thread = new Thread(watcher, "drop-watcher-test");
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts the watcher on two tenants, maple and birch, each reading a folder of its own. */
    private TwoFolders watchMapleAndBirch(Duration settle) throws Exception {
        Path maple = Files.createDirectories(root.resolve("maple"));
        Path birch = Files.createDirectories(root.resolve("birch"));
        start(settle, Duration.ofMinutes(1));
        watcher.watch(List.of(
                Tenants.folderDrop("maple", maple.toString(), List.of("S1")),
                Tenants.folderDrop("birch", birch.toString(), List.of("S1"))));
        return new TwoFolders(maple, birch);
    }

    private record TwoFolders(Path maple, Path birch) {}
}
