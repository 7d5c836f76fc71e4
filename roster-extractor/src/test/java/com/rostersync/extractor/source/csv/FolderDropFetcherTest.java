package com.rostersync.extractor.source.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.rostersync.extractor.support.Tenants;
import com.rostersync.tenants.Tenant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder drop's listing (what a quiet cycle compares, every sync interval), and a drop taken only when still. */
class FolderDropFetcherTest {

    @TempDir
    Path folder;

    final FolderDropFetcher fetcher = new FolderDropFetcher();

    @Test
    void listsEachRegularFileByNameSizeAndTimeInNameOrderAndLeavesFoldersOut() throws Exception {
        write("users.csv", "sourcedId\n", 1_000);
        write("orgs.csv", "sourcedId,name\n", 2_000);
        Files.createDirectory(folder.resolve("archive"));

        DropFetcher.Drop drop = fetcher.fetchIfChanged(tenant(), null).orElseThrow();

        assertThat(drop.listing()).isEqualTo("orgs.csv 15 2000\nusers.csv 10 1000\n");
        assertThat(drop.files()).containsOnlyKeys("orgs.csv", "users.csv");
        assertThat(new String(drop.files().get("users.csv"))).isEqualTo("sourcedId\n");
    }

    @Test
    void anUnchangedListingFetchesNothingAndAFileRewrittenToTheSameSizeIsFetchedAgain() throws Exception {
        write("users.csv", "sourcedId\nu1\n", 1_000);
        String listing = fetcher.fetchIfChanged(tenant(), null).orElseThrow().listing();

        assertThat(fetcher.fetchIfChanged(tenant(), listing)).isEmpty();

        write("users.csv", "sourcedId\nu2\n", 3_000);
        DropFetcher.Drop again = fetcher.fetchIfChanged(tenant(), listing).orElseThrow();
        assertThat(again.listing()).isEqualTo("users.csv 13 3000\n");
        assertThat(new String(again.files().get("users.csv"))).endsWith("u2\n");
    }

    @Test
    void aDropReplacedFileByFileIsNotReadWhileOneOfItsFilesIsAway() throws Exception {
        write("users.csv", "sourcedId\nu1\n", 1_000);
        write("orgs.csv", "sourcedId,name\n", 1_000);
        Duration settle = Duration.ofSeconds(1);
        FolderDropFetcher settling = new FolderDropFetcher(settle, Clock.systemUTC());
        String known = settling.fetchIfChanged(tenant(), null).orElseThrow().listing();

        // The export removes the old file and writes the new one later; only the folder's time says so meanwhile.
        long removedAt = System.nanoTime();
        Files.delete(folder.resolve("users.csv"));
        AtomicLong writtenAfter = new AtomicLong();
        Thread writer = new Thread(() -> {
            try {
                Thread.sleep(150);
                write("users.csv", "sourcedId\nu1\nu2\n", 2_000);
                writtenAfter.set(System.nanoTime() - removedAt);
            } catch (Exception stopped) {
                throw new IllegalStateException(stopped);
            }
        });
        writer.start();
        Throwable awayWhileRead = catchThrowable(() -> settling.fetchIfChanged(tenant(), known));
        writer.join();

        assumeTrue(
                Duration.ofNanos(writtenAfter.get()).compareTo(settle.dividedBy(2)) < 0,
                "the writer thread itself stalled past half the settle time on this machine");
        assertThat(awayWhileRead).isInstanceOfSatisfying(DropBeingWritten.class, moving -> assertThat(moving.file())
                .isEqualTo("users.csv"));
        assertThat(new String(settling.fetchIfChanged(tenant(), known)
                        .orElseThrow()
                        .files()
                        .get("users.csv")))
                .endsWith("u2\n");
    }

    @Test
    void aDropOlderThanTheSettleTimeIsReadWithoutWaiting() throws Exception {
        write("users.csv", "sourcedId\nu1\n", 1_000);
        Files.setLastModifiedTime(folder, FileTime.fromMillis(1_000));
        FolderDropFetcher settling = new FolderDropFetcher(Duration.ofHours(1), Clock.systemUTC());

        DropFetcher.Drop drop =
                assertTimeoutPreemptively(Duration.ofSeconds(30), () -> settling.fetchIfChanged(tenant(), null)
                        .orElseThrow());

        assertThat(drop.files()).containsOnlyKeys("users.csv");
    }

    @Test
    void aFileTimeAheadOfOurClockHoldsTheDropBackNoLongerThanTheSettleTime() throws Exception {
        write(
                "users.csv",
                "sourcedId\nu1\n",
                System.currentTimeMillis() + Duration.ofHours(1).toMillis());
        Files.setLastModifiedTime(folder, FileTime.fromMillis(1_000));
        FolderDropFetcher settling = new FolderDropFetcher(Duration.ofMillis(300), Clock.systemUTC());

        DropFetcher.Drop drop =
                assertTimeoutPreemptively(Duration.ofSeconds(30), () -> settling.fetchIfChanged(tenant(), null)
                        .orElseThrow());

        assertThat(new String(drop.files().get("users.csv"))).endsWith("u1\n");
    }

    private Tenant tenant() {
        return Tenants.folderDrop("t", folder.toString(), List.of("S1"));
    }

    private void write(String name, String text, long modifiedMillis) throws Exception {
        Path file = Files.writeString(folder.resolve(name), text);
        Files.setLastModifiedTime(file, FileTime.fromMillis(modifiedMillis));
    }
}
