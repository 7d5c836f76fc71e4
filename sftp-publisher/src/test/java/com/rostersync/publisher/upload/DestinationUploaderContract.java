package com.rostersync.publisher.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.events.snapshot.SnapshotFile;
import com.rostersync.publisher.SnapshotFixtures;
import com.rostersync.publisher.merge.MergedFileSet;
import com.rostersync.publisher.merge.SnapshotMerger;
import com.rostersync.tenants.DestinationAccount;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every {@link DestinationUploader} promises the publisher, run against each adapter with its real counterpart:
 * a complete file set lands as it is, and failures come back already classified into the port's reasons (a refused
 * login is DESTINATION_CREDENTIALS and never retried, an unreachable server DESTINATION_UNAVAILABLE and retried, a
 * file the destination refuses names that file), with no secret in any message; the previous set stays.
 */
public abstract class DestinationUploaderContract {

    protected static final String WRONG_SECRET = "wrong-secret-4711";

    protected abstract DestinationUploader uploader();

    /** An account the adapter can log in to; each call gives a fresh, empty one. */
    protected abstract DestinationAccount account();

    /** The same kind of account, configured with {@link #WRONG_SECRET}. */
    protected abstract DestinationAccount accountWithWrongSecret();

    protected abstract DestinationAccount unreachableAccount() throws Exception;

    /** The files now in the account's folder, name to content. */
    protected abstract Map<String, String> filesIn(DestinationAccount account) throws Exception;

    /** Makes the account's folder refuse writes; {@link #acceptWrites} undoes it. */
    protected abstract void refuseWrites(DestinationAccount account);

    protected abstract void acceptWrites(DestinationAccount account);

    @Test
    void putsTheWholeFileSetInTheAccountsFolder() throws Exception {
        DestinationAccount account = account();
        MergedFileSet files = files(1);

        UploadReceipt receipt = uploader().upload(account, files);

        assertThat(receipt.files()).isEqualTo(files.files().size());
        assertThat(filesIn(account)).isEqualTo(contents(files));
    }

    @Test
    void aRefusedLoginIsDestinationCredentialsNotRetriedAndHoldsNoSecret() {
        assertThatThrownBy(() -> uploader().upload(accountWithWrongSecret(), files(1)))
                .isInstanceOfSatisfying(UploadFailure.class, failure -> {
                    assertThat(failure.reason()).isEqualTo(OutcomeReason.DESTINATION_CREDENTIALS);
                    assertThat(failure.isRetryable()).isFalse();
                    assertThat(failure.getMessage()).doesNotContain(WRONG_SECRET);
                });
    }

    @Test
    void anUnreachableDestinationIsDestinationUnavailableAndRetried() throws Exception {
        DestinationAccount unreachable = unreachableAccount();

        assertThatThrownBy(() -> uploader().upload(unreachable, files(1)))
                .isInstanceOfSatisfying(UploadFailure.class, failure -> {
                    assertThat(failure.reason()).isEqualTo(OutcomeReason.DESTINATION_UNAVAILABLE);
                    assertThat(failure.isRetryable()).isTrue();
                });
    }

    @Test
    void aFileTheDestinationRefusesIsNamedAndThePreviousSetStays() throws Exception {
        DestinationAccount account = account();
        MergedFileSet first = files(1);
        uploader().upload(account, first);
        refuseWrites(account);
        try {
            assertThatThrownBy(() -> uploader().upload(account, files(2)))
                    .isInstanceOfSatisfying(UploadFailure.class, failure -> {
                        assertThat(failure.reason()).isEqualTo(OutcomeReason.PERMISSION_DENIED);
                        assertThat(failure.file()).isNotBlank();
                    });
            assertThat(filesIn(account)).isEqualTo(contents(first));
        } finally {
            acceptWrites(account);
        }
    }

    private static MergedFileSet files(long version) throws Exception {
        return new SnapshotMerger().merge(List.of(SnapshotFixtures.school("maple", "MHS", version)));
    }

    private static Map<String, String> contents(MergedFileSet files) {
        return files.filesWithText().stream()
                .collect(java.util.stream.Collectors.toMap(SnapshotFile::name, SnapshotFile::content));
    }
}
