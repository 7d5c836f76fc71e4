package com.rostersync.extractor.source.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.extractor.source.SourceFailure;
import com.rostersync.extractor.source.csv.DropBeingWritten;
import com.rostersync.extractor.source.csv.DropFetcher;
import com.rostersync.extractor.support.Drops;
import com.rostersync.extractor.support.PausingWriter;
import com.rostersync.tenants.Tenant;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link DropFetcher} promises the CSV drop source, run against each fetcher with its real counterpart (a
 * folder, a MINA SSHD site): every finished file fetched byte for byte, an unchanged listing fetches nothing, and
 * failures classified into the port's kinds.
 */
public abstract class DropFetcherContract {

    protected static final String WRONG_SECRET = "wrong-secret-4711";

    /** The fetcher, with the right credentials. */
    protected abstract DropFetcher fetcher();

    /** The fetcher as the service builds it: a changed drop is taken once its newest file is {@code settle} old. */
    protected abstract DropFetcher settlingFetcher(Duration settle);

    /** The fetcher with {@link #WRONG_SECRET}; null when the drop has no login (a local folder). */
    protected abstract DropFetcher fetcherWithWrongCredentials();

    /** The folder the tenant's drop is read from, filled with the good drop before each test. */
    protected abstract Path dropFolder();

    protected abstract Tenant tenant();

    protected abstract Tenant unreachableTenant() throws Exception;

    @Test
    void fetchesEveryFileOfTheDropByteForByte() throws Exception {
        var files = fetcher().fetch(tenant());

        assertThat(files).containsOnlyKeys(Drops.GOOD_FILES);
        assertThat(files.get("users.csv"))
                .isEqualTo(Files.readAllBytes(dropFolder().resolve("users.csv")));
    }

    @Test
    void anUnchangedListingFetchesNothingAndAChangedFileIsFetchedAgain() throws Exception {
        DropFetcher.Drop first = fetcher().fetchIfChanged(tenant(), null).orElseThrow();

        assertThat(fetcher().fetchIfChanged(tenant(), first.listing())).isEmpty();

        Files.writeString(dropFolder().resolve("courses.csv"), Drops.headerOnly("courses.csv") + "\r\n");
        assertThat(fetcher().fetchIfChanged(tenant(), first.listing()))
                .hasValueSatisfying(changed -> assertThat(changed.listing()).isNotEqualTo(first.listing()));
    }

    @Test
    void aFileStillBeingWrittenIsNotTakenHalfwayAndIsTakenWholeOnceItIsStill() throws Exception {
        Duration settle = Duration.ofSeconds(1);
        DropFetcher fetcher = settlingFetcher(settle);
        String known = fetcher.fetchIfChanged(tenant(), null).orElseThrow().listing();
        Path users = dropFolder().resolve("users.csv");
        String whole = Drops.goodText("users.csv");
        Files.writeString(users, whole.substring(0, whole.indexOf("U2,")));
        List<String> rows = new ArrayList<>();
        for (int row = 0; row < 30; row++) {
            rows.add("U" + (100 + row) + ",,,true,SA,student,s" + row + ",,A,B,,,,,,,05,\r\n");
        }
        // A writer adding a row every 50 ms, each pause far shorter than the settle time.
        PausingWriter writer = PausingWriter.start(users, rows, Duration.ofMillis(50), StandardOpenOption.APPEND);
        Thread.sleep(100);
        Throwable halfway = catchThrowable(() -> fetcher.fetchIfChanged(tenant(), known));
        writer.join();

        assumeTrue(
                writer.pausedWellWithin(settle),
                "the writer thread itself stalled for " + writer.longestGap() + " on this machine");
        assertThat(halfway).isInstanceOfSatisfying(DropBeingWritten.class, moving -> {
            assertThat(moving.file()).isEqualTo("users.csv");
            assertThat(moving.getMessage()).contains("users.csv", "still being written");
        });
        DropFetcher.Drop still = fetcher.fetchIfChanged(tenant(), known).orElseThrow();
        assertThat(still.files().get("users.csv")).isEqualTo(Files.readAllBytes(users));
        assertThat(new String(still.files().get("users.csv"), StandardCharsets.UTF_8))
                .endsWith("U129,,,true,SA,student,s29,,A,B,,,,,,,05,\r\n");
    }

    @Test
    void aFileListedEmptyBeforeItsTimeMovedIsNotReadAsEmpty() throws Exception {
        Duration settle = Duration.ofSeconds(3);
        DropFetcher fetcher = settlingFetcher(settle);
        Path users = dropFolder().resolve("users.csv");
        FileTime anHourAgo = FileTime.from(Instant.now().minus(Duration.ofHours(1)));
        Files.setLastModifiedTime(users, anHourAgo);
        Files.setLastModifiedTime(dropFolder(), anHourAgo);
        String known = fetcher.fetchIfChanged(tenant(), null).orElseThrow().listing();

        // An export truncating the file in place: for a moment the file system lists it empty under its old time.
        Files.write(users, new byte[0]);
        Files.setLastModifiedTime(users, anHourAgo);
        // Its rows come later than a fetch reads a whole drop without waiting, well within the settle time.
        PausingWriter writer = PausingWriter.start(
                users, List.of(Drops.goodText("users.csv")), Duration.ofSeconds(1), StandardOpenOption.APPEND);
        Throwable emptied = catchThrowable(() -> fetcher.fetchIfChanged(tenant(), known));
        writer.join();

        assumeTrue(
                writer.pausedWellWithin(settle),
                "the writer thread itself stalled for " + writer.longestGap() + " on this machine");
        assertThat(emptied).isInstanceOfSatisfying(DropBeingWritten.class, moving -> assertThat(moving.file())
                .isEqualTo("users.csv"));
    }

    @Test
    void aRejectedLoginIsSourceCredentialsAndTheMessageHoldsNoSecret() {
        DropFetcher wrong = fetcherWithWrongCredentials();
        assumeTrue(wrong != null, "this drop has no login");

        assertThatThrownBy(() -> wrong.fetch(tenant())).isInstanceOfSatisfying(SourceFailure.class, failure -> {
            assertThat(failure.reason()).isEqualTo(OutcomeReason.SOURCE_CREDENTIALS);
            assertThat(failure.getMessage()).doesNotContain(WRONG_SECRET);
        });
    }

    @Test
    void anUnreachableDropIsSourceUnavailable() throws Exception {
        Tenant unreachable = unreachableTenant();

        assertThatThrownBy(() -> fetcher().fetch(unreachable))
                .isInstanceOfSatisfying(SourceFailure.class, failure -> assertThat(failure.reason())
                        .isEqualTo(OutcomeReason.SOURCE_UNAVAILABLE));
    }
}
