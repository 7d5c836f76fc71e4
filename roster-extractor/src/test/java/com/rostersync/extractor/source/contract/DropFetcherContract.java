package com.rostersync.extractor.source.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.extractor.source.SourceFailure;
import com.rostersync.extractor.source.csv.DropFetcher;
import com.rostersync.extractor.support.Drops;
import com.rostersync.tenants.Tenant;
import java.nio.file.Files;
import java.nio.file.Path;
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
